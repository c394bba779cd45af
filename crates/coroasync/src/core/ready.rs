//! The ready queue's door: how a task, a waker or a done callback joins it, and
//! what the trace says about each arrival.

use std::rc::Rc;
use std::task::Waker;

use corotrace::{Cause, Event, TaskId};

use super::{Core, Entry};
use crate::cell::{DoneCallback, Runnable};

impl Core {
    /// Puts task `key` at the back of the ready queue, unless it is there already
    /// or has finished.
    pub(crate) fn schedule(&self, key: usize, id: TaskId) {
        let Ok(mut guard) = self.state.try_borrow_mut() else {
            // Woken from inside the loop's own bookkeeping (a destructor run while
            // the state is borrowed): the inbox takes it, nothing is lost.
            self.remote.push(key, id);
            return;
        };
        let state = &mut *guard;
        let queued = if let Some(slot) = state.tasks.get_mut(key)
            && slot.id == id
            && !slot.scheduled
        {
            slot.scheduled = true;
            state.ready.push_back(Entry::Step { key, id });
            true
        } else {
            false
        };
        drop(guard);
        if queued {
            self.record_woken(id);
            self.record_woken_by(id);
        }
    }

    /// Records what woke task `id`: another task's step if one is running, else
    /// what the loop is doing (firing a timer, telling of a task's end).
    #[inline]
    fn record_woken_by(&self, id: TaskId) {
        if !self.tracing.get() {
            return;
        }
        let by = match self.current_id() {
            Some(by) if by == id => None,
            Some(by) => Some(Cause::Task(by)),
            None => self.waking.get(),
        };
        if let Some(by) = by {
            self.trace
                .borrow()
                .record(|| Event::WokenBy { task: id, by });
        }
    }

    /// Wakes `waker`, telling a traced loop's trace what the wake comes from.
    pub(super) fn wake_for(&self, waker: Waker, cause: Cause) {
        let traced = self.tracing.get();
        if traced {
            self.waking.set(Some(cause));
        }
        waker.wake();
        if traced {
            self.waking.set(None);
        }
    }

    /// Records that task `id` joined the ready queue. The loop's state is not
    /// borrowed here: a trace's subscriber may call back into the loop.
    #[inline]
    pub(super) fn record_woken(&self, id: TaskId) {
        if self.tracing.get() {
            self.trace.borrow().record(|| Event::Woken { task: id });
        }
    }

    /// Queues task `key` again after a step in which it yielded: the slot is its
    /// own (it just ran), so only the duplicate check remains.
    pub(super) fn requeue(&self, key: usize, id: TaskId) {
        let queued = {
            let mut state = self.state.borrow_mut();
            let state = &mut *state;
            match state.tasks.get_mut(key) {
                Some(slot) if !slot.scheduled => {
                    slot.scheduled = true;
                    state.ready.push_back(Entry::Step { key, id });
                    true
                }
                _ => false,
            }
        };
        // A yield is a wake-up too: the trace says the task is queued again.
        if queued {
            self.record_woken(id);
        }
    }

    /// Wakes `waker` from the ready queue: one hop later than waking it now.
    pub(crate) fn wake_later(&self, waker: Waker) {
        self.state.borrow_mut().ready.push_back(Entry::Wake(waker));
    }

    /// Wakes `waker` from the ready queue for task `ended`'s end; a traced loop
    /// keeps whose end it was.
    pub(super) fn wake_later_for_end(&self, waker: Waker, ended: TaskId) {
        let entry = if self.tracing.get() {
            Entry::EndWake(Box::new((waker, ended)))
        } else {
            Entry::Wake(waker)
        };
        self.state.borrow_mut().ready.push_back(entry);
    }

    pub(crate) fn call_soon(&self, task: Rc<dyn Runnable>, callback: DoneCallback) {
        self.state
            .borrow_mut()
            .ready
            .push_back(Entry::Callback(Box::new((task, callback))));
    }
}
