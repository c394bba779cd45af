//! The cancel guard: Python's `except CancelledError: ...; raise`, which Rust
//! cannot write, since a cancelled future is dropped, not resumed with an error.

use std::fmt;
use std::future::IntoFuture;

/// Runs `action` if the guard is dropped while still armed: the twin of
/// Python's
///
/// ```python
/// try:
///     await something()
/// except asyncio.CancelledError:
///     print('cancelled')
///     raise
/// ```
///
/// Cancelling a task drops its future, and with it every local of the `async`
/// block, this guard among them: that drop is the only moment Rust gives for
/// "I was cancelled here". Call [`CancelGuard::disarm`] once the part that may be
/// cancelled is over, so that finishing normally does not run `action`. Python
/// cannot swallow the cancellation here and neither can the guard: the task ends
/// cancelled either way.
///
/// A guard dropped while a panic unwinds does not run `action`, as Python's
/// `except CancelledError` does not catch other exceptions. An early `return` or
/// `?` before [`disarm`](CancelGuard::disarm) does run it: disarm on every way
/// out, or let [`catch_cancel`] do it.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{on_cancel, say, sleep, spawn, yield_now, EventLoop, Trace};
///
/// async fn worker(secs: u64) {
///     let guard = on_cancel(move || say!("worker {secs}: cancelled"));
///     sleep(Duration::from_secs(secs)).await;
///     guard.disarm();
///     say!("worker {secs}: done");
/// }
///
/// let trace = Trace::capture();
/// let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
/// lp.run_until_complete(async {
///     let quick = spawn(worker(1));
///     let slow = spawn(worker(5));
///     quick.await.unwrap();
///     slow.cancel();
///     assert!(slow.await.is_err());
/// })
/// .unwrap();
/// assert_eq!(trace.output(), "worker 1: done\nworker 5: cancelled\n");
/// ```
pub fn on_cancel<F: FnOnce()>(action: F) -> CancelGuard<F> {
    CancelGuard {
        action: Some(action),
    }
}

/// What [`on_cancel`] returns: runs its action when dropped armed.
#[must_use = "a guard dropped at once runs its action at once"]
pub struct CancelGuard<F: FnOnce()> {
    /// `None` once disarmed.
    action: Option<F>,
}

impl<F: FnOnce()> CancelGuard<F> {
    /// Lets go of the action without running it: the guarded part finished.
    pub fn disarm(mut self) {
        self.action = None;
    }

    /// Whether dropping the guard now would run its action.
    pub fn is_armed(&self) -> bool {
        self.action.is_some()
    }
}

impl<F: FnOnce()> Drop for CancelGuard<F> {
    fn drop(&mut self) {
        if let Some(action) = self.action.take()
            && !std::thread::panicking()
        {
            action();
        }
    }
}

impl<F: FnOnce()> fmt::Debug for CancelGuard<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelGuard")
            .field("armed", &self.is_armed())
            .finish()
    }
}

/// Awaits `future`, running `action` if it is dropped (cancelled) before it
/// finishes: an [`on_cancel`] guard disarmed on the way out, whichever way
/// `future` ends. Returns `future`'s own output.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{catch_cancel, say, sleep, timeout, EventLoop, Trace};
///
/// let trace = Trace::capture();
/// let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
/// let outcome = lp.run_until_complete(async {
///     let nap = catch_cancel(sleep(Duration::from_secs(5)), || say!("nap cut short"));
///     timeout(Duration::from_secs(1), nap).await
/// });
/// assert!(outcome.unwrap().is_err());
/// assert_eq!(trace.output(), "nap cut short\n");
/// ```
pub async fn catch_cancel<Fut: IntoFuture, F: FnOnce()>(future: Fut, action: F) -> Fut::Output {
    let guard = on_cancel(action);
    let output = future.await;
    guard.disarm();
    output
}
