//! `Lock` and `Semaphore`: mutual exclusion and counted permits between tasks,
//! released by dropping a guard.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::context;
use crate::time::Waiting;
use crate::waiters::{WaitKey, WaitList};

/// A semaphore's state; a lock is a semaphore of one permit.
struct Permits {
    available: Cell<usize>,
    waiters: RefCell<WaitList>,
    label: &'static str,
}

impl Permits {
    fn new(permits: usize, label: &'static str) -> Rc<Self> {
        Rc::new(Self {
            available: Cell::new(permits),
            waiters: RefCell::default(),
            label,
        })
    }

    /// Gives a permit back: straight to the oldest waiter if there is one, as
    /// asyncio hands a released lock to its first waiter, so no newcomer barges in.
    fn release(&self) {
        let waker = self.waiters.borrow_mut().notify_one();
        match waker {
            Some(waker) => waker.wake(),
            None => self.available.set(self.available.get() + 1),
        }
    }

    fn poll_acquire(&self, key: &mut Option<WaitKey>, cx: &mut Context<'_>) -> Poll<()> {
        let mut waiters = self.waiters.borrow_mut();
        match *key {
            // Notified: the releaser handed this waiter its permit.
            Some(k) if waiters.poll(k, cx.waker()) => {
                *key = None;
                return Poll::Ready(());
            }
            Some(_) => {}
            None if self.available.get() > 0 && waiters.is_empty() => {
                self.available.set(self.available.get() - 1);
                return Poll::Ready(());
            }
            None => *key = Some(waiters.push(cx.waker())),
        }
        drop(waiters);
        context::note_waiting(Waiting::Primitive(self.label));
        Poll::Pending
    }

    /// A waiter gave up: if it had been handed a permit, the permit moves on.
    fn abandon(&self, key: Option<WaitKey>) {
        if let Some(key) = key {
            let notified = self.waiters.borrow_mut().remove(key);
            if notified {
                self.release();
            }
        }
    }
}

/// Mutual exclusion for tasks: asyncio's `Lock`. [`Lock::acquire`] waits for the
/// lock and returns a guard that releases it when dropped, so a cancelled task
/// never leaves it held. Waiters get it in the order they asked. Clones share one
/// lock.
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
pub struct Lock {
    permits: Rc<Permits>,
}

impl Lock {
    /// A new, unlocked lock.
    pub fn new() -> Self {
        Self {
            permits: Permits::new(1, "Lock.acquire"),
        }
    }

    /// Waits for the lock; it is held until the guard drops.
    pub fn acquire(&self) -> Acquire<LockGuard> {
        Acquire::new(Rc::clone(&self.permits), |permits| LockGuard { permits })
    }

    /// Whether some task holds the lock (or has been handed it and not yet run).
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
            permits: Permits::new(permits, "Semaphore.acquire"),
        }
    }

    /// Waits for a permit; it is given back when the returned permit drops.
    pub fn acquire(&self) -> Acquire<SemaphorePermit> {
        Acquire::new(Rc::clone(&self.permits), |permits| SemaphorePermit {
            permits,
        })
    }

    /// How many permits are free.
    pub fn available(&self) -> usize {
        self.permits.available.get()
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
/// waiting, it leaves the queue, and a permit it had been handed moves on.
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
