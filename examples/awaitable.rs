//! From `module-1`: an awaitable whose `__await__` yields three times before it returns
//! `"Ok"`, and a coroutine that awaits it five times, driven by a hand loop.
//!
//! A Rust future cannot hand values out when it pauses, as Python's `yield i`
//! does; the awaitable leaves its index in a cell the driving loop reads instead.

use std::cell::Cell;
use std::future::{Future, IntoFuture};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use coroasync::PyRepr;
use corolab::{Flag, Kind, Stage};

/// This lesson drives futures by hand.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// Python's `Awaitable`: each `await` starts a fresh `__await__`.
struct Awaitable<'a> {
    stage: &'a Stage,
    yielded: Rc<Cell<Option<u32>>>,
}

impl<'a> IntoFuture for &Awaitable<'a> {
    type Output = &'static str;
    type IntoFuture = AwaitableSteps<'a>;

    fn into_future(self) -> AwaitableSteps<'a> {
        AwaitableSteps {
            stage: self.stage,
            yielded: Rc::clone(&self.yielded),
            i: 0,
        }
    }
}

/// The body of `__await__`: `for i in range(3): yield i`, then `return "Ok"`.
struct AwaitableSteps<'a> {
    stage: &'a Stage,
    yielded: Rc<Cell<Option<u32>>>,
    i: u32,
}

impl Future for AwaitableSteps<'_> {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.i == 3 {
            return Poll::Ready("Ok");
        }
        let i = self.i;
        self.stage.say(format_args!("index from awaitable: {i}"));
        self.yielded.set(Some(i));
        self.i += 1;
        // `Pending` promises a wake: nothing else will, so ask to be polled again
        // at once, as a bare `yield` in an asyncio task does. The hand loop below
        // polls regardless; an event loop polls only what was woken.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn async_coroutine(awaitable: Awaitable<'_>) {
    let stage = awaitable.stage;
    for i in 0..5 {
        stage.say(format_args!("coroutine iteration {i}"));
        let result = (&awaitable).await;
        stage.say(format_args!("Awaitable says: {result}"));
        stage.say(format_args!("{}", "=".repeat(21)));
    }
}

/// `for i, j in enumerate(async_coroutine().__await__())`.
pub fn lesson(stage: &Stage) {
    let yielded = Rc::new(Cell::new(None));
    let awaitable = Awaitable {
        stage,
        yielded: Rc::clone(&yielded),
    };
    let mut coroutine = pin!(async_coroutine(awaitable));
    let mut cx = Context::from_waker(Waker::noop());
    let mut i = 0;
    while coroutine.as_mut().poll(&mut cx).is_pending() {
        stage.say(format_args!("outer iteration: {i}"));
        let j = yielded.take();
        stage.say(format_args!("coroutine iteration result: {}", j.py_str()));
        stage.say(format_args!("{}", "-".repeat(23)));
        stage.pause(Duration::from_secs(1));
        i += 1;
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_awaitable_completes_on_an_event_loop_that_polls_only_what_was_woken() {
        // The loop's futures must be `'static`; the stage lives for the test.
        let stage: &'static Stage = Box::leak(Box::new(Stage::new(
            KIND,
            true,
            false,
            corolab::Flags::default(),
        )));
        let awaitable = Awaitable {
            stage,
            yielded: Rc::default(),
        };
        let outcome = stage.run(async move { (&awaitable).await });
        assert_eq!(outcome, Ok("Ok"));
    }
}
