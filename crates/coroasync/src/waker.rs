//! Wakers, made the safe way: an `Arc` of a small struct that implements
//! `std::task::Wake`.
//!
//! A wake on the loop's own thread, while the loop runs, goes straight onto its
//! ready queue. Any other wake (another thread, or the host between ticks) goes
//! into the loop's [`Remote`] inbox and unparks the loop's thread; the loop moves
//! the inbox onto its ready queue at the start of its next pass. A task has at
//! most one entry in the inbox however often it is woken before that pass.
//!
//! Also here: which waker is the polled task's own, so that `yield_now` can queue
//! its task again without a trip through the waker.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Wake;
use std::thread::Thread;

use corotrace::TaskId;

/// How a waker queues its task when woken on the thread of a loop that is
/// running: given by the loop's owner (`context.rs`, which knows which loop runs
/// here), so this module needs nothing above it. `false` if the loop that owns
/// `remote` is not the one running on this thread.
pub(crate) type WakeHere = fn(remote: &Arc<Remote>, key: usize, id: TaskId) -> bool;

/// A task woken from outside the loop, with the waker whose `queued` flag its
/// entry holds (none for a wake that came another way).
type Inboxed = (usize, TaskId, Option<Arc<TaskWaker>>);

/// The part of a loop other threads may touch.
#[derive(Debug)]
pub(crate) struct Remote {
    /// Tasks woken from outside the running loop, oldest first.
    inbox: Mutex<Vec<Inboxed>>,
    /// Set when `inbox` may hold something, so the loop need not lock to find out.
    pending: AtomicBool,
    /// Set when the loop is gone: wakes then do nothing.
    closed: AtomicBool,
    /// The thread the loop lives on (an `EventLoop` never moves between threads).
    thread: Thread,
    wake_here: WakeHere,
}

impl Remote {
    pub(crate) fn new(wake_here: WakeHere) -> Self {
        Self {
            wake_here,
            inbox: Mutex::default(),
            pending: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            thread: std::thread::current(),
        }
    }

    /// Queues task `key` for the loop's next pass.
    pub(crate) fn push(&self, key: usize, id: TaskId) {
        self.push_entry((key, id, None));
    }

    /// Queues an entry; `false` if the loop is gone. `closed` is read under the
    /// lock, so no entry (and no waker it holds) is left behind by `close`.
    fn push_entry(&self, entry: Inboxed) -> bool {
        // A panic while holding this lock cannot leave the Vec half-written.
        let mut inbox = self.inbox.lock().unwrap_or_else(PoisonError::into_inner);
        if self.closed.load(Ordering::Acquire) {
            return false;
        }
        inbox.push(entry);
        drop(inbox);
        self.pending.store(true, Ordering::Release);
        self.thread.unpark();
        true
    }

    /// Moves everything in the inbox into `into`, oldest first, and frees each
    /// entry's waker to queue again: a wake from now on needs a pass of its own.
    pub(crate) fn drain(&self, into: &mut Vec<(usize, TaskId)>) {
        if self.pending.swap(false, Ordering::Acquire) {
            let mut inbox = self.inbox.lock().unwrap_or_else(PoisonError::into_inner);
            for (key, id, waker) in inbox.drain(..) {
                if let Some(waker) = waker {
                    // Acquire: a wake that found the flag set and left it to this
                    // entry made its changes before; the task must see them.
                    waker.queued.swap(false, Ordering::AcqRel);
                }
                into.push((key, id));
            }
        }
    }

    pub(crate) fn has_pending(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    pub(crate) fn close(&self) {
        let mut inbox = self.inbox.lock().unwrap_or_else(PoisonError::into_inner);
        self.closed.store(true, Ordering::Release);
        let entries = std::mem::take(&mut *inbox);
        drop(inbox);
        // Dropped after the lock is let go: a waker's last drop drops a `Remote`.
        drop(entries);
    }
}

/// The waker of one task. Pooled by the loop: when a task finishes and nothing
/// else holds its waker, the same allocation serves the next task.
#[derive(Debug)]
pub(crate) struct TaskWaker {
    pub(crate) key: usize,
    pub(crate) id: TaskId,
    pub(crate) remote: Arc<Remote>,
    /// Set while this waker has an entry in the remote inbox: a task woken a
    /// million times from another thread between two passes takes one entry.
    queued: AtomicBool,
}

impl TaskWaker {
    pub(crate) fn new(key: usize, id: TaskId, remote: Arc<Remote>) -> Self {
        Self {
            key,
            id,
            remote,
            queued: AtomicBool::new(false),
        }
    }
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if (self.remote.wake_here)(&self.remote, self.key, self.id) {
            return;
        }
        // Already queued: the pass that drains that entry begins after this wake
        // (it clears the flag first) and runs the task after it, so nothing is lost.
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        if !self
            .remote
            .push_entry((self.key, self.id, Some(Arc::clone(self))))
        {
            self.queued.store(false, Ordering::Release);
        }
    }
}

thread_local! {
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
