//! Which loop is running on this thread, if any.
//!
//! Free functions such as [`spawn`](crate::spawn) and [`sleep`](crate::sleep) find
//! their loop here, as asyncio's `get_running_loop()` does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use corotrace::TaskId;

use crate::core::Core;
use crate::waker::Remote;

thread_local! {
    static RUNNING: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
    /// The data pointer of the waker of the task being polled (null between
    /// steps): plain cells, so `yield_now` can check them for a couple of
    /// instructions.
    static POLLED_WAKER: Cell<*const ()> = const { Cell::new(std::ptr::null()) };
    /// ... and its vtable: a waker is the task's own only if both match.
    static POLLED_VTABLE: Cell<*const std::task::RawWakerVTable> =
        const { Cell::new(std::ptr::null()) };
    /// Set when the task being polled yielded with its own waker.
    static YIELDED: Cell<bool> = const { Cell::new(false) };
}

/// Marks the start (`Some(waker)`) or the end (`None`) of a task's step; at the
/// end, says whether the task yielded through [`yield_own_step`].
pub(crate) fn polling(waker: Option<&std::task::Waker>) -> bool {
    POLLED_WAKER.with(|polled| polled.set(waker.map_or(std::ptr::null(), |w| w.data())));
    POLLED_VTABLE.with(|polled| {
        polled.set(waker.map_or(std::ptr::null(), |w| std::ptr::from_ref(w.vtable())));
    });
    YIELDED.with(|yielded| yielded.replace(false))
}

/// A `yield_now` polled with `waker`: if that is the polled task's own waker, the
/// task is queued again when its step ends, at the place a wake would have put
/// it, without a trip through the waker. `false` for any other waker (a
/// combinator's, say), which the caller then wakes.
pub(crate) fn yield_own_step(waker: &std::task::Waker) -> bool {
    let own = POLLED_WAKER.with(|polled| {
        let polled = polled.get();
        !polled.is_null() && polled == waker.data()
    }) && POLLED_VTABLE.with(|polled| std::ptr::eq(polled.get(), waker.vtable()));
    if own {
        YIELDED.with(|yielded| yielded.set(true));
    }
    own
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
/// running on this thread; `false` if it is not.
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
pub(crate) fn note_waiting(waiting: crate::time::Waiting) {
    with_running(|core| {
        if let Some(core) = core {
            core.note_waiting(waiting);
        }
    });
}

/// Tells the running loop that the task being polled waits on the tasks `which`
/// names.
pub(crate) fn note_waiting_tasks(which: std::rc::Rc<str>) {
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
