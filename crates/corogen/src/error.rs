use std::fmt;

use crate::TaskId;

/// Why [`Scheduler::take_result`](crate::Scheduler::take_result) has no value to
/// give.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResultError {
    /// No task with this id was ever added to this scheduler.
    Unknown(TaskId),
    /// The id is another scheduler's.
    Foreign(TaskId),
    /// The task has not finished yet.
    Pending(TaskId),
    /// The task failed; its failure stays recorded.
    Failed {
        /// The task.
        task: TaskId,
        /// Its error's (or panic's) message.
        message: String,
    },
    /// The task's result was taken already.
    Taken(TaskId),
    /// The task was closed before it finished, so it has no result.
    Closed(TaskId),
}

impl fmt::Display for ResultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown(task) => write!(f, "no task {task} was added to this scheduler"),
            Self::Foreign(task) => write!(f, "task {task} is another scheduler's"),
            Self::Pending(task) => write!(f, "task {task} has not finished yet"),
            Self::Failed { task, message } => write!(f, "task {task} failed: {message}"),
            Self::Taken(task) => write!(f, "the result of task {task} was taken already"),
            Self::Closed(task) => write!(f, "task {task} was closed: it has no result"),
        }
    }
}

impl std::error::Error for ResultError {}

/// Why a task would not take a sent value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendRefusal {
    /// No task with this id was ever added to this scheduler.
    Unknown,
    /// The id is another scheduler's: this one has no such task, whatever the
    /// number.
    Foreign,
    /// The task has completed or failed.
    Finished,
    /// The task has not run yet, so no `yield` is waiting for the value. Python
    /// refuses this too ("can't send non-None value to a just-started
    /// generator"): step the task once first, as the notebook calls `next(g)`.
    NotStarted,
    /// The task was closed.
    Closed,
}

/// A value [`Scheduler::send`](crate::Scheduler::send) could not deliver,
/// handed back with the reason, so nothing sent is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SendError<S> {
    /// The task the value was for.
    pub task: TaskId,
    /// Why it was refused.
    pub reason: SendRefusal,
    /// The value, returned to the sender.
    pub value: S,
}

impl<S> fmt::Display for SendError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let task = self.task;
        match self.reason {
            SendRefusal::Unknown => write!(f, "cannot send to task {task}: no such task"),
            SendRefusal::Foreign => {
                write!(f, "cannot send to task {task}: it is another scheduler's")
            }
            SendRefusal::Finished => write!(f, "cannot send to task {task}: it has finished"),
            SendRefusal::Closed => write!(f, "cannot send to task {task}: it was closed"),
            SendRefusal::NotStarted => write!(
                f,
                "cannot send to task {task}: it has not started; step it once first"
            ),
        }
    }
}

impl<S: fmt::Debug> std::error::Error for SendError<S> {}

/// Why a task would not be closed or thrown into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ControlRefusal {
    /// No task with this id was ever added to this scheduler.
    Unknown,
    /// The id is another scheduler's.
    Foreign,
    /// The task has completed or failed.
    Finished,
    /// The task was closed already.
    Closed,
}

impl ControlRefusal {
    fn explain(self) -> &'static str {
        match self {
            Self::Unknown => "no such task",
            Self::Foreign => "it is another scheduler's",
            Self::Finished => "it has finished",
            Self::Closed => "it was closed already",
        }
    }
}

/// A task [`Scheduler::close`](crate::Scheduler::close) could not close.
/// (Python's `close()` of a finished generator does nothing; here it is said, so
/// a host program that closes the wrong id hears of it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseError {
    /// The task named.
    pub task: TaskId,
    /// Why it was not closed.
    pub reason: ControlRefusal,
}

impl fmt::Display for CloseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (task, why) = (self.task, self.reason.explain());
        write!(f, "cannot close task {task}: {why}")
    }
}

impl std::error::Error for CloseError {}

/// An error [`Scheduler::throw`](crate::Scheduler::throw) could not deliver,
/// handed back with the reason, so nothing thrown is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrowError {
    /// The task named.
    pub task: TaskId,
    /// Why the error was not thrown.
    pub reason: ControlRefusal,
    /// The error, returned to the thrower.
    pub error: crate::Thrown,
}

impl fmt::Display for ThrowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (task, why) = (self.task, self.reason.explain());
        write!(f, "cannot throw into task {task}: {why}")
    }
}

impl std::error::Error for ThrowError {}
