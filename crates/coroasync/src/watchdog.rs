//! Slow-step detection without reading the clock on every step.
//!
//! The loop marks the start and end of each step with two relaxed atomic stores.
//! A watchdog thread looks every quarter of the threshold: a step it finds still
//! running after about the threshold is flagged, and the loop reports it when the
//! step ends. The duration reported is measured from when the watchdog first saw
//! the step, so it is exact to within a quarter of the threshold.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// What the loop and its watchdog share.
#[derive(Debug)]
struct Shared {
    /// `2k + 1` while step `k` runs, `2k + 2` once it has ended.
    phase: AtomicU64,
    /// The phase of a step the watchdog found running too long (0: none).
    slow: AtomicU64,
    /// When the watchdog first saw the flagged step running.
    seen_at: Mutex<Option<Instant>>,
    threshold: Duration,
    closed: AtomicBool,
}

/// The loop's side of a watchdog: dropping it stops the thread.
#[derive(Debug)]
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: thread::Thread,
    steps: u64,
}

impl Watchdog {
    /// Starts a watchdog for steps longer than `threshold`, or `None` if no thread
    /// can be had (the loop then runs unwatched).
    pub(crate) fn start(threshold: Duration) -> Option<Self> {
        let shared = Arc::new(Shared {
            phase: AtomicU64::new(0),
            slow: AtomicU64::new(0),
            seen_at: Mutex::new(None),
            threshold,
            closed: AtomicBool::new(false),
        });
        let theirs = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name("coroasync-watchdog".into())
            .spawn(move || watch(&theirs))
            .ok()?;
        Some(Self {
            thread: handle.thread().clone(),
            shared,
            steps: 0,
        })
    }

    pub(crate) fn threshold(&self) -> Duration {
        self.shared.threshold
    }

    /// Marks a step's start; returns its phase, for [`Watchdog::end`].
    #[inline]
    pub(crate) fn begin(&mut self) -> u64 {
        self.steps += 1;
        let phase = 2 * self.steps - 1;
        self.shared.phase.store(phase, Ordering::Relaxed);
        phase
    }

    /// Marks a step's end; how long it ran, if the watchdog flagged it.
    #[inline]
    pub(crate) fn end(&self, phase: u64) -> Option<Duration> {
        self.shared.phase.store(phase + 1, Ordering::Relaxed);
        if self.shared.slow.load(Ordering::Acquire) != phase {
            return None;
        }
        let seen_at = *self
            .shared
            .seen_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Some(seen_at.map_or(self.shared.threshold, |at| at.elapsed()))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.closed.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

fn watch(shared: &Shared) {
    let period = (shared.threshold / 4).max(Duration::from_micros(100));
    let (mut last, mut first_seen) = (0, Instant::now());
    while !shared.closed.load(Ordering::Acquire) {
        thread::park_timeout(period);
        let phase = shared.phase.load(Ordering::Relaxed);
        let now = Instant::now();
        if phase % 2 == 0 || phase != last {
            (last, first_seen) = (phase, now);
            continue;
        }
        // The same step, still running: it began before `first_seen`, so it has
        // run at least this long, and at most a period longer.
        if now - first_seen + period >= shared.threshold
            && shared.slow.load(Ordering::Relaxed) != phase
        {
            *shared
                .seen_at
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(first_seen - period);
            shared.slow.store(phase, Ordering::Release);
        }
    }
}
