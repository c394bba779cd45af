use std::fmt;
use std::time::Duration;

use crate::{Cause, TaskId};

/// One thing that happened in a scheduler, as its trace records it.
///
/// `Display` writes what the notebook prints for it (nothing, for the events that
/// only the timeline shows),
/// so a trace rendered as text reads line for line like the Python.
///
/// ```
/// use corotrace::{Event, TaskId};
///
/// let done = Event::Completed { task: TaskId::new(0), value: "123".into() };
/// assert_eq!(
///     done.to_string(),
///     "----------------------\nTask 0 completed with result: 123"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "event")
)]
#[non_exhaustive]
pub enum Event {
    /// A task was added. The notebook prints nothing for it; the timeline opens a
    /// lane.
    Added {
        /// The new task.
        task: TaskId,
    },
    /// A task has a name (asyncio's `Task-1`, or the one it was spawned with). The
    /// notebook prints nothing for it; the timeline labels the task's lane with it.
    Named {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
    },
    /// The scheduler resumed a task for one step: `Running task 0`.
    Running {
        /// The task resumed.
        task: TaskId,
    },
    /// A line a routine printed, or the host program when `task` is `None`.
    Printed {
        /// The task whose step printed it, if any.
        task: Option<TaskId>,
        /// The line, without its newline.
        line: String,
    },
    /// A task returned a value.
    Completed {
        /// The task.
        task: TaskId,
        /// The value, as `Debug` writes it.
        value: String,
    },
    /// A task failed: it returned an error or panicked.
    Failed {
        /// The task.
        task: TaskId,
        /// The error's message, or the panic's.
        message: String,
    },
    /// A task was cancelled: its future was dropped at a suspension point.
    Cancelled {
        /// The task.
        task: TaskId,
    },
    /// A task was closed before it finished: its clean-up ran, as Python's
    /// `generator.close()` runs a generator's `finally`.
    Closed {
        /// The task.
        task: TaskId,
    },
    /// A task set a timer and went to sleep until `until` on the loop's clock.
    Sleeping {
        /// The task.
        task: TaskId,
        /// The deadline, as time since the loop started.
        until: Duration,
    },
    /// A waiting task was woken and queued to run (by a timer, an event, a queue,
    /// another task's end, or its own yield).
    Woken {
        /// The task.
        task: TaskId,
    },
    /// The loop's clock moved to `now` (a virtual clock jumping to the next timer).
    ClockMoved {
        /// The new time, since the loop started.
        now: Duration,
    },
    /// A task's step ended pending, waiting on `on`: `a timer`, `task 3`,
    /// `Event.wait`, `Queue.get`, `Lock.acquire`, `a worker thread`, `a future
    /// outside coroasync`, `its turn` after a yield… (the words of coroasync's
    /// deadlock report). A primitive its program named is named between its type
    /// and its wait: `Queue 'orders'.get`. The notebook prints nothing for it.
    Waiting {
        /// The task.
        task: TaskId,
        /// What it waits on.
        on: String,
    },
    /// A task was spawned from inside another task's step. A task the host program
    /// adds has only its [`Event::Added`]. The notebook prints nothing for it.
    Spawned {
        /// The new task.
        task: TaskId,
        /// The task whose step spawned it.
        by: TaskId,
    },
    /// Why a task was made runnable: another task's step (a `set()`, a `put()`,
    /// a release), another task's end (awaited, or watched by a `gather` or a
    /// `wait`), a timer, or the host program. `coroasync` records it just after
    /// the [`Event::Woken`] it explains; `corogen`, whose host resumes a routine
    /// out of turn with `send` or `throw`, just before that step's
    /// [`Event::Running`]. A task's own yield has none. The notebook prints
    /// nothing for it.
    WokenBy {
        /// The task woken.
        task: TaskId,
        /// What woke it.
        by: Cause,
    },
}

impl Event {
    /// The task this event belongs to, if any.
    pub fn task(&self) -> Option<TaskId> {
        match self {
            Self::Added { task }
            | Self::Named { task, .. }
            | Self::Running { task }
            | Self::Completed { task, .. }
            | Self::Failed { task, .. }
            | Self::Cancelled { task }
            | Self::Closed { task }
            | Self::Sleeping { task, .. }
            | Self::Woken { task }
            | Self::Waiting { task, .. }
            | Self::Spawned { task, .. }
            | Self::WokenBy { task, .. } => Some(*task),
            Self::Printed { task, .. } => *task,
            Self::ClockMoved { .. } => None,
        }
    }

    /// Whether the text rendering shows this event. Additions, names, timers, clock
    /// moves, waits, spawns and wakes show only in the timeline and to subscribers:
    /// the notebooks print nothing for them.
    pub fn is_printed(&self) -> bool {
        !matches!(
            self,
            Self::Added { .. }
                | Self::Named { .. }
                | Self::Sleeping { .. }
                | Self::Woken { .. }
                | Self::ClockMoved { .. }
                | Self::Waiting { .. }
                | Self::Spawned { .. }
                | Self::WokenBy { .. }
        )
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Added { .. }
            | Self::Named { .. }
            | Self::Sleeping { .. }
            | Self::Woken { .. }
            | Self::ClockMoved { .. }
            | Self::Waiting { .. }
            | Self::Spawned { .. }
            | Self::WokenBy { .. } => Ok(()),
            Self::Running { task } => write!(f, "Running task {task}"),
            Self::Printed { line, .. } => f.write_str(line),
            Self::Completed { task, value } => write!(
                f,
                "----------------------\nTask {task} completed with result: {value}"
            ),
            Self::Failed { message, .. } => write!(f, "Failed with exception: {message}"),
            Self::Cancelled { task } => write!(f, "Task {task} cancelled"),
            Self::Closed { task } => write!(f, "Task {task} closed"),
        }
    }
}
