//! What one pass of the loop did: [`Tick`].

use std::time::Duration;

#[cfg(doc)]
use crate::EventLoop;

/// What one pass of the loop ([`EventLoop::tick`]) did, so a host program that
/// keeps its own main loop knows whether to come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Tick {
    /// Task steps run.
    pub polled: usize,
    /// Tasks that finished (completed, failed or cancelled).
    pub completed: usize,
    /// Tasks spawned during the pass.
    pub spawned: usize,
    /// Wake-ups delivered: from timers' and callbacks' hops, and from other threads.
    pub woken: usize,
    /// Timers that came due.
    pub timers_fired: usize,
    /// Entries queued for the next pass: steps, timer hops and callbacks that this
    /// pass scheduled. 0 means the loop has nothing to do until a timer comes due
    /// or a wake arrives from another thread.
    pub ready: usize,
    /// Whether anything is left to do: ready work, a timer, a busy worker thread.
    pub has_remaining: bool,
    /// The earliest timer still set, on the loop's clock.
    pub next_deadline: Option<Duration>,
}
