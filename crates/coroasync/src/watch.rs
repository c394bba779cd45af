//! Watching several tasks at once, as asyncio's `gather`, `wait` and
//! `as_completed` do through done callbacks.

use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Wake, Waker};

use crate::cell::{Ending, Hop};
use crate::context;
use crate::core::Core;
use crate::task::TaskRef;
use crate::waiting::DescribeTasks;

/// `task 2`, `tasks 1 and 2`, `tasks 1, 2 and 3`.
fn tasks_text(ids: &[String]) -> String {
    match ids {
        [one] => format!("task {one}"),
        [rest @ .., last] => format!("tasks {} and {last}", rest.join(", ")),
        [] => "no task".to_owned(),
    }
}

/// The tasks a watch is over, lent to the loop (weakly) as what the watcher
/// waits on: noting them at a step is a reference count, and the words are made
/// only when a trace or a report asks.
struct Watched(Vec<TaskRef>);

impl DescribeTasks for Watched {
    fn describe(&self) -> String {
        let ids: Vec<String> = (self.0.iter())
            .filter(|task| !task.is_done())
            .map(|task| task.id().to_string())
            .collect();
        tasks_text(&ids)
    }
}

/// A set of tasks to be woken about. Each completion reaches the watcher in two
/// hops, as asyncio's done callback and then the waiter's wake-up take; even a
/// task finished before the watch began takes them.
pub(crate) struct Watch {
    tasks: Rc<Watched>,
    slots: Vec<Option<usize>>,
    started: bool,
}

impl Watch {
    pub(crate) fn new(tasks: Vec<TaskRef>) -> Self {
        let slots = vec![None; tasks.len()];
        Self {
            tasks: Rc::new(Watched(tasks)),
            slots,
            started: false,
        }
    }

    pub(crate) fn tasks(&self) -> &[TaskRef] {
        &self.tasks.0
    }

    /// Registers for wake-ups; `false` on the first call, when the callbacks have
    /// not yet had their hop, `true` when the caller should look at the tasks.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> bool {
        let mut any_done = false;
        let mut all_done = true;
        for (task, slot) in self.tasks.0.iter().zip(&mut self.slots) {
            let done = task.poll_done(cx, Hop::Deferred, slot).is_ready();
            any_done |= done;
            all_done &= done;
        }
        if !all_done {
            // Each task's `poll_done` noted only itself.
            context::note_waiting_tasks(Rc::downgrade(&self.tasks) as Weak<dyn DescribeTasks>);
        }
        if self.started || self.tasks.0.is_empty() {
            return true;
        }
        self.started = true;
        if any_done && let Some(scheduler) = self.tasks.0[0].scheduler() {
            scheduler.wake_later(cx.waker().clone());
        }
        false
    }

    /// The finished task that failed first, by the loop's finishing order.
    pub(crate) fn first_failure(&self, include_cancelled: bool) -> Option<usize> {
        (self.tasks.0.iter())
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
        self.tasks.0.iter().all(TaskRef::is_done)
    }

    pub(crate) fn any_done(&self) -> bool {
        self.tasks.0.iter().any(TaskRef::is_done)
    }

    /// Stops watching: registrations still pending are dropped.
    pub(crate) fn forget(&mut self) {
        for (task, slot) in self.tasks.0.iter().zip(&mut self.slots) {
            task.forget(slot.take());
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.forget();
    }
}

/// The loop a combinator runs on, to tell its tasks from another loop's. A task
/// of another loop can never wake this one, so the combinators report
/// [`TaskError::OtherLoop`] for it, as awaiting it does, and leave it alone: no
/// wake-up registered on it, no cancel, not marked observed.
#[derive(Debug, Default)]
pub(crate) struct Home(Option<Weak<Core>>);

impl Home {
    /// The loop running now, if any.
    pub(crate) fn here() -> Self {
        Self(context::running().map(|core| Rc::downgrade(&core)))
    }

    /// At each poll: the loop polling becomes home; whether any of `tasks`
    /// belongs to another.
    pub(crate) fn any_other(&mut self, tasks: &[TaskRef]) -> bool {
        if let Some(core) = context::running() {
            self.0 = Some(Rc::downgrade(&core));
        }
        tasks.iter().any(|task| !self.owns(task))
    }

    /// Whether `task` belongs to this loop (any task does while no loop is known).
    /// A task whose loop is gone belongs to none.
    pub(crate) fn owns(&self, task: &TaskRef) -> bool {
        self.0.as_ref().is_none_or(|home| {
            (task.scheduler())
                .is_some_and(|loop_| std::ptr::addr_eq(Rc::as_ptr(&loop_), home.as_ptr()))
        })
    }
}

/// The waker a combinator registers on a task in place of its own: it passes a
/// wake-up on only while the combinator still waits, and records that it came.
/// asyncio resumes a task only when the future it awaits completes, so a done
/// callback left over from a finished wait wakes nobody there; here the relay,
/// closed, swallows it, and a poll it did not cause is told apart from one it did.
#[derive(Debug, Default)]
pub(crate) struct Relay {
    state: Mutex<RelayState>,
}

#[derive(Debug, Default)]
struct RelayState {
    /// The waiting task's waker, as of its last poll.
    waker: Option<Waker>,
    /// Set when a wake-up came through.
    fired: bool,
    /// Cleared when the combinator finishes or goes away.
    closed: bool,
}

impl Relay {
    /// A relay for a task that polls with `waker`, and the waker to register.
    pub(crate) fn new() -> (Arc<Self>, Waker) {
        let relay = Arc::new(Self::default());
        let waker = Waker::from(Arc::clone(&relay));
        (relay, waker)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, RelayState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes the waker of the task polling now; whether a wake-up came through.
    pub(crate) fn poll(&self, waker: &Waker) -> bool {
        let mut state = self.state();
        if !state.waker.as_ref().is_some_and(|w| w.will_wake(waker)) {
            state.waker = Some(waker.clone());
        }
        state.fired
    }

    /// Lets nothing through any more.
    pub(crate) fn close(&self) {
        let mut state = self.state();
        state.closed = true;
        state.waker = None;
    }
}

impl Wake for Relay {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let waker = {
            let mut state = self.state();
            if state.closed {
                return;
            }
            state.fired = true;
            state.waker.clone()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}
