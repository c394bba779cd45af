//! How a cancellation reaches what a task awaits, for the awaitables that asyncio
//! lets finish cancelling before the task sees its `CancelledError`.
//!
//! asyncio's `Task.cancel()` cancels the future the task is suspended on. For a
//! plain future that is all (the task resumes one hop later); but a `gather`'s
//! future cancels its children and completes only once a child has ended, a
//! `wait_for` cancels its inner task and waits for it (`_cancel_and_wait`), and a
//! `TaskGroup` cancels its tasks and waits for them all: the task's own clean-up
//! comes after theirs. Here such an awaitable holds an [`Interruptible`] and arms
//! it with the task it runs in; `cancel()` then tells the awaitable instead of
//! dropping the task's future, and the awaitable ends the task's step with
//! [`end_step_cancelled`] once what it waits for has finished.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Poll, Waker};

use crate::cancel::Interrupt;
use crate::task::TaskRef;

/// What to do at the moment of the cancellation.
enum Action {
    /// Cancel these tasks at once (a gather's children).
    Cancel(Vec<TaskRef>),
    /// Wake the awaiting task, which acts when it runs (one hop later, as the
    /// cancelled waiter future of asyncio's `wait_for` and `TaskGroup` resumes it).
    Wake(Option<Waker>),
}

struct Hook {
    live: Cell<bool>,
    requested: Cell<bool>,
    action: RefCell<Action>,
}

impl Interrupt for Hook {
    fn interrupt(&self) -> bool {
        if !self.live.get() {
            return false;
        }
        self.requested.set(true);
        // Taken out first: a cancel or a wake runs foreign code (a waker, a drop).
        let action = std::mem::replace(&mut *self.action.borrow_mut(), Action::Wake(None));
        match action {
            Action::Cancel(tasks) => {
                for task in &tasks {
                    task.cancel();
                }
            }
            Action::Wake(waker) => waker.into_iter().for_each(Waker::wake),
        }
        true
    }
}

/// An awaitable's side of the hook; disarmed when it is dropped.
pub(crate) struct Interruptible {
    hook: Rc<Hook>,
    armed: bool,
}

impl Interruptible {
    /// Cancels `tasks` at once when the awaiting task is cancelled.
    pub(crate) fn cancelling(tasks: Vec<TaskRef>) -> Self {
        Self::with(Action::Cancel(tasks))
    }

    /// Wakes the awaiting task when it is cancelled.
    pub(crate) fn waking() -> Self {
        Self::with(Action::Wake(None))
    }

    fn with(action: Action) -> Self {
        Self {
            hook: Rc::new(Hook {
                live: Cell::new(true),
                requested: Cell::new(false),
                action: RefCell::new(action),
            }),
            armed: false,
        }
    }

    /// Hooks this to the task being polled (once), and keeps `waker` for a
    /// `waking` hook.
    pub(crate) fn arm(&mut self, waker: &Waker) {
        if let Action::Wake(slot) = &mut *self.hook.action.borrow_mut()
            && !self.hook.requested.get()
            && !slot.as_ref().is_some_and(|w| w.will_wake(waker))
        {
            *slot = Some(waker.clone());
        }
        if !self.armed {
            self.armed = true;
            let hook: Rc<dyn Interrupt> = self.hook.clone();
            crate::context::with_running(|core| {
                if let Some(core) = core {
                    core.set_current_interrupt(hook);
                }
            });
        }
    }

    /// Whether the awaiting task has been cancelled.
    pub(crate) fn requested(&self) -> bool {
        self.hook.requested.get()
    }

    /// Stops taking cancellations: the awaitable has finished.
    pub(crate) fn disarm(&self) {
        self.hook.live.set(false);
    }
}

impl std::fmt::Debug for Interruptible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interruptible")
            .field("requested", &self.requested())
            .finish()
    }
}

impl Drop for Interruptible {
    fn drop(&mut self) {
        self.disarm();
        // The tasks it held go now, not with the awaiting task.
        if let Ok(mut action) = self.hook.action.try_borrow_mut() {
            *action = Action::Wake(None);
        }
    }
}

/// asyncio's `await task` under rule 11: the cancellation of the awaiting task
/// cancels the task it awaits at once (the future it is suspended on), and the
/// awaiting task ends once that one has ended, its clean-up second. Hooked to the
/// awaiting task only when the wait goes on, so a task awaited after it has
/// finished costs nothing.
#[derive(Debug, Default)]
pub(crate) struct AwaitedTask(Option<Interruptible>);

impl AwaitedTask {
    /// Whether the awaiting task was cancelled, and the awaited one with it.
    pub(crate) fn cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(Interruptible::requested)
    }

    /// What the awaiting future returns, given how its poll of the awaited task
    /// went: `polled` as it is, after hooking `task` to the awaiting task while
    /// the wait goes on (once) and unhooking it when it is over; but `Pending` once
    /// the awaiting task was cancelled, whose step then ends as a cancellation
    /// when the awaited task has ended.
    pub(crate) fn settle<R>(
        &mut self,
        polled: Poll<R>,
        task: impl FnOnce() -> TaskRef,
        waker: &Waker,
    ) -> Poll<R> {
        if self.cancelled() {
            if polled.is_ready() {
                end_step_cancelled();
            }
            return Poll::Pending;
        }
        match &polled {
            Poll::Pending => self
                .0
                .get_or_insert_with(|| Interruptible::cancelling(vec![task()]))
                .arm(waker),
            Poll::Ready(_) => {
                if let Some(interrupt) = &self.0 {
                    interrupt.disarm();
                }
            }
        }
        polled
    }
}

/// Ends the step of the task being polled as a cancellation: the loop drops its
/// future right after this poll, so its clean-up runs in this step.
pub(crate) fn end_step_cancelled() {
    crate::context::end_step_cancelled();
}
