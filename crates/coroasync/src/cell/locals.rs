//! What the loop itself needs of context variables (`context_var.rs` has the
//! public face): the values a task holds, and which task's future is being dropped
//! outside its step, so that its clean-up still reads its own values.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::Runnable;

/// The values of one context: (variable, value) pairs, few enough to scan.
pub(crate) type Vars = Vec<(u64, Rc<dyn Any>)>;

/// A context as a task holds it: `None` until a value is set or inherited.
pub(crate) type Locals = Option<Rc<Vars>>;

thread_local! {
    /// Set once any variable has been set on this thread: until then, a spawn
    /// has no context to copy and does not look for one.
    static IN_USE: Cell<bool> = const { Cell::new(false) };
    /// The tasks whose futures are being dropped outside their steps (cancelled,
    /// or at shutdown), innermost last: their clean-up reads their context, as
    /// Python's `except CancelledError:` runs in the task's.
    static DROPPING: RefCell<Vec<Rc<dyn Runnable>>> = const { RefCell::new(Vec::new()) };
}

/// Whether any context variable has been set on this thread.
#[inline]
pub(crate) fn in_use() -> bool {
    IN_USE.with(Cell::get)
}

/// Notes that a context variable has been set on this thread.
pub(crate) fn mark_in_use() {
    IN_USE.with(|in_use| in_use.set(true));
}

/// The innermost task whose future is being dropped outside its step.
pub(crate) fn dropping_task() -> Option<Rc<dyn Runnable>> {
    DROPPING.with(|dropping| dropping.borrow().last().cloned())
}

/// Marks `task`'s future as being dropped outside its step, until the guard
/// goes: the loop holds one while it drops a cancelled task's future.
pub(crate) fn dropping(task: &Rc<dyn Runnable>) -> Option<Dropping> {
    if !in_use() {
        return None;
    }
    DROPPING.with(|dropping| dropping.borrow_mut().push(Rc::clone(task)));
    Some(Dropping)
}

/// See [`dropping`].
pub(crate) struct Dropping;

impl Drop for Dropping {
    fn drop(&mut self) {
        let task = DROPPING.with(|dropping| dropping.borrow_mut().pop());
        // Dropped after the borrow ends: it may be the task's last handle.
        drop(task);
    }
}
