//! Watching several tasks at once, as asyncio's `gather`, `wait` and
//! `as_completed` do through done callbacks.

use std::task::Context;

use crate::cell::{Ending, Hop};
use crate::task::TaskRef;

/// A set of tasks to be woken about. Each completion reaches the watcher in two
/// hops, as asyncio's done callback and then the waiter's wake-up take; even a
/// task finished before the watch began takes them.
pub(crate) struct Watch {
    tasks: Vec<TaskRef>,
    slots: Vec<Option<usize>>,
    started: bool,
}

impl Watch {
    pub(crate) fn new(tasks: Vec<TaskRef>) -> Self {
        let slots = vec![None; tasks.len()];
        Self {
            tasks,
            slots,
            started: false,
        }
    }

    pub(crate) fn tasks(&self) -> &[TaskRef] {
        &self.tasks
    }

    /// Registers for wake-ups; `false` on the first call, when the callbacks have
    /// not yet had their hop, `true` when the caller should look at the tasks.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> bool {
        let mut any_done = false;
        for (task, slot) in self.tasks.iter().zip(&mut self.slots) {
            any_done |= task.poll_done(cx, Hop::Deferred, slot).is_ready();
        }
        if self.started || self.tasks.is_empty() {
            return true;
        }
        self.started = true;
        if any_done && let Some(core) = self.tasks[0].core() {
            core.wake_later(cx.waker().clone());
        }
        false
    }

    /// The finished task that failed first, by the loop's finishing order.
    pub(crate) fn first_failure(&self, include_cancelled: bool) -> Option<usize> {
        self.tasks
            .iter()
            .enumerate()
            .filter(|(_, task)| match task.ending() {
                Some(Ending::Failed(crate::TaskError::Cancelled)) => include_cancelled,
                Some(Ending::Failed(_)) => true,
                _ => false,
            })
            .min_by_key(|(_, task)| task.finished_as())
            .map(|(index, _)| index)
    }

    pub(crate) fn all_done(&self) -> bool {
        self.tasks.iter().all(TaskRef::is_done)
    }

    pub(crate) fn any_done(&self) -> bool {
        self.tasks.iter().any(TaskRef::is_done)
    }

    /// Stops watching: registrations still pending are dropped.
    pub(crate) fn forget(&mut self) {
        for (task, slot) in self.tasks.iter().zip(&mut self.slots) {
            task.forget(slot.take());
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.forget();
    }
}
