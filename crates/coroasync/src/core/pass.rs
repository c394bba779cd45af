//! One pass of the loop (asyncio's `_run_once`): what joins the ready queue at
//! its start, the entries it runs, and what it reports.

use std::mem;
use std::rc::Rc;

use corotrace::{Cause, Trace};

use super::{Core, Entry, Work};
use crate::tick::Tick;
use crate::watchdog::Watchdog;

impl Core {
    /// One pass of the loop: wakes from other threads and due timers join the back
    /// of the ready queue, then exactly the entries queued when the pass began run;
    /// what they schedule waits for the next pass.
    pub(crate) fn tick(&self) -> Tick {
        let spawned_before = self.state.borrow().next_id;
        let mut tick = Tick {
            // An atomic load decides, so a pass with no wake from elsewhere (the
            // usual case) never touches the inbox's lock.
            woken: if self.remote.has_pending() {
                self.drain_remote()
            } else {
                0
            },
            ..Tick::default()
        };
        let due = self.queue_due_timers(&mut tick);
        let trace = self.trace();
        let mut watchdog = self.watchdog.borrow_mut();
        if watchdog.as_ref().map(Watchdog::threshold) != self.slow_step.get() {
            *watchdog = self.slow_step.get().and_then(Watchdog::start);
        }
        for _ in 0..due {
            match self.next_work() {
                None => break,
                // A step of a task that finished since it was queued.
                Some(None) => {}
                Some(Some(work)) => self.run_work(work, &trace, watchdog.as_mut(), &mut tick),
            }
        }
        drop(watchdog);
        self.sum_up(&mut tick, spawned_before);
        tick
    }

    /// Queues the wakers of the timers due now, and draws a shuffled order if the
    /// loop has one; returns how many entries this pass runs.
    fn queue_due_timers(&self, tick: &mut Tick) -> usize {
        let now = self.clock.now();
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        while let Some(waker) = state.timers.pop_due(now) {
            state.ready.push_back(Entry::Timer(waker));
            tick.timers_fired += 1;
        }
        let due = state.ready.len();
        // A shuffled order is drawn for the whole pass at once, so the loop in
        // `tick` is asyncio's in either order.
        if let Some(shuffle) = self.shuffle.borrow_mut().as_mut() {
            shuffle.permute(&mut state.ready, due);
        }
        due
    }

    /// Runs one ready-queue entry, the loop's state not borrowed.
    #[inline]
    fn run_work(
        &self,
        work: Work,
        trace: &Trace,
        watchdog: Option<&mut Watchdog>,
        tick: &mut Tick,
    ) {
        match work {
            Work::Step(key, cell) => self.run_step(key, &cell, trace, watchdog, tick),
            Work::Wake(waker) => {
                tick.woken += 1;
                waker.wake();
            }
            Work::WakeFor(waker, cause) => {
                tick.woken += 1;
                self.wake_for(waker, cause);
            }
            Work::Callback(task, callback) => self.run_callback(&task, callback),
        }
    }

    /// Fills in what the pass left behind: spawns, the next deadline, the queue.
    fn sum_up(&self, tick: &mut Tick, spawned_before: u64) {
        let mut state = self.state.borrow_mut();
        tick.spawned = (state.next_id - spawned_before) as usize;
        tick.next_deadline = state.timers.next_deadline();
        tick.ready = state.ready.len();
        tick.has_remaining = !state.ready.is_empty()
            || tick.next_deadline.is_some()
            || self.remote.has_pending()
            || self.blocking.in_flight() > 0
            || self.blocking.has_unlanded();
    }

    /// Takes the next entry off the ready queue, as work to do with the state no
    /// longer borrowed: `None` if the queue is empty, `Some(None)` for a step of a
    /// task that has finished since (its slot is empty or reused).
    #[inline]
    fn next_work(&self) -> Option<Option<Work>> {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        Some(match state.ready.pop_front()? {
            Entry::Step { key, id } => match state.tasks.get_mut(key) {
                Some(slot) if slot.id == id => {
                    slot.scheduled = false;
                    Some(Work::Step(key, Rc::clone(&slot.cell)))
                }
                _ => None,
            },
            Entry::Wake(waker) => Some(Work::Wake(waker)),
            Entry::Timer(waker) => Some(Work::WakeFor(waker, Cause::Timer)),
            Entry::EndWake(boxed) => {
                let (waker, ended) = *boxed;
                Some(Work::WakeFor(waker, Cause::End(ended)))
            }
            Entry::Callback(boxed) => {
                let (task, callback) = *boxed;
                Some(Work::Callback(task, callback))
            }
        })
    }

    /// Moves the tasks woken from elsewhere onto the ready queue.
    fn drain_remote(&self) -> usize {
        let mut inbox = mem::take(&mut self.state.borrow_mut().inbox);
        self.remote.drain(&mut inbox);
        let woken = inbox.len();
        for (key, id) in inbox.drain(..) {
            self.schedule(key, id);
        }
        self.state.borrow_mut().inbox = inbox;
        woken
    }
}
