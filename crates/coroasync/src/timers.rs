//! The loop's clock and its timer store: plain data, with no idea of tasks or
//! of the loop that owns them.

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::task::Waker;
use std::time::{Duration, Instant};

use slab::Slab;

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
pub(crate) fn nanos(deadline: Duration) -> u64 {
    u64::try_from(deadline.as_nanos()).unwrap_or(u64::MAX)
}

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
