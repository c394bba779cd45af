//! Wakers, made the safe way: an `Arc` of a small struct that implements
//! `std::task::Wake`.
//!
//! A wake on the loop's own thread, while the loop runs, goes straight onto its
//! ready queue. Any other wake (another thread, or the host between ticks) goes
//! into the loop's [`Remote`] inbox and unparks the loop's thread; the loop moves
//! the inbox onto its ready queue at the start of its next pass.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Wake;
use std::thread::Thread;

use corotrace::TaskId;

use crate::context;

/// The part of a loop other threads may touch.
#[derive(Debug)]
pub(crate) struct Remote {
    /// Tasks woken from outside the running loop, oldest first.
    inbox: Mutex<Vec<(usize, TaskId)>>,
    /// Set when `inbox` may hold something, so the loop need not lock to find out.
    pending: AtomicBool,
    /// Set when the loop is gone: wakes then do nothing.
    closed: AtomicBool,
    /// The thread the loop lives on (an `EventLoop` never moves between threads).
    thread: Thread,
}

impl Remote {
    pub(crate) fn new() -> Self {
        Self {
            inbox: Mutex::default(),
            pending: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            thread: std::thread::current(),
        }
    }

    pub(crate) fn push(&self, key: usize, id: TaskId) {
        if self.closed.load(Ordering::Acquire) {
            return;
        }
        // A panic while holding this lock cannot leave the Vec half-written.
        self.inbox
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((key, id));
        self.pending.store(true, Ordering::Release);
        self.thread.unpark();
    }

    /// Moves everything in the inbox into `into`, oldest first.
    pub(crate) fn drain(&self, into: &mut Vec<(usize, TaskId)>) {
        if self.pending.swap(false, Ordering::Acquire) {
            let mut inbox = self.inbox.lock().unwrap_or_else(PoisonError::into_inner);
            into.append(&mut inbox);
        }
    }

    pub(crate) fn has_pending(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.inbox
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// The waker of one task. Pooled by the loop: when a task finishes and nothing
/// else holds its waker, the same allocation serves the next task.
#[derive(Debug)]
pub(crate) struct TaskWaker {
    pub(crate) key: usize,
    pub(crate) id: TaskId,
    pub(crate) remote: Arc<Remote>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !context::schedule_here(&self.remote, self.key, self.id) {
            self.remote.push(self.key, self.id);
        }
    }
}
