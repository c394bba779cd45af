//! [`Schedule`]: all a task cell asks of the loop that owns it.

use std::rc::Rc;
use std::task::Waker;

use corotrace::TaskId;

use super::{DoneCallback, Runnable};
use crate::diagnostics::Diagnostic;
use crate::waiting::Waiting;

/// The loop as a task cell sees it: a narrow face, so that the cell (and what
/// builds on it) can be read without the scheduler behind it. The loop's core is
/// the one implementation; a cell holds it weakly, as a task handle may outlive
/// its loop.
pub(crate) trait Schedule {
    /// Queues task `key` for a step, unless it is queued already or has ended.
    fn schedule(&self, key: usize, id: TaskId);
    /// Whether task `key` is the one being polled.
    fn is_polling(&self, key: usize) -> bool;
    /// Notes what the task being polled waits on, for deadlock reports.
    fn note_waiting(&self, waiting: Waiting);
    /// Wakes `waker` from the ready queue: one hop later than waking it now.
    fn wake_later(&self, waker: Waker);
    /// Queues `callback` to run with `task`, from the ready queue.
    fn call_soon(&self, task: Rc<dyn Runnable>, callback: DoneCallback);
    /// Files a diagnostic (a failure nobody looked at).
    fn report(&self, diagnostic: Diagnostic);
}

/// Whether the cell whose loop is `scheduler` belongs to the loop at `core`.
pub(crate) fn same_loop<S>(scheduler: &std::rc::Weak<dyn Schedule>, core: &Rc<S>) -> bool {
    std::ptr::addr_eq(scheduler.as_ptr(), Rc::as_ptr(core))
}
