//! A FIFO of waiting futures, shared by `Event`, `Queue`, `Lock`, `Semaphore`
//! and `Condition`.
//!
//! A waiter is notified at most once, and stays in the list (as notified) until it
//! runs and leaves, so a primitive can tell "nobody waits" from "someone was
//! handed this and has not run yet", as asyncio's future-per-waiter lists can.
//! Slots are reused, so waiting allocates nothing once the list has grown.
//!
//! Each entry made inside a task shares that task's [`CancelFlag`]. Cancelling
//! the task sets the flag, and from that moment the entry counts as gone: no
//! notification goes to it and it keeps nobody out, although it stays in the
//! list until the task's clean-up drops its future. This is asyncio's rule that
//! `Task.cancel()` cancels the future the task waits on at once: a release, put
//! or set later in the same step passes the cancelled waiter by.

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::Waker;

use slab::Slab;

use crate::cancel::CancelFlag;
use crate::context;
use crate::waiting::Waiting;

/// The name a program gave a primitive (`Queue::new(0).named("orders")`), shared
/// by its clones. An unnamed primitive pays two moves of `None` per wait for it.
#[derive(Default)]
pub(crate) struct Name(Cell<Option<Rc<str>>>);

impl Name {
    pub(crate) fn set(&self, name: Rc<str>) {
        self.0.set(Some(name));
    }

    /// Tells the loop that the task being polled waits `what` (`Queue.get`) on
    /// this primitive.
    pub(crate) fn note(&self, what: &'static str) {
        let name = self.0.take();
        match &name {
            None => context::note_waiting(Waiting::Primitive(what)),
            Some(name) => context::with_running(|core| {
                if let Some(core) = core {
                    core.note_waiting_named(what, Rc::clone(name));
                }
            }),
        }
        self.0.set(name);
    }
}

/// Names one waiter: its slot and the sequence number that tells it from a later
/// waiter in the same slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WaitKey {
    slot: usize,
    seq: u64,
}

#[derive(Debug)]
struct Waiter {
    seq: u64,
    waker: Option<Waker>,
    notified: bool,
    /// The waiting task's flag (`None` outside a task: never cancelled).
    cancel: Option<CancelFlag>,
}

impl Waiter {
    /// Cancelled before it was notified: as good as gone. One notified first
    /// has been handed something and counts until it runs (asyncio's future is
    /// done then, and its `cancelled()` is false).
    fn is_cancelled(&self) -> bool {
        !self.notified && self.cancel.as_ref().is_some_and(CancelFlag::is_set)
    }
}

#[derive(Debug, Default)]
pub(crate) struct WaitList {
    waiters: Slab<Waiter>,
    /// Waiters not yet notified, oldest first. An entry whose waiter left is
    /// skipped when it reaches the front, unless `remove` dropped it first.
    order: VecDeque<WaitKey>,
    next_seq: u64,
}

impl WaitList {
    /// Adds a waiter at the back, sharing `cancel` with its task (from
    /// `context::cancel_flag()`): the task's cancellation takes the entry out of
    /// play at once.
    pub(crate) fn push(&mut self, waker: &Waker, cancel: Option<CancelFlag>) -> WaitKey {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.waiters.insert(Waiter {
            seq,
            waker: Some(waker.clone()),
            notified: false,
            cancel,
        });
        let key = WaitKey { slot, seq };
        self.order.push_back(key);
        key
    }

    fn get_mut(&mut self, key: WaitKey) -> Option<&mut Waiter> {
        self.waiters.get_mut(key.slot).filter(|w| w.seq == key.seq)
    }

    /// Whether the waiter at `key` was notified; if so it leaves the list,
    /// otherwise it will be woken through `waker`.
    pub(crate) fn poll(&mut self, key: WaitKey, waker: &Waker) -> bool {
        let Some(waiter) = self.get_mut(key) else {
            return true;
        };
        if waiter.notified {
            self.waiters.remove(key.slot);
            return true;
        }
        if !waiter.waker.as_ref().is_some_and(|w| w.will_wake(waker)) {
            waiter.waker = Some(waker.clone());
        }
        false
    }

    /// Takes the waiter at `key` out (it stopped waiting); returns whether it had
    /// been notified, so the caller can pass the notification on.
    pub(crate) fn remove(&mut self, key: WaitKey) -> bool {
        let Some(waiter) = self.get_mut(key) else {
            return false;
        };
        let notified = waiter.notified;
        self.waiters.remove(key.slot);
        if !notified {
            self.forget_order(key);
        }
        notified
    }

    /// Drops the `order` entry of a waiter that left before it was notified: a
    /// waiter that times out again and again must not leave an entry each time.
    fn forget_order(&mut self, key: WaitKey) {
        // The usual case, the newest waiter leaving, costs nothing; entries left
        // elsewhere are swept once they outnumber the waiters, so the sweep's cost
        // is spread over the removals that made it necessary.
        if self.order.back() == Some(&key) {
            self.order.pop_back();
        } else if self.order.len() > 2 * self.waiters.len() + 16 {
            let waiters = &self.waiters;
            self.order
                .retain(|k| waiters.get(k.slot).is_some_and(|w| w.seq == k.seq));
        }
    }

    /// Notifies the oldest waiter neither notified nor cancelled, returning its
    /// waker for the caller to wake once it has let go of its own borrows
    /// (asyncio's "first waiter whose future is not done"). Cancelled waiters
    /// passed by leave the order; they leave the list when they run.
    pub(crate) fn notify_one(&mut self) -> Option<Waker> {
        while let Some(key) = self.order.pop_front() {
            if let Some(waiter) = self.get_mut(key)
                && !waiter.is_cancelled()
            {
                waiter.notified = true;
                return waiter.waker.take();
            }
        }
        None
    }

    /// Notifies the oldest waiter not yet notified only if it is not cancelled:
    /// `Lock`'s `_wake_up_first`, which looks at the first waiter alone. A
    /// cancelled first waiter wakes the next itself when it leaves.
    pub(crate) fn notify_first(&mut self) -> Option<Waker> {
        while let Some(&key) = self.order.front() {
            match self.waiters.get(key.slot).filter(|w| w.seq == key.seq) {
                None => {
                    self.order.pop_front();
                }
                Some(waiter) if waiter.is_cancelled() => return None,
                Some(_) => return self.notify_one(),
            }
        }
        None
    }

    /// Whether some waiter is not cancelled (notified ones count until they run):
    /// a newcomer queues behind it rather than barge ahead.
    pub(crate) fn has_live(&self) -> bool {
        self.waiters
            .iter()
            .any(|(_, waiter)| !waiter.is_cancelled())
    }

    /// Notifies every waiter not cancelled, oldest first.
    pub(crate) fn notify_all(&mut self) -> Vec<Waker> {
        std::iter::from_fn(|| self.notify_one()).collect()
    }
}
