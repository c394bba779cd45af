//! What the loop can tell about itself: its diagnostics, the task being polled,
//! every task left, and, when nothing can run, whether that is a deadlock.

use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;

use corotrace::TaskId;

use super::Core;
use crate::cell::{Header, Runnable};
use crate::diagnostics::{BlockedTask, Deadlock, Diagnostic};
use crate::waiting::{DescribeTasks, Detail, Waiting};

impl Core {
    pub(crate) fn set_slow_step(&self, threshold: Option<Duration>) {
        self.slow_step.set(threshold);
    }

    pub(crate) fn report(&self, diagnostic: Diagnostic) {
        if self.report_to_stderr.get() {
            eprintln!("{diagnostic}");
        }
        // A sink that itself causes a diagnostic (it runs a loop of its own, say)
        // is not called again from inside: that one is only kept.
        if let Ok(mut sink) = self.diagnostic_sink.try_borrow_mut()
            && let Some(sink) = sink.as_mut()
        {
            sink(&diagnostic);
        }
        let mut kept = self.diagnostics.borrow_mut();
        if kept.len() == super::KEPT_DIAGNOSTICS {
            kept.pop_front();
        }
        kept.push_back(diagnostic);
    }

    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics.borrow().iter().cloned().collect()
    }

    pub(crate) fn note_waiting(&self, waiting: Waiting) {
        self.waiting.set(waiting);
    }

    /// Notes that the task being polled waits `what` on a primitive named `name`.
    pub(crate) fn note_waiting_named(&self, what: &'static str, name: Rc<str>) {
        self.waiting.set(Waiting::Named(what));
        self.waiting_detail.set(Some(Detail::Name(name)));
    }

    /// Notes that the task being polled waits on the tasks `which` describes.
    pub(crate) fn note_waiting_tasks(&self, which: Weak<dyn DescribeTasks>) {
        self.waiting.set(Waiting::Tasks);
        self.waiting_detail.set(Some(Detail::Tasks(which)));
    }

    pub(super) fn current_id(&self) -> Option<TaskId> {
        let key = self.current.get()?;
        self.state.borrow().tasks.get(key).map(|slot| slot.id)
    }

    /// Whether the task in slot `key` is the one being polled.
    pub(crate) fn is_polling(&self, key: usize) -> bool {
        self.current.get() == Some(key)
    }

    /// The cancel flag of the task being polled, for a wait-list entry it makes.
    pub(crate) fn current_cancel_flag(&self) -> Option<crate::cancel::CancelFlag> {
        let key = self.current.get()?;
        let state = self.state.borrow();
        Some(state.tasks.get(key)?.cell.header().cancel_flag())
    }

    /// Tells the task being polled's `cancel()` to go through `hook` first.
    pub(crate) fn set_current_interrupt(&self, hook: Rc<dyn crate::cancel::Interrupt>) {
        if let Some(cell) = self.current_cell() {
            cell.header().set_interrupt(hook);
        }
    }

    /// Ends the step of the task being polled as a cancellation.
    pub(crate) fn end_current_step(&self) {
        if let Some(cell) = self.current_cell() {
            cell.header().end_step.set(true);
        }
    }

    /// The task being polled.
    pub(crate) fn current_cell(&self) -> Option<Rc<dyn Runnable>> {
        let key = self.current.get()?;
        let state = self.state.borrow();
        Some(Rc::clone(&state.tasks.get(key)?.cell))
    }

    /// Every unfinished task, in the order they were spawned.
    pub(crate) fn all_cells(&self) -> Vec<Rc<dyn Runnable>> {
        let state = self.state.borrow();
        let mut cells: Vec<Rc<dyn Runnable>> = state
            .tasks
            .iter()
            .map(|(_, slot)| Rc::clone(&slot.cell))
            .collect();
        drop(state);
        cells.sort_by_key(|cell| cell.header().id);
        cells
    }

    /// Whether a task waiting on a future outside coroasync has lent its waker
    /// out: then something beyond the loop (another thread, a foreign runtime) may
    /// still wake it, and the loop cannot call it stuck.
    ///
    /// A task's waker is held twice by the loop itself (the task's `Arc` and its
    /// `Waker`); any other holder is a clone. Clones held by coroasync's own
    /// primitives come with a wait reason, so only a task waiting on `Unknown`
    /// counts here.
    pub(crate) fn waker_held_outside(&self) -> bool {
        let state = self.state.borrow();
        state.tasks.iter().any(|(_, slot)| {
            let header = slot.cell.header();
            header.waiting.get() == Waiting::Unknown
                && header
                    .waker
                    .borrow()
                    .as_ref()
                    .is_some_and(|(arc, _)| Arc::strong_count(arc) > 2)
        })
    }

    /// The tasks still unfinished, with what each waits on.
    pub(crate) fn deadlock(&self) -> Deadlock {
        let state = self.state.borrow();
        let mut blocked: Vec<BlockedTask> = state
            .tasks
            .iter()
            .map(|(_, slot)| BlockedTask {
                id: slot.cell.header().id,
                name: slot.cell.header().name(),
                waiting_on: waiting_on(slot.cell.header()),
            })
            .collect();
        blocked.sort_by_key(|task| task.id);
        Deadlock { blocked }
    }
}

/// What a task waits on, in the words of the deadlock report and the trace's
/// [`Event::Waiting`](corotrace::Event::Waiting). A named primitive's name goes
/// after its type, quoted as a task's name is: `Queue 'orders'.get`.
pub(super) fn waiting_on(header: &Header) -> String {
    match header.waiting.get() {
        Waiting::Unknown => "a future outside coroasync".to_owned(),
        Waiting::Timer => "a timer".to_owned(),
        Waiting::Task(task) => format!("task {task}"),
        Waiting::Primitive(what) => what.to_owned(),
        Waiting::Named(what) => match (what.split_once('.'), header.waiting_detail()) {
            (Some((kind, method)), Some(Detail::Name(name))) => {
                format!("{kind} '{name}'.{method}")
            }
            _ => what.to_owned(),
        },
        Waiting::Tasks => match header.waiting_detail() {
            Some(Detail::Tasks(which)) => which
                .upgrade()
                .map_or_else(|| "tasks".to_owned(), |which| which.describe()),
            _ => "tasks".to_owned(),
        },
    }
}

/// The loop as its task cells see it.
impl crate::cell::Schedule for Core {
    fn schedule(&self, key: usize, id: TaskId) {
        Core::schedule(self, key, id);
    }

    fn is_polling(&self, key: usize) -> bool {
        Core::is_polling(self, key)
    }

    fn note_waiting(&self, waiting: Waiting) {
        Core::note_waiting(self, waiting);
    }

    fn wake_later(&self, waker: std::task::Waker) {
        Core::wake_later(self, waker);
    }

    fn call_soon(&self, task: Rc<dyn Runnable>, callback: crate::cell::DoneCallback) {
        Core::call_soon(self, task, callback);
    }

    fn report(&self, diagnostic: Diagnostic) {
        Core::report(self, diagnostic);
    }
}
