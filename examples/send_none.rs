//! From `module-1`: a coroutine object, driven by hand. Calling `coro()` runs
//! none of it; one `send(None)` runs it to its end, which Python reports by raising
//! `StopIteration`. In Rust the coroutine is a future, `send(None)` is one `poll`
//! (with a waker that does nothing), and its end is `Poll::Ready`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use corolab::{Flag, Kind, Stage};

/// This lesson drives a future by hand.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn coro(stage: &Stage) {
    stage.say(format_args!("I am a coroutine!"));
}

/// The coroutine made, shown, and run with one poll.
pub fn lesson(stage: &Stage) {
    let coroutine = coro(stage);
    // Nothing has been printed yet: the body runs only when polled. A future has
    // no repr; the lesson prints its type, as the compiler names it (the
    // library's `corolab::lessons::` prefix cut, so the name does not depend on
    // how the lesson is built).
    let name = std::any::type_name_of_val(&coroutine).replace("corolab::lessons::", "");
    stage.say(format_args!("{name}"));

    let mut coroutine = pin!(coroutine);
    let mut cx = Context::from_waker(Waker::noop());
    match coroutine.as_mut().poll(&mut cx) {
        // It returns nothing, which Python calls `None`.
        Poll::Ready(()) => stage.say(format_args!("StopIteration: None")),
        Poll::Pending => stage.say(format_args!("(still running)")),
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
