//! `Lock` and `Semaphore`: mutual exclusion and counted permits between tasks,
//! released by dropping a guard.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::context;
use crate::waiters::{Name, WaitKey, WaitList};

/// Which of asyncio's two hand-off rules a [`Permits`] follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `Lock` (rule 12 of asyncio 3.11's order): a release unlocks and wakes the
    /// first waiter, which takes the lock itself when it runs.
    Lock,
    /// `Semaphore` (rule 13): a release takes the unit for the waiter it wakes.
    Semaphore,
}

/// The state of a lock or a semaphore, following asyncio 3.11's `locks.py` step
/// for step. A waiter is in `waiters` from its first wait until it runs or is
/// dropped; `woken` counts those woken that have not run yet.
struct Permits {
    /// Free units: asyncio's `_value` for a semaphore, `not _locked` for a lock.
    available: Cell<usize>,
    /// Waiters woken by a release (or passed a wake-up) that have not run yet.
    woken: Cell<usize>,
    waiters: RefCell<WaitList>,
    kind: Kind,
    label: &'static str,
    name: Name,
}

impl Permits {
    fn new(permits: usize, kind: Kind, label: &'static str) -> Rc<Self> {
        Rc::new(Self {
            available: Cell::new(permits),
            woken: Cell::new(0),
            waiters: RefCell::default(),
            kind,
            label,
            name: Name::default(),
        })
    }

    /// Gives a unit back and wakes the next waiter (asyncio's `release`).
    fn release(&self) {
        self.available.set(self.available.get() + 1);
        self.wake_next();
    }

    /// Wakes the oldest waiter not yet woken. A lock wakes one only if none is
    /// already on its way (asyncio's `_wake_up_first` looks at the first waiter
    /// only, and a woken one is always first); a semaphore takes the unit for
    /// the waiter now (`_wake_up_next`). The waker runs after the borrows end.
    fn wake_next(&self) {
        let waker = match self.kind {
            Kind::Lock if self.woken.get() > 0 => return,
            Kind::Lock => self.waiters.borrow_mut().notify_first(),
            Kind::Semaphore => self.waiters.borrow_mut().notify_one(),
        };
        if let Some(waker) = waker {
            self.woken.set(self.woken.get() + 1);
            if self.kind == Kind::Semaphore {
                self.available.set(self.available.get() - 1);
            }
            waker.wake();
        }
    }

    /// Whether a newcomer must wait: no unit free, or someone queued ahead of it
    /// who is not cancelled (a woken waiter that has not run yet counts: no
    /// barging). asyncio's `Semaphore.locked()`, and `Lock.acquire`'s test.
    fn must_wait(&self) -> bool {
        self.available.get() == 0 || self.waiters.borrow().has_live()
    }

    fn poll_acquire(&self, key: &mut Option<WaitKey>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(k) = *key else {
            if !self.must_wait() {
                self.available.set(self.available.get() - 1);
                return Poll::Ready(());
            }
            *key = Some(
                self.waiters
                    .borrow_mut()
                    .push(cx.waker(), context::cancel_flag()),
            );
            self.name.note(self.label);
            return Poll::Pending;
        };
        if !self.waiters.borrow_mut().poll(k, cx.waker()) {
            self.name.note(self.label);
            return Poll::Pending;
        }
        // Woken, and now running: the unit is this waiter's.
        *key = None;
        self.woken.set(self.woken.get().saturating_sub(1));
        match self.kind {
            Kind::Lock => self.available.set(0),
            // A unit released while this waiter was on its way went to nobody,
            // as newcomers queued behind it: wake the next now.
            Kind::Semaphore if self.available.get() > 0 => self.wake_next(),
            Kind::Semaphore => {}
        }
        Poll::Ready(())
    }

    /// A waiter gave up (dropped: cancelled, timed out). One that had been woken
    /// passes the wake-up on: a semaphore gives the unit back and wakes the next;
    /// a lock still unlocked wakes the next (asyncio's `acquire` does both in its
    /// `except CancelledError`).
    fn abandon(&self, key: Option<WaitKey>) {
        let Some(key) = key else { return };
        let woken = self.waiters.borrow_mut().remove(key);
        if woken {
            self.woken.set(self.woken.get().saturating_sub(1));
        }
        match self.kind {
            Kind::Lock if self.available.get() > 0 => self.wake_next(),
            Kind::Semaphore if woken => self.release(),
            _ => {}
        }
    }
}

/// Mutual exclusion for tasks: asyncio's `Lock`. [`Lock::acquire`] waits for the
/// lock and returns a guard that releases it when dropped, so a cancelled task
/// never leaves it held. Clones share one lock.
///
/// Hand-offs follow asyncio 3.11: a release unlocks the lock and wakes the first
/// waiter, which takes the lock when it runs (the lock is not handed over, so
/// [`Lock::is_locked`] says `false` in between). Meanwhile a newcomer does not
/// barge ahead: it waits while a waiter that is not cancelled is queued. Waiters
/// get the lock in the order they asked; one woken and then cancelled (or timed
/// out) before it runs wakes the next. A release whose first waiter was already
/// cancelled wakes nobody: that waiter wakes the next as it leaves.
///
/// ```
/// use coroasync::{gather, run, yield_now, Lock};
///
/// run(async {
///     let lock = Lock::new();
///     let worker = |name: &'static str| {
///         let lock = lock.clone();
///         async move {
///             let _held = lock.acquire().await;
///             yield_now().await; // nobody else gets in meanwhile
///             name
///         }
///     };
///     let order = gather([worker("a"), worker("b")]).await.unwrap();
///     assert_eq!(order, ["a", "b"]);
///     assert!(!lock.is_locked());
/// })
/// .unwrap();
/// ```
#[derive(Clone)]
#[doc(alias = "Mutex")]
pub struct Lock {
    permits: Rc<Permits>,
}

impl Lock {
    /// A new, unlocked lock.
    pub fn new() -> Self {
        Self {
            permits: Permits::new(1, Kind::Lock, "Lock.acquire"),
        }
    }

    /// Names the lock (shared by its clones) for the deadlock report and the
    /// trace, which then say a task waits on `Lock 'db'.acquire`.
    ///
    /// ```
    /// use coroasync::Lock;
    ///
    /// let db = Lock::new().named("db");
    /// # drop(db);
    /// ```
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        self.permits.name.set(name.into());
        self
    }

    /// Waits for the lock; it is held until the guard drops.
    pub fn acquire(&self) -> Acquire<LockGuard> {
        Acquire::new(Rc::clone(&self.permits), |permits| LockGuard { permits })
    }

    /// Whether some task holds the lock: asyncio's `locked()`. Between a release
    /// and the moment the woken waiter runs, nobody does; an
    /// [`acquire`](Lock::acquire) still waits then, behind that waiter.
    pub fn is_locked(&self) -> bool {
        self.permits.available.get() == 0
    }
}

impl Default for Lock {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Lock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lock")
            .field("locked", &self.is_locked())
            .finish()
    }
}

/// Holds a [`Lock`]; dropping it releases the lock to the next waiter.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct LockGuard {
    permits: Rc<Permits>,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        self.permits.release();
    }
}

impl fmt::Debug for LockGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LockGuard")
    }
}

/// A count of permits tasks take and give back: asyncio's `Semaphore`.
///
/// Hand-offs follow asyncio 3.11: a release wakes the oldest waiter and takes
/// the permit for it at once ([`Semaphore::available`] does not go up); one woken
/// and then cancelled (or timed out) before it runs gives the permit back and
/// wakes the next, and one cancelled before the release is passed by. A newcomer
/// waits while a waiter that is not cancelled is queued ahead of it, even with a
/// permit free; the woken waiter, when it runs, wakes the next for any permit
/// released meanwhile, so none is lost.
///
/// ```
/// use coroasync::{run, Semaphore};
///
/// run(async {
///     let slots = Semaphore::new(2);
///     let a = slots.acquire().await;
///     let _b = slots.acquire().await;
///     assert_eq!(slots.available(), 0);
///     drop(a);
///     assert_eq!(slots.available(), 1);
/// })
/// .unwrap();
/// ```
#[derive(Clone)]
pub struct Semaphore {
    permits: Rc<Permits>,
}

impl Semaphore {
    /// A semaphore with `permits` permits.
    pub fn new(permits: usize) -> Self {
        Self {
            permits: Permits::new(permits, Kind::Semaphore, "Semaphore.acquire"),
        }
    }

    /// Names the semaphore (shared by its clones) for the deadlock report and the
    /// trace: `Semaphore 'pool'.acquire`.
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        self.permits.name.set(name.into());
        self
    }

    /// Waits for a permit; it is given back when the returned permit drops.
    pub fn acquire(&self) -> Acquire<SemaphorePermit> {
        Acquire::new(Rc::clone(&self.permits), |permits| SemaphorePermit {
            permits,
        })
    }

    /// Takes a permit if one is free and nobody is queued for one, without
    /// waiting; `None` where [`acquire`](Semaphore::acquire) would wait (tokio's
    /// `try_acquire`, asyncio's `acquire` when `locked()` is false). A newcomer does
    /// not barge ahead of a queued waiter here either.
    ///
    /// ```
    /// use coroasync::Semaphore;
    ///
    /// let slots = Semaphore::new(1);
    /// let held = slots.try_acquire().expect("a permit is free");
    /// assert!(slots.try_acquire().is_none());
    /// drop(held);
    /// assert!(slots.try_acquire().is_some());
    /// ```
    pub fn try_acquire(&self) -> Option<SemaphorePermit> {
        if self.permits.must_wait() {
            return None;
        }
        let available = &self.permits.available;
        available.set(available.get() - 1);
        Some(SemaphorePermit {
            permits: Rc::clone(&self.permits),
        })
    }

    /// How many permits are free: asyncio's `_value`. A permit a release took for
    /// a woken waiter is not free.
    pub fn available(&self) -> usize {
        self.permits.available.get()
    }

    /// Whether an [`acquire`](Semaphore::acquire) would wait: asyncio's `locked()`,
    /// true when no permit is free or a waiter that is not cancelled is queued.
    pub fn is_locked(&self) -> bool {
        self.permits.must_wait()
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Semaphore")
            .field("available", &self.available())
            .finish()
    }
}

/// One permit of a [`Semaphore`]; dropping it gives the permit back.
#[must_use = "the permit is given back as soon as it is dropped"]
pub struct SemaphorePermit {
    permits: Rc<Permits>,
}

impl Drop for SemaphorePermit {
    fn drop(&mut self) {
        self.permits.release();
    }
}

impl fmt::Debug for SemaphorePermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SemaphorePermit")
    }
}

/// The future of [`Lock::acquire`] and [`Semaphore::acquire`]. Dropped while
/// waiting, it leaves the queue, and a wake-up it had been given moves on.
#[must_use = "futures do nothing unless awaited"]
pub struct Acquire<G> {
    permits: Rc<Permits>,
    key: Option<WaitKey>,
    guard: fn(Rc<Permits>) -> G,
}

impl<G> Acquire<G> {
    fn new(permits: Rc<Permits>, guard: fn(Rc<Permits>) -> G) -> Self {
        Self {
            permits,
            key: None,
            guard,
        }
    }
}

impl<G> Future for Acquire<G> {
    type Output = G;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<G> {
        let this = &mut *self;
        match this.permits.poll_acquire(&mut this.key, cx) {
            Poll::Ready(()) => Poll::Ready((this.guard)(Rc::clone(&this.permits))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<G> Drop for Acquire<G> {
    fn drop(&mut self) {
        self.permits.abandon(self.key.take());
    }
}

impl<G> fmt::Debug for Acquire<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acquire")
            .field("waiting", &self.key.is_some())
            .finish()
    }
}
