//! What a task's cancellation reaches at once, before the task itself runs its
//! clean-up: the wait-list entries it made (through a shared [`CancelFlag`]) and
//! the awaitable it awaits, if that one wants to hear of it ([`Interrupt`]). A
//! leaf: the task cell, the wait lists and the awaitables all build on it.

use std::cell::Cell;
use std::rc::Rc;

/// A task's "cancelled" mark, shared with each wait-list entry it makes. Clones
/// share one mark. It is cleared only when a cancellation is spent without
/// ending the task (3.11's `wait_for` of a task that finished first).
#[derive(Debug, Clone, Default)]
pub(crate) struct CancelFlag(Rc<Cell<bool>>);

impl CancelFlag {
    pub(crate) fn set(&self) {
        self.0.set(true);
    }

    pub(crate) fn clear(&self) {
        self.0.set(false);
    }

    pub(crate) fn is_set(&self) -> bool {
        self.0.get()
    }
}

/// What an awaitable does when the task awaiting it is cancelled.
pub(crate) trait Interrupt {
    /// The task awaiting this was cancelled. `false` if this is no longer
    /// awaited (finished or dropped): the task is then cancelled as usual.
    fn interrupt(&self) -> bool;
}
