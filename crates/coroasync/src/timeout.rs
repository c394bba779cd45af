//! `timeout`: a time limit on any future, in place, as tokio's `time::timeout`.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::error::Elapsed;
use crate::time::{Sleep, sleep};

/// Runs `future` for at most `duration` on the loop's clock: tokio's
/// `time::timeout`, beside asyncio's [`wait_for`](crate::wait_for).
///
/// Unlike `wait_for`, nothing is spawned: the future runs inside the task that
/// awaits the `Timeout`, so it may borrow from that task (no `'static`), and its
/// own output comes back as is: `Ok(output)`, or `Err(Elapsed)` when the time ran
/// out first. Time running out drops the future at once, which is how a future is
/// cancelled; dropping the `Timeout` drops it too. A future that is ready on the
/// same poll the time runs out wins. `Duration::MAX` is no limit at all, as for
/// [`sleep`]. The time counts from the first poll, as a sleep's does (tokio's
/// counts from the call).
///
/// The future is kept in a box (one allocation per timeout), so that `Timeout`
/// can pin it in safe code (the crate forbids the other kind).
///
/// # Panics
///
/// When polled outside a running event loop (there is no clock), or polled again
/// after it returned its result.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, timeout, Elapsed, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let outcome = lp.run_until_complete(async {
///     let name = String::from("borrowed, not moved");
///     let quick = timeout(Duration::from_secs(2), async {
///         sleep(Duration::from_secs(1)).await;
///         name.len()
///     });
///     let slow = timeout(Duration::from_secs(1), sleep(Duration::from_secs(5)));
///     (quick.await, slow.await)
/// });
/// assert_eq!(outcome, Ok((Ok(19), Err(Elapsed))));
/// assert_eq!(lp.now(), Duration::from_secs(2)); // the slow sleep was dropped at 2 s
/// ```
pub fn timeout<F: IntoFuture>(duration: Duration, future: F) -> Timeout<F::IntoFuture> {
    Timeout {
        future: Some(Box::pin(future.into_future())),
        timer: sleep(duration),
    }
}

/// The future of [`timeout`]: the inner future's output, or [`Elapsed`].
#[must_use = "futures do nothing unless awaited"]
pub struct Timeout<F> {
    /// `None` once the result has been handed out: the future has finished or
    /// has been dropped because the time ran out.
    future: Option<Pin<Box<F>>>,
    timer: Sleep,
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // The timer first, so that a deadlock report names what the future waits
        // on (which it notes when polled), not the timer.
        let due = Pin::new(&mut this.timer).poll(cx).is_ready();
        let future = this
            .future
            .as_mut()
            .expect("coroasync::Timeout polled after it returned its result");
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            this.future = None;
            return Poll::Ready(Ok(output));
        }
        if due {
            this.future = None;
            return Poll::Ready(Err(Elapsed));
        }
        Poll::Pending
    }
}

impl<F> fmt::Debug for Timeout<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeout")
            .field("running", &self.future.is_some())
            .field("timer", &self.timer)
            .finish()
    }
}
