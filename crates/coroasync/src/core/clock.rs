//! The loop's clock and its timers, as tasks and the loop's driver see them.

use std::task::Waker;
use std::time::Duration;

use corotrace::Event;

use super::Core;
use crate::timers::{LoopClock, TimerKey};
use crate::waiting::Waiting;

impl Core {
    pub(crate) fn add_timer(&self, after: Duration, waker: &Waker) -> TimerKey {
        let until = self.clock.now().saturating_add(after);
        if self.tracing.get()
            && let Some(task) = self.current_id()
        {
            self.trace().record(|| Event::Sleeping { task, until });
        }
        self.note_waiting(Waiting::Timer);
        self.state.borrow_mut().timers.insert(until, waker.clone())
    }

    /// Whether timer `key` is still set; if so it will wake `waker`.
    pub(crate) fn timer_pending(&self, key: TimerKey, waker: &Waker) -> bool {
        let mut state = self.state.borrow_mut();
        let pending = state.timers.is_pending(key);
        if pending {
            state.timers.update_waker(key, waker);
        }
        pending
    }

    pub(crate) fn cancel_timer(&self, key: TimerKey) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.timers.cancel(key);
        }
    }

    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.state.borrow_mut().timers.next_deadline()
    }

    /// Moves a virtual clock to `now` (never backwards).
    pub(crate) fn set_virtual_time(&self, now: Duration) {
        if let LoopClock::Virtual { now: clock } = &self.clock
            && now > clock.get()
        {
            clock.set(now);
            self.trace().record(|| Event::ClockMoved { now });
        }
    }
}
