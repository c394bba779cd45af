use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// Schedulers made so far in this process: each takes the next number, so the
/// ids it hands out name it.
static SCHEDULERS: AtomicU64 = AtomicU64::new(0);

/// A task's id: its number in the [`Scheduler`](crate::Scheduler) that added it,
/// and that scheduler.
///
/// It prints as the number alone, as the trace writes it (`Running task 0`),
/// and numbers count from 0 in each scheduler; but an id knows its scheduler,
/// so another scheduler refuses it with an error (`Foreign`) instead of taking
/// it for its own task of the same number. Only a scheduler makes ids
/// ([`Scheduler::add`](crate::Scheduler::add) and
/// [`Scheduler::task_id`](crate::Scheduler::task_id)). The trace's events carry
/// the number alone, [`TaskId::trace_id`].
///
/// ```
/// use corogen::{Gen, Scheduler, SendRefusal};
///
/// let mut one: Scheduler<(), u8, ()> = Scheduler::new();
/// let mut other: Scheduler<(), u8, ()> = Scheduler::new();
/// let mine = one.add_infallible(Gen::new(|co| async move { co.yield_(()).await; }));
/// other.add_infallible(Gen::new(|co| async move { co.yield_(()).await; }));
/// other.step();
///
/// assert_eq!(mine.to_string(), "0");
/// // Task 0 of `other` has started and would take the value: `mine` is not it.
/// assert_eq!(other.send(mine, 1).unwrap_err().reason, SendRefusal::Foreign);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId {
    scheduler: u64,
    number: corotrace::TaskId,
}

impl TaskId {
    /// The first id of a new scheduler, one no other scheduler shares.
    pub(crate) fn first_of_new_scheduler() -> Self {
        Self {
            scheduler: SCHEDULERS.fetch_add(1, Ordering::Relaxed),
            number: corotrace::TaskId::new(0),
        }
    }

    /// The id with `number` in the scheduler that handed out `self`.
    pub(crate) const fn sibling(self, number: u64) -> Self {
        Self {
            scheduler: self.scheduler,
            number: corotrace::TaskId::new(number),
        }
    }

    /// The id after this one, in the same scheduler.
    pub(crate) const fn next(self) -> Self {
        self.sibling(self.number.get() + 1)
    }

    /// Whether both ids come from the same scheduler.
    pub(crate) const fn same_scheduler(self, other: Self) -> bool {
        self.scheduler == other.scheduler
    }

    /// The task's number in its scheduler: 0 for the first task added.
    pub const fn get(self) -> u64 {
        self.number.get()
    }

    /// The id as the trace's events carry it: the number alone.
    pub const fn trace_id(self) -> corotrace::TaskId {
        self.number
    }
}

impl From<TaskId> for corotrace::TaskId {
    fn from(id: TaskId) -> Self {
        id.trace_id()
    }
}

/// An event of the trace names a task by its number: the same task when the
/// numbers agree (the trace is the scheduler's own).
impl PartialEq<corotrace::TaskId> for TaskId {
    fn eq(&self, other: &corotrace::TaskId) -> bool {
        self.number == *other
    }
}

impl PartialEq<TaskId> for corotrace::TaskId {
    fn eq(&self, other: &TaskId) -> bool {
        *self == other.number
    }
}

/// The number, as the trace prints it.
impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.number.fmt(f)
    }
}

impl fmt::Debug for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TaskId({} of scheduler {})", self.number, self.scheduler)
    }
}
