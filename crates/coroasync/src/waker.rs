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
use std::task::{RawWakerVTable, Wake, Waker};
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

/// The waker of the task being polled, as `Waker::will_wake` compares it (null
/// between steps), and whether the task yielded with it.
#[derive(Clone, Copy)]
struct Polled {
    data: *const (),
    vtable: *const RawWakerVTable,
    yielded: bool,
}

impl Polled {
    const NONE: Self = Self {
        data: std::ptr::null(),
        vtable: std::ptr::null(),
        yielded: false,
    };
}

thread_local! {
    /// One plain cell, so that a step's start and end and a `yield_now` each
    /// touch the thread-local once.
    static POLLED: Cell<Polled> = const { Cell::new(Polled::NONE) };
}

/// Marks the start (`Some(waker)`) or the end (`None`) of a task's step; at the
/// end, says whether the task yielded through [`yield_own_step`].
pub(crate) fn polling(waker: Option<&Waker>) -> bool {
    let now = match waker {
        Some(waker) => Polled {
            data: waker.data(),
            vtable: waker.vtable(),
            yielded: false,
        },
        None => Polled::NONE,
    };
    POLLED.with(|polled| polled.replace(now).yielded)
}

/// A `yield_now` polled with `waker`: if that is the polled task's own waker, the
/// task is queued again when its step ends, at the place a wake would have put
/// it, without a trip through the waker. `false` for any other waker (a
/// combinator's, say), which the caller then wakes.
pub(crate) fn yield_own_step(waker: &Waker) -> bool {
    POLLED.with(|polled| {
        let now = polled.get();
        let own = !now.data.is_null()
            && now.data == waker.data()
            && std::ptr::eq(now.vtable, waker.vtable());
        if own {
            polled.set(Polled {
                yielded: true,
                ..now
            });
        }
        own
    })
}
