//! The errors of the event loop and its toolbox, each with a message a learner can
//! act on.

use std::fmt;

use crate::diagnostics::Deadlock;

/// Why a task produced no value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskError {
    /// The task was cancelled: its future was dropped at a suspension point.
    Cancelled,
    /// The task panicked; the panic's message.
    Panicked(String),
    /// The task's result was taken already (by an earlier await or
    /// [`Task::take_result`](crate::Task::take_result)).
    ResultTaken,
    /// The task belongs to another event loop than the one awaiting it.
    OtherLoop,
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cancelled => f.write_str("the task was cancelled"),
            Self::Panicked(message) => write!(f, "the task panicked: {message}"),
            Self::ResultTaken => f.write_str("the task's result was taken already"),
            Self::OtherLoop => {
                f.write_str("the task belongs to another event loop than the one awaiting it")
            }
        }
    }
}

impl std::error::Error for TaskError {}

/// Why a task could not be spawned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpawnError {
    /// No event loop runs on this thread (asyncio: "no running event loop").
    NoRunningLoop,
}

impl fmt::Display for SpawnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRunningLoop => f.write_str(
                "no event loop is running on this thread: spawn from inside a task, \
                 or use EventLoop::spawn",
            ),
        }
    }
}

impl std::error::Error for SpawnError {}

/// Why [`EventLoop::run_until_complete`](crate::EventLoop::run_until_complete)
/// returned no value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunError {
    /// A loop is already running on this thread: loops do not nest.
    AlreadyRunning,
    /// Every task waits on something nothing will ever do; the report names them.
    Deadlock(Deadlock),
    /// The main future's task failed (panicked) or was cancelled.
    Failed(TaskError),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyRunning => f.write_str(
                "an event loop is already running on this thread; \
                 await the future (or spawn it) instead of running a loop inside a loop",
            ),
            Self::Deadlock(deadlock) => deadlock.fmt(f),
            Self::Failed(error) => write!(f, "the main task failed: {error}"),
        }
    }
}

/// The wrapped error, so that a report walking `source()` (as `anyhow` and
/// `eyre` do) reaches the deadlock's tasks or the task's failure.
///
/// ```
/// use std::error::Error;
/// use coroasync::{EventLoop, RunError, TaskError};
///
/// let lp = EventLoop::with_virtual_clock();
/// let failed = lp.run_until_complete(async { panic!("boom") }).unwrap_err();
/// let source = failed.source().expect("a failed run wraps the task's error");
/// assert_eq!(source.to_string(), TaskError::Panicked("boom".into()).to_string());
/// ```
impl std::error::Error for RunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::AlreadyRunning => None,
            Self::Deadlock(deadlock) => Some(deadlock),
            Self::Failed(error) => Some(error),
        }
    }
}

impl From<Deadlock> for RunError {
    fn from(deadlock: Deadlock) -> Self {
        Self::Deadlock(deadlock)
    }
}

/// The time given to [`wait_for`](crate::wait_for) or [`timeout`](crate::timeout)
/// ran out (asyncio's `TimeoutError`, tokio's `time::error::Elapsed`); the inner
/// task was cancelled, or the inner future dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Elapsed;

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the time ran out before the task finished")
    }
}

impl std::error::Error for Elapsed {}

/// [`Queue::put_nowait`](crate::Queue::put_nowait) on a full queue; the item is
/// handed back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFull<T>(pub T);

impl<T> fmt::Display for QueueFull<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is full")
    }
}

impl<T: fmt::Debug> std::error::Error for QueueFull<T> {}

/// [`Queue::get_nowait`](crate::Queue::get_nowait) on an empty queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueEmpty;

impl fmt::Display for QueueEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is empty")
    }
}

impl std::error::Error for QueueEmpty {}

/// [`Queue::task_done`](crate::Queue::task_done) called more times than items
/// were put (asyncio's `ValueError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskDoneError;

impl fmt::Display for TaskDoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("task_done() called more times than there were items put")
    }
}

impl std::error::Error for TaskDoneError {}

/// [`EventLoop::advance`](crate::EventLoop::advance) on a loop that runs on real
/// time, which nobody can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RealClock;

impl fmt::Display for RealClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this loop runs on real time; only a virtual clock can be advanced")
    }
}

impl std::error::Error for RealClock {}

/// A [`Barrier`](crate::Barrier) wait failed: the barrier was aborted, or reset
/// while this task waited (asyncio's `BrokenBarrierError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenBarrierError;

impl fmt::Display for BrokenBarrierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the barrier is broken: it was aborted, or reset while this task waited")
    }
}

impl std::error::Error for BrokenBarrierError {}

/// A [`Barrier`](crate::Barrier) needs at least one party (asyncio's
/// `ValueError: parties must be > 0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZeroParties;

impl fmt::Display for ZeroParties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a barrier needs at least one party")
    }
}

impl std::error::Error for ZeroParties {}

/// A [`Queue`](crate::Queue) was shut down: [`Queue::send`](crate::Queue::send)
/// hands its item back in it, and [`Queue::recv`](crate::Queue::recv) reports it
/// (with `()`) once no item is left (asyncio 3.13's `QueueShutDown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueShutDown<T = ()>(pub T);

impl<T> fmt::Display for QueueShutDown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is shut down")
    }
}

impl<T: fmt::Debug> std::error::Error for QueueShutDown<T> {}
