//! A look inside an [`EventLoop`]: its ready queue, its timers, its tasks and its
//! clock, for a debugger's view or a game's debug overlay. Plain data, so the
//! loop's core can fill it in without knowing the loop's public face.

use std::time::Duration;

use corotrace::TaskId;

#[cfg(doc)]
use crate::EventLoop;

/// What an [`EventLoop`] holds at one moment, from [`EventLoop::snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoopSnapshot {
    /// The loop's clock.
    pub now: Duration,
    /// The ready queue, the entry that runs next first.
    pub ready: Vec<ReadyEntry>,
    /// The timers still set, earliest deadline first (equal deadlines in the
    /// order they were set, the order they fire in).
    pub timers: Vec<TimerSnapshot>,
    /// Every unfinished task, by id.
    pub tasks: Vec<TaskSnapshot>,
    /// Blocking jobs ([`to_thread`](crate::to_thread)) whose results have not
    /// reached the loop yet.
    pub workers_busy: usize,
}

/// One entry of the ready queue: asyncio's `Handle`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadyEntry {
    /// One step of a task.
    Step {
        /// The task.
        task: TaskId,
        /// Its name (`Task-N` unless it was given one).
        name: String,
    },
    /// A wake-up hop: a timer that came due, or a waiter that a primitive woke
    /// one hop later (as asyncio does); the task runs one entry after it.
    Wake {
        /// The task it wakes, if the waker is a task's own (a waker made
        /// elsewhere, by a combinator or another runtime, names none).
        task: Option<TaskId>,
    },
    /// A done callback, for the task that finished.
    Callback {
        /// The task it is for.
        task: TaskId,
    },
}

/// A timer still set, in a [`LoopSnapshot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimerSnapshot {
    /// When it comes due, on the loop's clock.
    pub deadline: Duration,
    /// The task it wakes, if its waker is a task's own.
    pub task: Option<TaskId>,
}

/// One unfinished task in a [`LoopSnapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaskSnapshot {
    /// Its id.
    pub id: TaskId,
    /// Its name (`Task-N` unless it was given one).
    pub name: String,
    /// Where it is.
    pub state: TaskState,
}

/// Where an unfinished task is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskState {
    /// In the ready queue, `position` entries from its head (0: it runs next).
    Queued {
        /// Its entry's place in [`LoopSnapshot::ready`].
        position: usize,
    },
    /// Being polled: the snapshot was taken from inside this task.
    Running,
    /// Parked until something wakes it, on `on`, in the words of a deadlock
    /// report ("a timer", "task 2", "Event.wait", "a future outside
    /// coroasync"). A task whose wake-up hop is queued still waits here.
    Waiting {
        /// What it waits on.
        on: String,
    },
}
