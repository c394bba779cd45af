//! From `module-1`: a generator yields at every step; an `async fn` that awaits a
//! future which is ready at once never yields at all. Both are driven by hand here: the
//! generator with `resume`, the future with `poll` and a waker that does nothing.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::time::Duration;

use corogen::{Gen, GeneratorState};
use corolab::{Flag, Kind, Stage};

/// This lesson drives futures by hand.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn no_op() {}

async fn async_coroutine(stage: &Stage) {
    for i in 0..5 {
        stage.say(format_args!("async_coroutine iteration {i}"));
        no_op().await;
    }
}

fn sync_coroutine(stage: &Stage) -> Gen<(), (), impl Future<Output = ()> + '_> {
    Gen::new(move |co| async move {
        for i in 0..5 {
            stage.say(format_args!("sync_coroutine iteration {i}"));
            co.yield_(()).await;
        }
    })
}

/// Polls `future` to the end, calling `between` at each pause: Python's
/// `for i, _ in enumerate(coroutine.__await__())`.
fn drive(future: impl Future<Output = ()>, mut between: impl FnMut(usize)) {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let mut i = 0;
    while future.as_mut().poll(&mut cx).is_pending() {
        between(i);
        i += 1;
    }
}

/// Both coroutines, first just run through, then with the caller's own steps
/// between theirs.
pub fn lesson(stage: &Stage) {
    let mut sync = sync_coroutine(stage);
    while let GeneratorState::Yielded(()) = sync.resume() {}
    stage.say(format_args!("{}", "=".repeat(17)));
    drive(async_coroutine(stage), |_| {});

    let mut sync = sync_coroutine(stage);
    let mut i = 0;
    while let GeneratorState::Yielded(()) = sync.resume() {
        stage.say(format_args!("outer sync_coroutine iteration: {i}"));
        stage.pause(Duration::from_secs(1));
        i += 1;
    }
    stage.say(format_args!("{}", "=".repeat(17)));
    drive(async_coroutine(stage), |i| {
        stage.say(format_args!("outer async_coroutine iteration: {i}"));
        stage.pause(Duration::from_secs(1));
    });
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
