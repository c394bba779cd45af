//! [`shield`]: awaiting a task without passing on a cancellation to it.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::cell::Hop;
use crate::error::TaskError;
use crate::task::{IntoTask, Task};
#[cfg(doc)]
use crate::wait_for;
use crate::watch::Home;

/// Protects a task from cancellation coming from whoever awaits it: asyncio's
/// `shield`.
///
/// Awaiting the shield waits for the task; dropping or cancelling the shield (say,
/// in [`wait_for`] when time runs out, or because the awaiting task was cancelled)
/// leaves the task running, so it can be awaited again later. Cancelling the task
/// itself still cancels it. The shield hands out a clone of the task's value, so
/// the task's own handle can still be awaited for it, as in Python. A shield of a
/// task of another loop is `Err(TaskError::OtherLoop)`, as awaiting it would be.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{shield, sleep, spawn, wait_for, EventLoop, Elapsed};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let work = spawn(async { sleep(Duration::from_secs(2)).await; "done" });
///     let first = wait_for(shield(&work), Duration::from_secs(1)).await;
///     assert_eq!(first, Err(Elapsed));
///     assert!(!work.is_done()); // still running
///     assert_eq!(work.await, Ok("done"));
/// })
/// .unwrap();
/// ```
pub fn shield<T: Clone + 'static>(task: &Task<T>) -> Shield<T> {
    Shield { task: task.share() }
}

/// What [`shield`] returns: await it, or hand it to [`wait_for`] or [`gather`](fn@crate::gather).
#[must_use = "a shield does nothing unless awaited"]
pub struct Shield<T: Clone + 'static> {
    task: Task<T>,
}

impl<T: Clone + 'static> IntoFuture for Shield<T> {
    type Output = Result<T, TaskError>;
    type IntoFuture = ShieldFuture<T>;

    fn into_future(self) -> ShieldFuture<T> {
        ShieldFuture {
            task: self.task,
            slot: None,
        }
    }
}

impl<T: Clone + 'static> IntoTask for Shield<T> {
    type Output = T;

    /// A task of its own that waits for the shielded one: cancelling it lets go of
    /// the shielded task without cancelling it.
    fn into_task(self) -> Task<T> {
        let core = crate::context::running()
            .expect("coroasync::shield needs a running event loop to wait on");
        let inner = self.into_future();
        crate::task::spawn_on(&core, None, inner)
    }
}

impl<T: Clone + 'static> fmt::Debug for Shield<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shield").field("task", &self.task).finish()
    }
}

/// The future of an awaited [`Shield`]: waits for the task, and lets go of it,
/// uncancelled, when dropped.
#[must_use = "futures do nothing unless awaited"]
pub struct ShieldFuture<T: Clone + 'static> {
    task: Task<T>,
    slot: Option<usize>,
}

impl<T: Clone + 'static> Future for ShieldFuture<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if Home::default().any_other(&[this.task.to_ref()]) {
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        match this.task.poll_done(cx, Hop::Direct, &mut this.slot) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                this.slot = None;
                Poll::Ready(
                    this.task
                        .peek_result()
                        .unwrap_or(Err(TaskError::ResultTaken)),
                )
            }
        }
    }
}

impl<T: Clone + 'static> Drop for ShieldFuture<T> {
    fn drop(&mut self) {
        self.task.forget(self.slot.take());
    }
}

impl<T: Clone + 'static> fmt::Debug for ShieldFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShieldFuture")
            .field("task", &self.task)
            .finish()
    }
}
