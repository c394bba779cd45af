use std::fmt;

use crate::TaskId;

/// What made a waiting task runnable again: the `by` of [`Event::WokenBy`].
///
/// `Display` writes it as a reader would say it, in the words of the
/// [`Event::Waiting`] reasons: `task 2`, `task 2's end`, `a timer`, `the host
/// program`.
///
/// ```
/// use corotrace::{Cause, TaskId};
///
/// assert_eq!(Cause::Task(TaskId::new(2)).to_string(), "task 2");
/// assert_eq!(Cause::End(TaskId::new(2)).to_string(), "task 2's end");
/// assert_eq!(Cause::Timer.to_string(), "a timer");
/// assert_eq!(Cause::Timer.task(), None);
/// ```
///
/// [`Event::WokenBy`]: crate::Event::WokenBy
/// [`Event::Waiting`]: crate::Event::Waiting
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Cause {
    /// Another task's step: a `put()`, a `set()`, a release.
    Task(TaskId),
    /// Another task's end, through its done callback: the task awaited it, or a
    /// `gather`, a `wait` or a callback of the task's own watched it.
    End(TaskId),
    /// A timer the task set fell due (the loop's clock reached its deadline).
    Timer,
    /// The program holding the scheduler: a value sent in from outside any task.
    Host,
}

impl Cause {
    /// The task that caused the wake, if a task did: the lane a timeline draws
    /// the wake's arrow from.
    pub fn task(self) -> Option<TaskId> {
        match self {
            Self::Task(task) | Self::End(task) => Some(task),
            Self::Timer | Self::Host => None,
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Task(task) => write!(f, "task {task}"),
            Self::End(task) => write!(f, "task {task}'s end"),
            Self::Timer => f.write_str("a timer"),
            Self::Host => f.write_str("the host program"),
        }
    }
}
