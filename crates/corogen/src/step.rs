use crate::TaskId;

/// What one step of a [`Scheduler`](crate::Scheduler) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<Y = ()> {
    /// The task paused at a `yield`, handing out `value`; it is runnable again.
    Yielded {
        /// The task resumed.
        task: TaskId,
        /// What it yielded.
        value: Y,
    },
    /// The task returned; its value waits in
    /// [`Scheduler::take_result`](crate::Scheduler::take_result).
    Completed {
        /// The task resumed.
        task: TaskId,
    },
    /// The task returned an error or panicked; see
    /// [`Scheduler::failure`](crate::Scheduler::failure).
    Failed {
        /// The task resumed.
        task: TaskId,
    },
}

impl<Y> Step<Y> {
    /// The task this step ran.
    pub fn task(&self) -> TaskId {
        match self {
            Self::Yielded { task, .. } | Self::Completed { task } | Self::Failed { task } => *task,
        }
    }

    /// Whether the task finished in this step.
    pub fn is_finished(&self) -> bool {
        !matches!(self, Self::Yielded { .. })
    }
}

/// Where a task is, as far as its scheduler knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskState {
    /// Waiting in the queue for its next step.
    Runnable,
    /// Completed; its value waits to be taken.
    Completed,
    /// Completed, and its value was taken.
    Taken,
    /// Failed; the message stays recorded.
    Failed,
    /// Closed before it finished ([`Scheduler::close`](crate::Scheduler::close)):
    /// its clean-up ran, and it has no result.
    Closed,
}
