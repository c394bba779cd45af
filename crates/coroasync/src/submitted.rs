//! The handle on work submitted to a [`LoopThread`](crate::LoopThread), and the
//! slot behind it: a `Mutex` for the result, a `Condvar` for threads that block on
//! it, and a `Waker` for a task that awaits it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use crate::TaskError;

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing runs user code under these locks, so a poisoned one is whole.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A new handle, and the completer that fills it, for work that runs on the loop
/// of thread `loop_thread`.
pub(crate) fn pair<T>(loop_thread: ThreadId) -> (Submitted<T>, Completer<T>) {
    let slot = Arc::new(Slot::default());
    let done = Completer {
        slot: Some(Arc::clone(&slot)),
    };
    (Submitted { slot, loop_thread }, done)
}

/// Where a submitted task leaves its result.
struct Slot<T> {
    state: Mutex<SlotState<T>>,
    filled: Condvar,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self {
            state: Mutex::new(SlotState {
                result: None,
                done: false,
                waker: None,
            }),
            filled: Condvar::new(),
        }
    }
}

struct SlotState<T> {
    result: Option<Result<T, TaskError>>,
    done: bool,
    /// The task of another loop awaiting the handle.
    waker: Option<Waker>,
}

impl<T> SlotState<T> {
    fn take(&mut self) -> Result<T, TaskError> {
        self.result.take().unwrap_or(Err(TaskError::ResultTaken))
    }
}

/// Fills a slot once: with the task's result, or, dropped unused (the task
/// cancelled, the job never run), with `Cancelled`.
pub(crate) struct Completer<T> {
    slot: Option<Arc<Slot<T>>>,
}

impl<T> Completer<T> {
    pub(crate) fn complete(mut self, result: Result<T, TaskError>) {
        self.fill(result);
    }

    fn fill(&mut self, result: Result<T, TaskError>) {
        let Some(slot) = self.slot.take() else { return };
        let waker = {
            let mut state = lock(&slot.state);
            state.result = Some(result);
            state.done = true;
            state.waker.take()
        };
        slot.filled.notify_all();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Drop for Completer<T> {
    fn drop(&mut self) {
        self.fill(Err(TaskError::Cancelled));
    }
}

/// The handle on work submitted to a [`LoopThread`](crate::LoopThread): a plain thread blocks on it
/// ([`Submitted::wait`]), a task on another loop awaits it (it is a `Future`).
/// Dropping it does not cancel the work.
#[must_use = "the handle is how the value comes back"]
pub struct Submitted<T> {
    slot: Arc<Slot<T>>,
    loop_thread: ThreadId,
}

impl<T> Submitted<T> {
    /// Whether the work has ended (with a value, a panic, or cancelled).
    pub fn is_done(&self) -> bool {
        lock(&self.slot.state).done
    }

    /// Blocks this thread until the work ends, and returns its value.
    ///
    /// On the loop's own thread it returns [`WaitError::OnLoopThread`] at once
    /// instead of hanging (the loop could never run the work while its thread
    /// waits): a task there awaits the handle instead.
    ///
    /// # Errors
    ///
    /// [`WaitError::Task`] when the work panicked, was cancelled or its value was
    /// taken; [`WaitError::OnLoopThread`] on the loop's own thread.
    pub fn wait(self) -> Result<T, WaitError> {
        self.check_thread()?;
        let mut state = lock(&self.slot.state);
        while !state.done {
            state = self
                .slot
                .filled
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.take().map_err(WaitError::Task)
    }

    /// Like [`Submitted::wait`], for at most `timeout`: [`WaitError::TimedOut`]
    /// leaves the work running and the handle usable.
    ///
    /// # Errors
    ///
    /// As [`Submitted::wait`], and [`WaitError::TimedOut`] when `timeout` passes
    /// first.
    pub fn wait_timeout(&mut self, timeout: Duration) -> Result<T, WaitError> {
        self.check_thread()?;
        // A timeout too long for the clock to add is a wait without end.
        let deadline = Instant::now().checked_add(timeout);
        let mut state = lock(&self.slot.state);
        while !state.done {
            let left = deadline.map_or(timeout, |deadline| {
                deadline.saturating_duration_since(Instant::now())
            });
            if left.is_zero() {
                return Err(WaitError::TimedOut);
            }
            state = self
                .slot
                .filled
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        state.take().map_err(WaitError::Task)
    }

    fn check_thread(&self) -> Result<(), WaitError> {
        if thread::current().id() == self.loop_thread {
            return Err(WaitError::OnLoopThread);
        }
        Ok(())
    }
}

impl<T> Future for Submitted<T> {
    type Output = Result<T, TaskError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = lock(&self.slot.state);
        if state.done {
            return Poll::Ready(state.take());
        }
        // Held outside any loop's bookkeeping: the awaiting loop waits for this
        // wake rather than call the wait a deadlock.
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl<T> fmt::Debug for Submitted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Submitted")
            .field("done", &self.is_done())
            .finish()
    }
}

/// Why [`Submitted::wait`] returned no value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitError {
    /// The work ended without a value: it panicked, was cancelled (the loop
    /// shut down first), or its value was taken already.
    Task(TaskError),
    /// Called on the loop's own thread, where waiting would hang the loop.
    OnLoopThread,
    /// [`Submitted::wait_timeout`]'s time ran out; the work goes on.
    TimedOut,
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Task(error) => error.fmt(f),
            Self::OnLoopThread => f.write_str(
                "waiting on the loop's own thread would hang it: await the handle in a task instead",
            ),
            Self::TimedOut => f.write_str("the time ran out before the work ended"),
        }
    }
}

impl std::error::Error for WaitError {}
