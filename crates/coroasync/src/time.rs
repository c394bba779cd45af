//! The two ways a task gives up the thread, [`sleep`] and [`yield_now`], and
//! [`now`] on the loop's clock (whose timers are in `timers.rs`).

use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::Weak;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::context;
use crate::core::Core;
use crate::timers::{TimerKey, nanos};
use crate::waiting::Waiting;

/// Whether a sleep of `duration` from `now` would end at or past the last instant
/// a timer can hold (about 584 years on the loop's clock): such a sleep has no
/// end, as `Duration::MAX` means "no limit".
fn never_ends(now: Duration, duration: Duration) -> bool {
    now.checked_add(duration)
        .is_none_or(|deadline| nanos(deadline) == u64::MAX)
}

/// What a task in a sleep without end waits on, in a deadlock report.
const WITHOUT_END: &str = "a sleep without end (Duration::MAX)";

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
        if !crate::waker::yield_own_step(cx.waker()) {
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
