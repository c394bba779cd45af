//! What the loop reports beyond results: deadlocks, slow steps, failures nobody
//! looked at, callbacks that panicked.

use std::fmt;
use std::time::Duration;

use corotrace::TaskId;

/// Every task waits on something nothing will ever do: no task is ready, no timer
/// is set, no worker thread is busy and no waker is held outside the loop, yet
/// the main future has not finished.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Deadlock {
    /// The tasks left, in the order they were spawned.
    pub blocked: Vec<BlockedTask>,
}

/// One task stuck in a [`Deadlock`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BlockedTask {
    /// The task.
    pub id: TaskId,
    /// Its name.
    pub name: String,
    /// What it waits on, as far as the loop knows (`Event.wait`, `Queue.get`,
    /// `task 3`, …).
    pub waiting_on: String,
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "deadlock: every task waits and nothing can wake one")?;
        for task in &self.blocked {
            write!(
                f,
                "\n  task {} '{}' waits on {}",
                task.id, task.name, task.waiting_on
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Deadlock {}

/// Something the loop noticed and reported as it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Diagnostic {
    /// One step of a task held the thread longer than the loop's threshold
    /// (asyncio's debug-mode "Executing … took … seconds"). A step that panics is
    /// not reported as slow: its time includes the panic hook and the unwinding,
    /// and the panic is reported as the task's failure.
    SlowStep {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// How long the step took.
        took: Duration,
    },
    /// A task panicked and its handle was dropped before anyone looked at the
    /// error (asyncio's "Task exception was never retrieved").
    UnobservedFailure {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The panic's message.
        message: String,
    },
    /// A task's future panicked while it was being dropped (cancelled, ended by a
    /// panic, or left at shutdown): a destructor in it panicked. The task's ending
    /// stands; the loop runs on.
    DropPanicked {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The panic's message.
        message: String,
    },
    /// On a virtual clock, worker threads were still busy after the loop's
    /// patience ([`EventLoop::with_worker_patience`](crate::EventLoop::with_worker_patience)),
    /// with no task able to run: a job that waits on the loop cannot finish while
    /// virtual time stands still, so the clock moved on without it. From here,
    /// when its result arrives depends on the thread, not on the loop.
    WorkerStalled {
        /// How many jobs were given up on.
        jobs: usize,
        /// How long (real time) the loop waited for them.
        waited: Duration,
        /// The virtual time at which it gave up.
        at: Duration,
    },
    /// A done callback panicked; the loop ran on.
    CallbackPanicked {
        /// The task the callback was for.
        task: TaskId,
        /// The panic's message.
        message: String,
    },
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SlowStep { task, name, took } => write!(
                f,
                "Executing task {task} '{name}' took {:.3} seconds",
                took.as_secs_f64()
            ),
            Self::UnobservedFailure {
                task,
                name,
                message,
            } => write!(
                f,
                "Task exception was never retrieved: task {task} '{name}' panicked: {message}"
            ),
            Self::DropPanicked {
                task,
                name,
                message,
            } => write!(
                f,
                "task {task} '{name}' panicked while it was dropped: {message}"
            ),
            Self::WorkerStalled { jobs, waited, at } => write!(
                f,
                "virtual time waited {:.3} seconds at t = {:.3} s for {jobs} busy worker \
                 job(s) and moves on without them: a job that waits on the loop cannot \
                 finish while time stands still",
                waited.as_secs_f64(),
                at.as_secs_f64()
            ),
            Self::CallbackPanicked { task, message } => {
                write!(f, "a done callback of task {task} panicked: {message}")
            }
        }
    }
}
