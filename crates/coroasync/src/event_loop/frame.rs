//! A loop a host's frame can drive: [`EventLoop::run_for`] and what it reports.

use std::time::{Duration, Instant};

use super::EventLoop;
use crate::context;
use crate::diagnostics::Diagnostic;
use crate::error::RunError;
use crate::tick::Tick;

/// What one [`EventLoop::run_for`] did: its passes' [`Tick`]s summed, and what is
/// left when it returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Frame {
    /// Passes of the loop run ([`EventLoop::tick`]s).
    pub passes: usize,
    /// Task steps run.
    pub polled: usize,
    /// Tasks that finished (completed, failed or cancelled).
    pub completed: usize,
    /// Tasks spawned during the frame.
    pub spawned: usize,
    /// Wake-ups delivered: timers' and callbacks' hops, and wakes from other threads.
    pub woken: usize,
    /// Timers that came due.
    pub timers_fired: usize,
    /// Whether anything is left to do: ready work, a timer, a busy worker thread.
    pub has_remaining: bool,
    /// The earliest timer still set, on the loop's clock (always later than the
    /// frame's end on a virtual clock).
    pub next_deadline: Option<Duration>,
    /// The loop's clock when the frame ended.
    pub now: Duration,
}

impl Frame {
    fn add(&mut self, tick: Tick) {
        self.passes += 1;
        self.polled += tick.polled;
        self.completed += tick.completed;
        self.spawned += tick.spawned;
        self.woken += tick.woken;
        self.timers_fired += tick.timers_fired;
    }
}

impl EventLoop {
    /// Runs every task and every timer due within the next `dt` of the loop's
    /// clock, then returns what it did: the call a host's frame makes.
    ///
    /// On a virtual clock the frame covers the instants from now to now + `dt`,
    /// **both included**, and the clock ends exactly at now + `dt`, never past it.
    /// The loop first runs everything ready now, then moves the clock to each
    /// timer's deadline in turn and runs what it woke, so every timer fires at
    /// its own deadline, in order, in the frame that contains it; a timer due at
    /// exactly now + `dt` fires in this frame, not the next. When the frame
    /// returns, nothing is left to run at its last instant. Worker results land as
    /// in [`EventLoop::run_until_complete`]: when nothing else can run at the
    /// current instant, before the clock moves on, the loop waits (for up to its
    /// [patience](EventLoop::with_worker_patience)) for busy workers and hands
    /// their results over in the order the jobs were submitted.
    /// Frames of any size thus run a program in the same order, at the same
    /// virtual times, as `run_until_complete` does. A task that never waits
    /// (yields in a loop) holds the clock at its instant, as it does in
    /// `run_until_complete`: the frame does not end until it waits.
    ///
    /// On a real clock it runs passes, parking (never spinning) until the next
    /// timer or a worker's result, and returns when `dt` has elapsed or nothing is
    /// left to do (no ready work, no timer, no busy worker, no waker held outside
    /// the loop); work still ready when `dt` runs out waits for the next call.
    ///
    /// `Duration::MAX` saturates: on a virtual clock it runs until nothing is left
    /// before the end of time (a task that sleeps in a loop keeps it going, as
    /// asyncio's `run_forever`), then moves the clock to the end of time, as
    /// [`EventLoop::advance`] does. It fails only with
    /// [`RunError::AlreadyRunning`], from inside a running loop.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coroasync::{now, sleep, EventLoop};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let task = lp.spawn(async { sleep(Duration::from_millis(200)).await; now() });
    /// let frame = Duration::from_millis(100);
    /// assert_eq!(lp.run_for(frame).unwrap().timers_fired, 0); // 0..=100 ms
    /// let second = lp.run_for(frame).unwrap(); // 100..=200 ms: the timer is due at 200
    /// assert_eq!((second.timers_fired, second.completed), (1, 1));
    /// assert_eq!(task.take_result(), Some(Ok(Duration::from_millis(200))));
    /// assert_eq!(lp.now(), Duration::from_millis(200));
    /// ```
    ///
    /// # Errors
    ///
    /// [`RunError::AlreadyRunning`] when called from inside a running loop.
    pub fn run_for(&self, dt: Duration) -> Result<Frame, RunError> {
        let _entered = context::enter(&self.core).ok_or(RunError::AlreadyRunning)?;
        let mut frame = if self.core.clock.is_virtual() {
            self.virtual_frame(self.core.clock.now().saturating_add(dt))
        } else {
            // An `Instant` that cannot hold now + `dt` is a frame without end.
            self.real_frame(Instant::now().checked_add(dt))
        };
        let core = &self.core;
        frame.now = core.clock.now();
        frame.next_deadline = core.next_deadline();
        frame.has_remaining = core.has_ready()
            || frame.next_deadline.is_some()
            || core.blocking.in_flight() > 0
            || core.blocking.has_unlanded();
        Ok(frame)
    }

    /// A frame on a virtual clock ending at `end`.
    fn virtual_frame(&self, end: Duration) -> Frame {
        let core = &self.core;
        let mut frame = Frame::default();
        loop {
            while core.has_ready() {
                frame.add(core.tick());
            }
            // The clock was just moved to a deadline: the pass fires its timers.
            if core
                .next_deadline()
                .is_some_and(|due| due <= core.clock.now())
            {
                frame.add(core.tick());
                continue;
            }
            if core.blocking.has_unlanded() && self.land_workers() > 0 {
                continue;
            }
            match core.next_deadline() {
                Some(due) if due <= end => core.set_virtual_time(due),
                _ => break,
            }
        }
        core.set_virtual_time(end);
        frame
    }

    /// Lands what worker threads finished, waiting for them first (for up to the
    /// patience), as `run_until_complete` does before the clock moves; returns how
    /// many landed.
    fn land_workers(&self) -> usize {
        let core = &self.core;
        let landed = core.blocking.land(true);
        if landed.stalled > 0 {
            core.report(Diagnostic::WorkerStalled {
                jobs: landed.stalled,
                waited: core.blocking.patience(),
                at: core.clock.now(),
            });
        }
        landed.landed
    }

    /// A frame on a real clock ending at `end` (`None`: never by time).
    fn real_frame(&self, end: Option<Instant>) -> Frame {
        let core = &self.core;
        let mut frame = Frame::default();
        loop {
            frame.add(core.tick());
            let left = end.map(|end| end.saturating_duration_since(Instant::now()));
            if left == Some(Duration::ZERO) {
                break;
            }
            if core.has_ready() {
                continue;
            }
            let until_timer = core
                .next_deadline()
                .map(|due| due.saturating_sub(core.clock.now()));
            let waiting = core.blocking.in_flight() > 0 || core.waker_held_outside();
            let park = match (until_timer, waiting) {
                (Some(timer), _) => Some(left.map_or(timer, |left| left.min(timer))),
                // A frame without end looks again now and then whether a waker
                // held outside is still held, as `run_until_complete` does.
                (None, true) => Some(left.unwrap_or(super::OUTSIDE_RECHECK_AT_MOST)),
                (None, false) => None,
            };
            let Some(park) = park else { break };
            // Woken early by a worker's or another thread's unpark.
            std::thread::park_timeout(park);
        }
        frame
    }
}
