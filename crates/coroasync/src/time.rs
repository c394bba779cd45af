//! The loop's clock, its timers, and the two ways a task gives up the thread:
//! [`sleep`] and [`yield_now`].

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::Weak;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use corotrace::TaskId;
use slab::Slab;

use crate::context;
use crate::core::Core;

/// Where a loop reads the time.
#[derive(Debug)]
pub(crate) enum LoopClock {
    /// Real time since the loop was made.
    Real { start: Instant },
    /// Time that moves only when the loop jumps it to the next timer, or the host
    /// advances it.
    Virtual { now: Cell<Duration> },
}

impl LoopClock {
    pub(crate) fn now(&self) -> Duration {
        match self {
            Self::Real { start } => start.elapsed(),
            Self::Virtual { now } => now.get(),
        }
    }

    pub(crate) fn is_virtual(&self) -> bool {
        matches!(self, Self::Virtual { .. })
    }
}

/// Names one timer: its slot, and the sequence number that tells it from a later
/// timer in the same slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimerKey {
    slot: usize,
    seq: u64,
}

struct TimerEntry {
    seq: u64,
    waker: Waker,
}

/// A deadline in whole nanoseconds (584 years of them fit in a `u64`).
fn nanos(deadline: Duration) -> u64 {
    u64::try_from(deadline.as_nanos()).unwrap_or(u64::MAX)
}

/// Whether a sleep of `duration` from `now` would end at or past the last instant
/// a timer can hold (about 584 years on the loop's clock): such a sleep has no
/// end, as `Duration::MAX` means "no limit".
fn never_ends(now: Duration, duration: Duration) -> bool {
    now.checked_add(duration)
        .is_none_or(|deadline| nanos(deadline) == u64::MAX)
}

/// What a task in a sleep without end waits on, in a deadlock report.
const WITHOUT_END: &str = "a sleep without end (Duration::MAX)";

/// Pending timers, earliest deadline first; equal deadlines in the order they
/// were set (asyncio's heap compares deadlines only, so ties are unordered there).
#[derive(Default)]
pub(crate) struct Timers {
    /// (deadline in nanoseconds, sequence, slot): plain integers, so the heap's
    /// comparisons are cheap (a `Duration` compares in two parts).
    heap: BinaryHeap<Reverse<(u64, u64, usize)>>,
    entries: Slab<TimerEntry>,
    next_seq: u64,
}

impl Timers {
    pub(crate) fn insert(&mut self, deadline: Duration, waker: Waker) -> TimerKey {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = self.entries.insert(TimerEntry { seq, waker });
        self.heap.push(Reverse((nanos(deadline), seq, slot)));
        TimerKey { slot, seq }
    }

    /// Whether timer `key` is still set: not fired, not cancelled.
    pub(crate) fn is_pending(&self, key: TimerKey) -> bool {
        self.entries.get(key.slot).is_some_and(|e| e.seq == key.seq)
    }

    pub(crate) fn update_waker(&mut self, key: TimerKey, waker: &Waker) {
        if let Some(entry) = self.entries.get_mut(key.slot)
            && entry.seq == key.seq
            && !entry.waker.will_wake(waker)
        {
            entry.waker = waker.clone();
        }
    }

    /// Forgets a timer; its heap entry goes stale and is skipped when it surfaces,
    /// or swept out sooner.
    pub(crate) fn cancel(&mut self, key: TimerKey) {
        if self.is_pending(key) {
            self.entries.remove(key.slot);
            // A loop that sets long timeouts and cancels them at once (`wait_for`
            // on quick work) would pile up stale entries until their deadlines
            // came. Once they outnumber the live ones the heap is rebuilt without
            // them: O(n), paid for by the n cancels since the last sweep.
            if self.heap.len() > 2 * self.entries.len() + 32 {
                let entries = &self.entries;
                self.heap.retain(|&Reverse((_, seq, slot))| {
                    entries.get(slot).is_some_and(|entry| entry.seq == seq)
                });
            }
        }
    }

    /// The earliest live deadline.
    pub(crate) fn next_deadline(&mut self) -> Option<Duration> {
        while let Some(&Reverse((deadline, seq, slot))) = self.heap.peek() {
            if self.is_pending(TimerKey { slot, seq }) {
                return Some(Duration::from_nanos(deadline));
            }
            self.heap.pop();
        }
        None
    }

    /// The waker of the earliest timer due by `now`, removing it.
    pub(crate) fn pop_due(&mut self, now: Duration) -> Option<Waker> {
        let deadline = self.next_deadline()?;
        if deadline > now {
            return None;
        }
        let Reverse((_, _, slot)) = self.heap.pop()?;
        Some(self.entries.remove(slot).waker)
    }

    /// The live timers, earliest first, with the wakers they will wake: the
    /// heap's cancelled entries (left until swept) are not among them.
    pub(crate) fn live(&self) -> Vec<(Duration, &Waker)> {
        let mut live: Vec<_> = (self.heap.iter())
            .filter(|&&Reverse((_, seq, slot))| self.is_pending(TimerKey { slot, seq }))
            .map(|&Reverse(key)| key)
            .collect();
        live.sort_unstable();
        (live.into_iter())
            .map(|(deadline, _, slot)| (Duration::from_nanos(deadline), &self.entries[slot].waker))
            .collect()
    }

    pub(crate) fn clear(&mut self) {
        self.heap.clear();
        self.entries.clear();
    }
}

/// Waits until `duration` has passed on the loop's clock: asyncio's `sleep`.
///
/// `sleep(Duration::ZERO)` is [`yield_now`], a bare trip to the back of the ready
/// queue. A longer sleep sets a timer when first polled; when it is due the loop
/// runs it, which wakes the task, which runs one pass later (two hops, as in
/// asyncio). On a virtual clock nobody waits: when every task is asleep the clock
/// jumps to the earliest deadline.
///
/// Dropping the future cancels the timer.
///
/// `Duration::MAX` means "no limit": a sleep that would end past the last instant
/// the clock can hold (about 584 years after the loop was made) sets no timer and
/// never ends by itself; only cancelling (dropping) it ends it. The loop does not
/// jump a virtual clock to the end of time for it: if nothing else can run, that
/// is a deadlock, and `run_until_complete` reports the task as waiting on "a sleep
/// without end (Duration::MAX)". A `wait_for` or `wait` with `Duration::MAX` is
/// therefore one without a time limit.
///
/// # Panics
///
/// When polled outside a running event loop: there is no clock to sleep on. The
/// message names the line that called `sleep`.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async { sleep(Duration::from_secs(3600)).await }).unwrap();
/// assert_eq!(lp.now(), Duration::from_secs(3600)); // an hour, instantly
/// ```
#[track_caller]
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        caller: Location::caller(),
        state: SleepState::Start,
    }
}

/// The future of [`sleep`].
#[derive(Debug)]
#[must_use = "a sleep does nothing unless awaited"]
pub struct Sleep {
    duration: Duration,
    /// Where `sleep` was called: the panic of a sleep polled outside a loop
    /// happens in `poll`, far from the line to fix.
    caller: &'static Location<'static>,
    state: SleepState,
}

#[derive(Debug)]
enum SleepState {
    Start,
    Yielded,
    Waiting {
        core: Weak<Core>,
        key: TimerKey,
    },
    /// A sleep past the end of the clock's range: no timer, no end.
    WithoutEnd,
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.state {
            SleepState::Start if self.duration.is_zero() => {
                self.state = SleepState::Yielded;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepState::Start => {
                let Some(core) = context::running() else {
                    panic!(
                        "coroasync::sleep (called at {}) was polled outside a running event loop",
                        self.caller
                    );
                };
                if never_ends(core.clock.now(), self.duration) {
                    self.state = SleepState::WithoutEnd;
                    core.note_waiting(Waiting::Primitive(WITHOUT_END));
                    return Poll::Pending;
                }
                let key = core.add_timer(self.duration, cx.waker());
                self.state = SleepState::Waiting {
                    core: std::rc::Rc::downgrade(&core),
                    key,
                };
                Poll::Pending
            }
            SleepState::Waiting { core, key } => {
                let key = *key;
                let Some(core) = core.upgrade() else {
                    // The loop is gone; nothing will ever wake us.
                    return Poll::Pending;
                };
                if core.timer_pending(key, cx.waker()) {
                    core.note_waiting(Waiting::Timer);
                    Poll::Pending
                } else {
                    self.state = SleepState::Done;
                    Poll::Ready(())
                }
            }
            SleepState::WithoutEnd => {
                context::note_waiting(Waiting::Primitive(WITHOUT_END));
                Poll::Pending
            }
            SleepState::Yielded | SleepState::Done => {
                self.state = SleepState::Done;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let SleepState::Waiting { core, key } = &self.state
            && let Some(core) = core.upgrade()
        {
            core.cancel_timer(*key);
        }
    }
}

/// Sends the task to the back of the ready queue, letting every task queued
/// before it run first: asyncio's `await asyncio.sleep(0)`.
///
/// ```
/// use coroasync::{run, say, spawn, yield_now};
///
/// run(async {
///     let other = spawn(async { say!("other") });
///     say!("before");
///     yield_now().await; // `other` runs here
///     say!("after");
///     other.await.unwrap();
/// })
/// .unwrap();
/// ```
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
#[derive(Debug)]
#[must_use = "yield_now does nothing unless awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // The common case, a task yielding its own step, needs no waker: the loop
        // queues it again when the step ends, at the same place a wake would.
        if !context::yield_own_step(cx.waker()) {
            cx.waker().wake_by_ref();
        }
        Poll::Pending
    }
}

/// The time on the running loop's clock, since the loop was made: asyncio's
/// `loop.time()`. Zero outside a running loop.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{now, sleep, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let woke = lp.run_until_complete(async {
///     sleep(Duration::from_secs(2)).await;
///     now()
/// });
/// assert_eq!(woke, Ok(Duration::from_secs(2)));
/// ```
pub fn now() -> Duration {
    context::with_running(|core| core.map_or(Duration::ZERO, |core| core.clock.now()))
}

/// What a pending task waits on, for deadlock reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Waiting {
    /// Something outside this crate's primitives.
    #[default]
    Unknown,
    /// A timer.
    Timer,
    /// Another task's completion.
    Task(TaskId),
    /// One of the synchronisation primitives, by what it waits for
    /// (`Queue.get`).
    Primitive(&'static str),
    /// A primitive its program named, by what it waits for. The name is kept
    /// beside, off the switch path: by the loop until the step ends, then in the
    /// task's side allocation (`Header::waiting_name`), so this stays `Copy`.
    Named(&'static str),
    /// Several tasks' completion (a `gather`, a `wait`, an `as_completed`): which
    /// ones is kept beside, as a named primitive's name is.
    Tasks,
}
