use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Where [`async_sleep`](crate::notebook::async_sleep) reads the time: the notebook's
/// `time.time()`, made injectable.
///
/// Examples run on [`SystemClock`]; tests run on a [`VirtualClock`], so no test
/// waits on real time and every trace is the same on every machine.
pub trait Clock {
    /// The time elapsed since this clock's start.
    fn now(&self) -> Duration;
}

/// Real time, counted from the moment the clock was made.
///
/// ```
/// use corogen::{Clock, SystemClock};
///
/// let clock = SystemClock::new();
/// assert!(clock.now() <= clock.now());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    start: Instant,
}

impl SystemClock {
    /// A clock that starts now.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// Time that passes only when told to.
///
/// A frozen clock ([`VirtualClock::new`]) moves only by [`VirtualClock::advance`],
/// which a host program calls between steps. A ticking clock
/// ([`VirtualClock::ticking`]) moves by a fixed tick each time it is read, which
/// stands in for the time a real step takes, so a sleeping routine wakes after a
/// known number of steps. Clones share one time.
///
/// A routine that sleeps on a frozen clock nobody advances sleeps forever, just as
/// the notebook's `async_sleep` would if `time.time()` stood still.
///
/// ```
/// use std::time::Duration;
/// use corogen::{Clock, VirtualClock};
///
/// let clock = VirtualClock::ticking(Duration::from_millis(10));
/// assert_eq!(clock.now(), Duration::ZERO);
/// assert_eq!(clock.now(), Duration::from_millis(10));
///
/// let frozen = VirtualClock::new();
/// frozen.advance(Duration::from_secs(2));
/// assert_eq!(frozen.now(), Duration::from_secs(2));
/// assert_eq!(frozen.now(), Duration::from_secs(2));
/// ```
#[derive(Debug, Clone, Default)]
pub struct VirtualClock {
    now: Rc<Cell<Duration>>,
    tick: Duration,
}

impl VirtualClock {
    /// A clock at zero that moves only by [`VirtualClock::advance`].
    pub fn new() -> Self {
        Self::default()
    }

    /// A clock at zero that moves on by `tick` after each reading.
    pub fn ticking(tick: Duration) -> Self {
        Self {
            now: Rc::default(),
            tick,
        }
    }

    /// Moves the clock (and every clone of it) on by `by`. Time stops at
    /// `Duration::MAX` rather than overflow: `Duration::MAX` means "for ever".
    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get().saturating_add(by));
    }
}

impl Clock for VirtualClock {
    fn now(&self) -> Duration {
        let now = self.now.get();
        self.now.set(now.saturating_add(self.tick));
        now
    }
}
