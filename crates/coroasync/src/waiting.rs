//! What a pending task waits on, as the loop keeps it for deadlock reports and
//! the trace: a `Copy` value, set on every pending step.

use std::rc::{Rc, Weak};

use corotrace::TaskId;

/// What a pending task waits on, for deadlock reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Waiting {
    /// Something outside this crate's primitives.
    #[default]
    Unknown,
    /// A timer.
    Timer,
    /// Another task's completion.
    Task(TaskId),
    /// One of the synchronisation primitives, by what it waits for
    /// (`Queue.get`).
    Primitive(&'static str),
    /// A primitive its program named, by what it waits for. The name is kept
    /// beside, off the switch path: by the loop until the step ends, then in the
    /// task's side allocation (`Header::waiting_detail`), so this stays `Copy`.
    Named(&'static str),
    /// Several tasks' completion (a `gather`, a `wait`, an `as_completed`): which
    /// ones is kept beside, as a named primitive's name is.
    Tasks,
}

/// What is kept beside a [`Waiting::Named`] or a [`Waiting::Tasks`].
#[derive(Clone)]
pub(crate) enum Detail {
    /// The name the program gave the primitive.
    Name(Rc<str>),
    /// The tasks a combinator waits on. A gather notes them at each of its
    /// steps, so the note is a handle on the combinator's own list, put into
    /// words only when a trace or a report asks. A weak one: a finished gather's
    /// tasks are not kept for the note its task last left.
    Tasks(Weak<dyn DescribeTasks>),
}

/// Tasks a combinator waits on, as the trace and a deadlock report name them.
pub(crate) trait DescribeTasks {
    /// Those not finished yet: `task 2`, `tasks 1 and 2`.
    fn describe(&self) -> String;
}
