//! What only some tasks need, kept beside the header in an allocation made on
//! first use: a name, the cancel flag its wait-list entries share, the hook of
//! what it awaits, its context values, the name of what it waits on.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use super::{Header, Locals};
use crate::cancel::{CancelFlag, Interrupt};
use crate::waiting::Detail;

/// The parts of a task's header that only some tasks need.
#[derive(Default)]
pub(crate) struct Extra {
    /// The name given at spawn, if any (unnamed tasks are `Task-N`).
    pub(super) name: Option<Rc<str>>,
    /// Shared with every wait-list entry the task makes, so that `cancel()`
    /// takes the task out of those lists at once (see `waiters.rs`).
    pub(super) cancel_flag: CancelFlag,
    /// What the task awaits that wants to hear of its cancellation first (a
    /// gather, a `wait_for`, a group's join; see `interrupt.rs`).
    pub(super) interrupt: RefCell<Option<Rc<dyn Interrupt>>>,
    /// The task's context-variable values (see `context_var.rs`).
    pub(super) context: RefCell<Locals>,
    /// The name of the primitive the task waits on, when `waiting` is `Named`.
    pub(super) waiting_detail: Cell<Option<Detail>>,
}

impl Extra {
    /// A header's side allocation for a task spawned with `name` and `context`:
    /// made now if it has either, on first use for the others.
    #[inline]
    pub(crate) fn new(name: Option<Rc<str>>, context: Locals) -> OnceCell<Box<Self>> {
        if name.is_none() && context.is_none() {
            return OnceCell::new();
        }
        OnceCell::from(Box::new(Self {
            name,
            context: RefCell::new(context),
            ..Self::default()
        }))
    }
}

impl Header {
    pub(super) fn extra(&self) -> &Extra {
        self.extra.get_or_init(Box::default)
    }

    pub(crate) fn set_waiting_detail(&self, detail: Option<Detail>) {
        self.extra().waiting_detail.set(detail);
    }

    /// What is kept beside the task's wait reason: the name of the primitive it
    /// waits on, or the tasks.
    pub(crate) fn waiting_detail(&self) -> Option<Detail> {
        let extra = self.extra.get()?;
        let detail = extra.waiting_detail.take();
        extra.waiting_detail.set(detail.clone());
        detail
    }

    /// The flag the task's wait-list entries share with it.
    pub(crate) fn cancel_flag(&self) -> CancelFlag {
        self.extra().cancel_flag.clone()
    }

    /// The task's context, shared (copied only when one side sets a value).
    pub(crate) fn context(&self) -> Locals {
        self.extra.get()?.context.borrow().clone()
    }

    /// Runs `f` on the task's context, to change it.
    pub(crate) fn with_context<R>(&self, f: impl FnOnce(&mut Locals) -> R) -> R {
        f(&mut self.extra().context.borrow_mut())
    }

    /// Tells `cancel()` to go through `hook` first, from now on.
    pub(crate) fn set_interrupt(&self, hook: Rc<dyn Interrupt>) {
        let old = self.extra().interrupt.replace(Some(hook));
        // Dropped after the borrow ends: it may hold the last handle of a task.
        drop(old);
    }
}
