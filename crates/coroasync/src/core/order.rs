//! The order a pass of the loop runs its ready entries in: asyncio's, first in
//! first out, or a seeded shuffle of the choices asyncio's rules leave free.

use std::collections::VecDeque;
use std::fmt;

use super::Entry;

/// The order in which a loop runs what is ready ([`EventLoop::with_order`]).
///
/// [`Order::Fifo`], the default, is asyncio's: a pass runs the entries that were
/// ready when it began, first queued first run. [`Order::Shuffled`] runs those same
/// entries in an order drawn from `seed`: the same seed gives the same order, so a
/// run can be replayed. Every shuffled order is one that some correct scheduler
/// could pick (trio shuffles on purpose; tokio leaves the order unspecified), so a
/// program whose output changes with the seed depends on asyncio's order, a race.
///
/// What a shuffle keeps, because asyncio's rules promise it whatever the order:
/// - a pass still runs exactly the entries that were ready when it began, and what
///   they make ready waits for the next pass: a task's steps never overtake each
///   other, and a task that yields lets every other ready task run first;
/// - the done callbacks of one task run in the order they were added;
/// - a timer never fires before its deadline, and timers fire in passes in
///   deadline order (on a virtual clock, the timers of one pass share a deadline).
///
/// What it changes: the order of the entries within a pass, which is which ready
/// task runs next, which of two timers due at the same instant wakes its task
/// first, and whether a done callback runs before or after another task's step.
///
/// ```
/// use coroasync::{EventLoop, Order, Trace, say, spawn, yield_now};
///
/// let race = |order: Order| {
///     let trace = Trace::capture();
///     let lp = EventLoop::with_virtual_clock()
///         .with_order(order)
///         .with_trace(trace.clone());
///     lp.run_until_complete(async {
///         spawn(async { say!("one") });
///         spawn(async { yield_now().await; say!("two") });
///         spawn(async { say!("three") });
///         for _ in 0..3 {
///             yield_now().await;
///         }
///     })
///     .unwrap();
///     trace.output()
/// };
/// assert_eq!(race(Order::Fifo), "one\nthree\ntwo\n");
/// // A seed always gives the same order...
/// assert_eq!(race(Order::Shuffled { seed: 3 }), race(Order::Shuffled { seed: 3 }));
/// // ...and the task that yields always comes last: its second step waits a pass.
/// assert!(race(Order::Shuffled { seed: 3 }).ends_with("two\n"));
/// ```
///
/// [`EventLoop::with_order`]: crate::EventLoop::with_order
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// asyncio's order: first ready, first run.
    #[default]
    Fifo,
    /// A shuffle of each pass's entries, drawn from `seed`.
    Shuffled {
        /// Where the draws start: the same seed, the same order.
        seed: u64,
    },
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fifo => f.write_str("asyncio's order (first in, first out)"),
            Self::Shuffled { seed } => write!(f, "the order shuffled from seed {seed}"),
        }
    }
}

/// The draws of a shuffled loop: SplitMix64, small and good enough to pick an
/// entry, and ours, so the order of a seed never changes with a dependency.
#[derive(Debug, Clone)]
pub(crate) struct Shuffle {
    state: u64,
}

impl Shuffle {
    /// The shuffle `order` asks for, or `None` for asyncio's order.
    pub(crate) fn of(order: Order) -> Option<Self> {
        match order {
            Order::Fifo => None,
            Order::Shuffled { seed } => Some(Self { state: seed }),
        }
    }

    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (which is above 0), without modulo bias worth the name:
    /// the high half of a 64×64-bit product.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Puts the first `window` entries of `ready` (the pass's; what the pass
    /// queues waits behind them for the next) in a drawn order: each in turn is any
    /// of those left, except that a done callback never overtakes an earlier one of
    /// the same task.
    #[cold]
    #[inline(never)]
    pub(super) fn permute(&mut self, ready: &mut VecDeque<Entry>, window: usize) {
        let mut left: VecDeque<Entry> = ready.drain(..window.min(ready.len())).collect();
        let mut drawn = Vec::with_capacity(left.len());
        while let Some(entry) = self.take(&mut left) {
            drawn.push(entry);
        }
        for entry in drawn.into_iter().rev() {
            ready.push_front(entry);
        }
    }

    /// Takes one entry of `ready` as [`Shuffle::permute`] draws it.
    fn take(&mut self, ready: &mut VecDeque<Entry>) -> Option<Entry> {
        let window = ready.len();
        if window == 0 {
            return None;
        }
        let mut pick = self.below(window);
        if let Entry::Callback(chosen) = &ready[pick] {
            let task = chosen.0.header().id;
            pick = (ready.range(..pick))
                .position(
                    |entry| matches!(entry, Entry::Callback(other) if other.0.header().id == task),
                )
                .unwrap_or(pick);
        }
        ready.remove(pick)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_stays_below_and_reaches_every_value() {
        let mut shuffle = Shuffle { state: 7 };
        let mut seen = [false; 5];
        for _ in 0..200 {
            let n = shuffle.below(5);
            assert!(n < 5);
            seen[n] = true;
        }
        assert!(seen.iter().all(|&hit| hit), "{seen:?}");
    }

    #[test]
    fn fifo_has_no_shuffle() {
        assert!(Shuffle::of(Order::Fifo).is_none());
        assert!(Shuffle::of(Order::Shuffled { seed: 0 }).is_some());
    }
}
