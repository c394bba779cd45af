//! Which loop is running on this thread, if any.
//!
//! Free functions such as [`spawn`](crate::spawn) and [`sleep`](crate::sleep) find
//! their loop here, as asyncio's `get_running_loop()` does.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use corotrace::TaskId;

use crate::core::Core;
use crate::waker::Remote;

thread_local! {
    static RUNNING: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// Marks `core` as running on this thread until the guard drops (also when a
/// panic unwinds through it). `None` if a loop already runs here.
pub(crate) fn enter(core: &Rc<Core>) -> Option<Entered> {
    RUNNING.with(|running| {
        let mut running = running.borrow_mut();
        if running.is_some() {
            return None;
        }
        *running = Some(Rc::clone(core));
        Some(Entered { _private: () })
    })
}

/// Proof that a loop is marked running; unmarks it on drop.
pub(crate) struct Entered {
    _private: (),
}

impl Drop for Entered {
    fn drop(&mut self) {
        // Taken out first, so the core's own drop (if this was the last handle)
        // runs with the thread-local free again.
        let core = RUNNING.with(|running| running.borrow_mut().take());
        drop(core);
    }
}

/// Runs `f` with the loop running on this thread, if any.
pub(crate) fn with_running<R>(f: impl FnOnce(Option<&Rc<Core>>) -> R) -> R {
    RUNNING.with(|running| f(running.borrow().as_ref()))
}

/// The loop running on this thread.
pub(crate) fn running() -> Option<Rc<Core>> {
    with_running(|core| core.cloned())
}

/// Schedules task `key` right away if the loop that owns `remote` is the one
/// running on this thread; `false` if it is not. Every loop's wakers call this
/// (it is their [`WakeHere`](crate::waker::WakeHere), given when the loop is made),
/// so the waker layer needs nothing of this one.
pub(crate) fn schedule_here(remote: &Arc<Remote>, key: usize, id: TaskId) -> bool {
    // `try_with`: a waker dropped during thread teardown must not panic.
    RUNNING
        .try_with(|running| match running.try_borrow().ok().as_deref() {
            Some(Some(core)) if Arc::ptr_eq(core.remote(), remote) => {
                core.schedule(key, id);
                true
            }
            _ => false,
        })
        .unwrap_or(false)
}

/// Tells the running loop what the task being polled now waits on, for deadlock
/// reports.
pub(crate) fn note_waiting(waiting: crate::waiting::Waiting) {
    with_running(|core| {
        if let Some(core) = core {
            core.note_waiting(waiting);
        }
    });
}

/// Tells the running loop that the task being polled waits on the tasks `which`
/// describes.
pub(crate) fn note_waiting_tasks(which: std::rc::Weak<dyn crate::waiting::DescribeTasks>) {
    with_running(|core| {
        if let Some(core) = core {
            core.note_waiting_tasks(which);
        }
    });
}

/// Ends the step of the task being polled as a cancellation (see `interrupt.rs`):
/// the loop drops its future as soon as this poll returns.
pub(crate) fn end_step_cancelled() {
    with_running(|core| {
        if let Some(core) = core {
            core.end_current_step();
        }
    });
}

/// The cancel flag of the task being polled, for a wait-list entry it makes
/// (`None` outside a task).
pub(crate) fn cancel_flag() -> Option<crate::cancel::CancelFlag> {
    with_running(|core| core?.current_cancel_flag())
}
