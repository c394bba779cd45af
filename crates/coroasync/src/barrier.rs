//! `Barrier`: tasks wait until a set number of them have arrived.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use crate::condition::{Condition, ConditionGuard};
use crate::error::{BrokenBarrierError, ZeroParties};

/// asyncio's `_BarrierState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for parties to arrive.
    Filling,
    /// All arrived: the waiters leave; newcomers wait until they have.
    Draining,
    /// Reset with parties waiting: they leave with an error.
    Resetting,
    /// Aborted: every wait fails until a reset.
    Broken,
}

struct Inner {
    cond: Condition,
    parties: usize,
    state: Cell<State>,
    count: Cell<usize>,
}

/// A meeting point for a fixed number of tasks: asyncio's `Barrier` (3.11).
///
/// Each task calls [`Barrier::wait`]; the waits return once `parties` tasks
/// wait, each with its arrival index (0 for the first, `parties - 1` for the
/// last, which wakes the others). Then the barrier fills again for the next
/// round, once the whole round has left. [`Barrier::reset`] sends any waiters away
/// with [`BrokenBarrierError`] and starts afresh; [`Barrier::abort`] breaks the
/// barrier, so every wait fails until a reset. The order follows asyncio 3.11's
/// `locks.py` step for step (it is built, as there, on a [`Condition`]).
///
/// A task cancelled while it waits leaves the round, as in asyncio: the count
/// of arrivals goes down, and the barrier does not break.
///
/// ```
/// use coroasync::{gather, run, Barrier};
///
/// run(async {
///     let barrier = Barrier::new(3);
///     let arrive = |barrier: Barrier| async move { barrier.wait().await };
///     let indexes = gather([
///         arrive(barrier.clone()),
///         arrive(barrier.clone()),
///         arrive(barrier.clone()),
///     ])
///     .await
///     .unwrap();
///     assert_eq!(indexes, [Ok(0), Ok(1), Ok(2)]);
/// })
/// .unwrap();
/// ```
#[derive(Clone)]
pub struct Barrier {
    inner: Rc<Inner>,
}

impl Barrier {
    /// A barrier for `parties` tasks.
    ///
    /// # Panics
    ///
    /// If `parties` is 0 (asyncio's `ValueError`); [`Barrier::try_new`] returns
    /// the error instead.
    pub fn new(parties: usize) -> Self {
        match Self::try_new(parties) {
            Ok(barrier) => barrier,
            Err(error) => panic!("{error}"),
        }
    }

    /// A barrier for `parties` tasks, or the error if `parties` is 0.
    ///
    /// # Errors
    ///
    /// [`ZeroParties`] when `parties` is 0: no barrier could ever open.
    ///
    /// ```
    /// use coroasync::{Barrier, ZeroParties};
    ///
    /// assert_eq!(Barrier::try_new(0).unwrap_err(), ZeroParties);
    /// assert_eq!(Barrier::try_new(2).unwrap().parties(), 2);
    /// ```
    pub fn try_new(parties: usize) -> Result<Self, ZeroParties> {
        if parties == 0 {
            return Err(ZeroParties);
        }
        Ok(Self {
            inner: Rc::new(Inner {
                cond: Condition::waiting_as("Barrier.wait"),
                parties,
                state: Cell::new(State::Filling),
                count: Cell::new(0),
            }),
        })
    }

    /// Names the barrier for the deadlock report and the trace: `Barrier
    /// 'start'.wait`.
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        self.inner.cond.name_shared(name.into());
        self
    }

    /// Waits until `parties` tasks wait; the arrival index of this one.
    ///
    /// # Errors
    ///
    /// [`BrokenBarrierError`] when the barrier is aborted or reset while this
    /// task waits, or was broken already.
    pub async fn wait(&self) -> Result<usize, BrokenBarrierError> {
        let inner = &self.inner;
        let guard = inner.cond.acquire().await;
        let guard = guard
            .wait_for(|| !matches!(inner.state.get(), State::Draining | State::Resetting))
            .await;
        if inner.state.get() == State::Broken {
            return Err(BrokenBarrierError);
        }
        let index = inner.count.get();
        inner.count.set(index + 1);
        // asyncio's `finally`: runs on every way out, cancellation included.
        let arrival = Arrival(inner);
        let (guard, result) = if index + 1 == inner.parties {
            inner.state.set(State::Draining);
            guard.notify_all();
            (guard, Ok(index))
        } else {
            let guard = guard.wait_for(|| inner.state.get() != State::Filling).await;
            match inner.state.get() {
                State::Broken | State::Resetting => (guard, Err(BrokenBarrierError)),
                _ => (guard, Ok(index)),
            }
        };
        drop(arrival); // inside the lock, as asyncio's `finally` is
        drop::<ConditionGuard>(guard);
        result
    }

    /// Sends the tasks waiting now away with [`BrokenBarrierError`], and lets
    /// the barrier fill again once they have left: asyncio's `reset()`.
    pub async fn reset(&self) {
        let guard = self.inner.cond.acquire().await;
        let state = if self.inner.count.get() > 0 {
            State::Resetting
        } else {
            State::Filling
        };
        self.inner.state.set(state);
        guard.notify_all();
    }

    /// Breaks the barrier: the waits now and to come fail with
    /// [`BrokenBarrierError`] until a [`reset`](Barrier::reset): asyncio's
    /// `abort()`.
    pub async fn abort(&self) {
        let guard = self.inner.cond.acquire().await;
        self.inner.state.set(State::Broken);
        guard.notify_all();
    }

    /// How many tasks must wait for the barrier to let them through.
    pub fn parties(&self) -> usize {
        self.inner.parties
    }

    /// How many tasks wait now, while the barrier fills (0 while it drains):
    /// asyncio's `n_waiting`.
    pub fn n_waiting(&self) -> usize {
        match self.inner.state.get() {
            State::Filling => self.inner.count.get(),
            _ => 0,
        }
    }

    /// Whether the barrier is broken (aborted): asyncio's `broken`.
    pub fn is_broken(&self) -> bool {
        self.inner.state.get() == State::Broken
    }
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Barrier")
            .field("parties", &self.inner.parties)
            .field("waiting", &self.n_waiting())
            .field("state", &self.inner.state.get())
            .finish()
    }
}

/// One task counted in a round; leaving it is asyncio's `_exit`.
struct Arrival<'a>(&'a Inner);

impl Drop for Arrival<'_> {
    fn drop(&mut self) {
        let inner = self.0;
        inner.count.set(inner.count.get() - 1);
        if inner.count.get() == 0 {
            if matches!(inner.state.get(), State::Resetting | State::Draining) {
                inner.state.set(State::Filling);
            }
            inner.cond.wake_all();
        }
    }
}
