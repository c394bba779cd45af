//! `Condition`: waiting, under a lock, until another task says something changed.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::context;
use crate::lock::{Acquire, Lock, LockGuard};
use crate::time::{Sleep, sleep};
use crate::waiters::{Name, WaitKey, WaitList};

/// A lock and the tasks waiting to be told that what it protects changed:
/// asyncio's `Condition`. Clones share one condition.
///
/// [`Condition::acquire`] returns a [`ConditionGuard`]; waiting and notifying are
/// the guard's methods, so they can only happen with the lock held (asyncio raises
/// `RuntimeError` otherwise). [`ConditionGuard::wait`] releases the lock, waits for
/// a notification, takes the lock again and hands the guard back, as asyncio's
/// `wait` does. Notifications wake waiters in the order they began waiting
/// (asyncio 3.11's `notify(n)` and `notify_all`); a notification given to a waiter
/// that is cancelled before it runs is lost, as in 3.11.
///
/// Cancelled while it waits, a task's wait is dropped and the lock is left free:
/// where asyncio's task takes the lock back before its `CancelledError` leaves
/// the `async with`, which frees it, the Rust task has nothing to take it back
/// for. [`ConditionGuard::wait_timeout`] is the counterpart of
/// `wait_for(cond.wait(), t)` inside `async with cond`: the lock is held again
/// afterwards, notified or not.
///
/// ```
/// use std::cell::Cell;
/// use std::rc::Rc;
/// use coroasync::{run, spawn, yield_now, Condition};
///
/// run(async {
///     let cond = Condition::new();
///     let ready = Rc::new(Cell::new(false));
///     let consumer = spawn({
///         let (cond, ready) = (cond.clone(), ready.clone());
///         async move {
///             let guard = cond.acquire().await;
///             let _guard = guard.wait_for(|| ready.get()).await;
///             "saw it ready"
///         }
///     });
///     yield_now().await; // the consumer waits
///     let guard = cond.acquire().await;
///     ready.set(true);
///     guard.notify_all();
///     drop(guard);
///     assert_eq!(consumer.await, Ok("saw it ready"));
/// })
/// .unwrap();
/// ```
#[derive(Clone)]
pub struct Condition {
    lock: Lock,
    waiters: Rc<RefCell<WaitList>>,
    name: Rc<Name>,
    /// What a task in `wait` waits on: `Condition.wait`, or the wait of the
    /// primitive built on this one (`Barrier.wait`).
    what: &'static str,
}

impl Default for Condition {
    fn default() -> Self {
        Self::with_lock(&Lock::new())
    }
}

impl Condition {
    /// A condition with a lock of its own.
    pub fn new() -> Self {
        Self::default()
    }

    /// A condition over `lock` (a clone of it shares the lock): asyncio's
    /// `Condition(lock)`.
    pub fn with_lock(lock: &Lock) -> Self {
        Self {
            lock: lock.clone(),
            waiters: Rc::default(),
            name: Rc::default(),
            what: "Condition.wait",
        }
    }

    /// A condition whose waiters wait on `what`, for a primitive built on it.
    pub(crate) fn waiting_as(what: &'static str) -> Self {
        Self {
            what,
            ..Self::default()
        }
    }

    /// Names the condition (shared by its clones) for the deadlock report and
    /// the trace: `Condition 'ready'.wait`. Its lock keeps its own name: a task
    /// waiting to acquire it waits on the lock.
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        self.name_shared(name.into());
        self
    }

    pub(crate) fn name_shared(&self, name: Rc<str>) {
        self.name.set(name);
    }

    /// Waits for the lock: asyncio's `acquire()` (or `async with cond`). The lock
    /// is released when the guard drops.
    pub fn acquire(&self) -> ConditionAcquire {
        ConditionAcquire {
            cond: self.clone(),
            acquire: self.lock.acquire(),
        }
    }

    /// Wakes every waiter without holding the lock, for a clean-up that runs as
    /// a task is dropped (where asyncio's `finally` would hold it again).
    pub(crate) fn wake_all(&self) {
        let wakers = self.waiters.borrow_mut().notify_all();
        wakers.into_iter().for_each(|waker| waker.wake());
    }

    /// Whether the lock is held: asyncio's `locked()`.
    pub fn is_locked(&self) -> bool {
        self.lock.is_locked()
    }
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condition")
            .field("locked", &self.is_locked())
            .finish()
    }
}

/// The future of [`Condition::acquire`].
#[must_use = "futures do nothing unless awaited"]
pub struct ConditionAcquire {
    cond: Condition,
    acquire: Acquire<LockGuard>,
}

impl Future for ConditionAcquire {
    type Output = ConditionGuard;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<ConditionGuard> {
        let this = &mut *self;
        Pin::new(&mut this.acquire)
            .poll(cx)
            .map(|lock| ConditionGuard {
                cond: this.cond.clone(),
                _lock: lock,
            })
    }
}

impl fmt::Debug for ConditionAcquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConditionAcquire").finish_non_exhaustive()
    }
}

/// The held lock of a [`Condition`]: wait and notify through it; dropping it
/// releases the lock.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct ConditionGuard {
    cond: Condition,
    /// Held for its `Drop`, which releases the lock.
    _lock: LockGuard,
}

impl ConditionGuard {
    /// Releases the lock, waits to be notified, and takes the lock again:
    /// asyncio's `wait()`. The guard comes back once the lock is held again.
    pub fn wait(self) -> ConditionWait {
        ConditionWait {
            cond: self.cond.clone(),
            state: State::Start(self),
            timer: None,
            notified: false,
        }
    }

    /// [`wait`](ConditionGuard::wait) for at most `timeout`; the lock is taken
    /// again either way. Returns the guard and whether a notification came.
    pub async fn wait_timeout(self, timeout: Duration) -> (Self, bool) {
        let mut wait = self.wait();
        wait.timer = Some(sleep(timeout));
        let guard = (&mut wait).await;
        (guard, wait.notified)
    }

    /// Waits until `predicate` holds, checking it now and after each
    /// notification, with the lock held: asyncio's `wait_for(predicate)`.
    pub async fn wait_for(mut self, mut predicate: impl FnMut() -> bool) -> Self {
        while !predicate() {
            self = self.wait().await;
        }
        self
    }

    /// Wakes up to `n` waiters, oldest first, not counting those already
    /// notified that have not run yet: asyncio's `notify(n)`. Each runs once it
    /// has the lock again, so not before this guard is dropped.
    pub fn notify(&self, n: usize) {
        let wakers: Vec<_> = {
            let mut waiters = self.cond.waiters.borrow_mut();
            std::iter::from_fn(|| waiters.notify_one())
                .take(n)
                .collect()
        };
        wakers.into_iter().for_each(|waker| waker.wake());
    }

    /// Wakes every waiter: asyncio's `notify_all()`.
    pub fn notify_all(&self) {
        self.cond.wake_all();
    }
}

impl fmt::Debug for ConditionGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConditionGuard")
    }
}

enum State {
    /// Not polled yet: still holding the lock.
    Start(ConditionGuard),
    /// In the condition's wait list, the lock released.
    Waiting(WaitKey),
    /// Notified (or timed out): taking the lock again.
    Acquiring(ConditionAcquire),
    Done,
}

/// The future of [`ConditionGuard::wait`]: the guard, once notified and holding
/// the lock again. Dropped while it waits, it leaves the wait list (a
/// notification it had been given is lost, as in asyncio 3.11).
#[must_use = "futures do nothing unless awaited"]
pub struct ConditionWait {
    cond: Condition,
    state: State,
    timer: Option<Sleep>,
    notified: bool,
}

impl Future for ConditionWait {
    type Output = ConditionGuard;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<ConditionGuard> {
        let this = &mut *self;
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Start(guard) => {
                    let key = this
                        .cond
                        .waiters
                        .borrow_mut()
                        .push(cx.waker(), context::cancel_flag());
                    drop(guard); // releases the lock, after joining the list
                    this.state = State::Waiting(key);
                }
                State::Waiting(key) => {
                    let mut waiters = this.cond.waiters.borrow_mut();
                    if waiters.poll(key, cx.waker()) {
                        this.notified = true;
                    } else if this
                        .timer
                        .as_mut()
                        .is_some_and(|timer| Pin::new(timer).poll(cx).is_ready())
                    {
                        waiters.remove(key);
                    } else {
                        this.state = State::Waiting(key);
                        drop(waiters);
                        this.cond.name.note(this.cond.what);
                        return Poll::Pending;
                    }
                    drop(waiters);
                    this.state = State::Acquiring(this.cond.acquire());
                }
                State::Acquiring(mut acquire) => {
                    return match Pin::new(&mut acquire).poll(cx) {
                        Poll::Ready(guard) => Poll::Ready(guard),
                        Poll::Pending => {
                            this.state = State::Acquiring(acquire);
                            Poll::Pending
                        }
                    };
                }
                State::Done => panic!("ConditionWait polled after it returned"),
            }
        }
    }
}

impl Drop for ConditionWait {
    fn drop(&mut self) {
        if let State::Waiting(key) = self.state {
            self.cond.waiters.borrow_mut().remove(key);
        }
    }
}

impl fmt::Debug for ConditionWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConditionWait")
            .field("notified", &self.notified)
            .finish_non_exhaustive()
    }
}
