//! The model's primitives: events, queues, locks and the semaphore, as asyncio
//! 3.11's `locks.py` and `queues.py` run them (rules 7, 12 and 13).

use super::{Carry, Model, State};
use crate::{CAPACITY, Prim};

impl Model {
    pub(super) fn full(&self, q: usize) -> bool {
        CAPACITY[q] > 0 && self.items[q].len() >= CAPACITY[q]
    }

    pub(super) fn woken_on(&self, prim: Prim) -> bool {
        let on = State::Waiting { prim, woken: true };
        self.tasks.iter().any(|task| task.state == on)
    }

    fn list(&mut self, prim: Prim) -> &mut std::collections::VecDeque<usize> {
        match prim {
            Prim::Get(q) => &mut self.getters[q as usize],
            Prim::Put(q) => &mut self.putters[q as usize],
            Prim::Lock(l) => &mut self.lock_waiters[l as usize],
            Prim::Acquire => &mut self.sem_waiters,
            Prim::Event(_) => unreachable!("events wake every waiter"),
        }
    }

    /// Whether task `t` waits un-woken in `prim` and has not been cancelled
    /// (rule 11: a cancellation takes the waiter out of play at once).
    fn live_waiter(&self, t: usize, prim: Prim) -> bool {
        self.tasks[t].state == (State::Waiting { prim, woken: false }) && !self.tasks[t].cancel
    }

    /// Whether anyone waits in `prim` who is not cancelled (woken ones count).
    fn has_live(&self, prim: Prim) -> bool {
        let list = match prim {
            Prim::Lock(l) => &self.lock_waiters[l as usize],
            _ => &self.sem_waiters,
        };
        self.woken_on(prim) || list.iter().any(|&t| self.live_waiter(t, prim))
    }

    /// Wakes the oldest waiter of `list` still waiting un-woken in `prim` and
    /// not cancelled.
    pub(super) fn wake_oldest(&mut self, prim: Prim) -> bool {
        loop {
            let Some(t) = self.list(prim).pop_front() else {
                return false;
            };
            if self.live_waiter(t, prim) {
                self.tasks[t].state = State::Waiting { prim, woken: true };
                self.schedule(t);
                return true;
            }
        }
    }

    pub(super) fn unlock(&mut self, l: usize) {
        self.locked[l] = false;
        self.lock_wake_first(l);
    }

    /// `_wake_up_first`: looks at the first waiter only; a cancelled one wakes
    /// the next itself when it leaves.
    pub(super) fn lock_wake_first(&mut self, l: usize) {
        let prim = Prim::Lock(l as u8);
        if self.woken_on(prim) {
            return;
        }
        let waiting = State::Waiting { prim, woken: false };
        while let Some(&t) = self.lock_waiters[l].front() {
            if self.tasks[t].state != waiting {
                self.lock_waiters[l].pop_front();
            } else if self.tasks[t].cancel {
                return;
            } else {
                self.wake_oldest(prim);
                return;
            }
        }
    }

    pub(super) fn sem_release(&mut self) {
        self.value += 1;
        self.sem_wake_next();
    }

    pub(super) fn sem_wake_next(&mut self) {
        if self.wake_oldest(Prim::Acquire) {
            self.value -= 1;
        }
    }

    /// Drops what a carry holds.
    pub(super) fn drop_carry(&mut self, carry: Carry) {
        match carry {
            Carry::Lock(l) => self.unlock(l),
            Carry::Permit => self.sem_release(),
            Carry::Nothing | Carry::Item(_) => {}
        }
    }

    /// Task `t` stops waiting in `prim` without getting it.
    pub(super) fn leave(&mut self, t: usize, prim: Prim, woken: bool) {
        match prim {
            Prim::Event(e) => self.event_waiters[e as usize].retain(|&w| w != t),
            Prim::Get(q) => {
                self.getters[q as usize].retain(|&w| w != t);
                if woken && !self.items[q as usize].is_empty() {
                    self.wake_oldest(prim);
                }
            }
            Prim::Put(q) => {
                self.putters[q as usize].retain(|&w| w != t);
                if woken && !self.full(q as usize) {
                    self.wake_oldest(prim);
                }
            }
            Prim::Lock(l) => {
                self.lock_waiters[l as usize].retain(|&w| w != t);
                if !self.locked[l as usize] {
                    self.lock_wake_first(l as usize);
                }
            }
            Prim::Acquire => {
                self.sem_waiters.retain(|&w| w != t);
                if woken {
                    self.sem_release();
                }
            }
        }
    }

    /// Tries `prim` for task `t`: what it got, or `None` if `t` now waits.
    pub(super) fn try_prim(&mut self, t: usize, prim: Prim, value: usize) -> Option<Carry> {
        let got = match prim {
            Prim::Event(e) if self.events[e as usize] => Some(Carry::Nothing),
            Prim::Event(e) => {
                self.event_waiters[e as usize].push(t);
                None
            }
            Prim::Get(q) => match self.items[q as usize].pop_front() {
                Some(item) => {
                    self.wake_oldest(Prim::Put(q));
                    Some(Carry::Item(item))
                }
                None => {
                    self.getters[q as usize].push_back(t);
                    None
                }
            },
            Prim::Put(q) if !self.full(q as usize) => {
                self.items[q as usize].push_back(value);
                self.wake_oldest(Prim::Get(q));
                Some(Carry::Nothing)
            }
            Prim::Lock(l) if !self.locked[l as usize] && !self.has_live(prim) => {
                self.locked[l as usize] = true;
                Some(Carry::Lock(l as usize))
            }
            Prim::Acquire if self.value > 0 && !self.has_live(prim) => {
                self.value -= 1;
                Some(Carry::Permit)
            }
            Prim::Put(q) => {
                self.putters[q as usize].push_back(t);
                None
            }
            Prim::Lock(l) => {
                self.lock_waiters[l as usize].push_back(t);
                None
            }
            Prim::Acquire => {
                self.sem_waiters.push_back(t);
                None
            }
        };
        if got.is_none() {
            self.tasks[t].state = State::Waiting { prim, woken: false };
        }
        got
    }

    /// Task `t`, woken in `prim`, runs: what it got, or `None` if it waits again.
    pub(super) fn resume_prim(&mut self, t: usize, prim: Prim, value: usize) -> Option<Carry> {
        self.tasks[t].state = State::Ready;
        match prim {
            Prim::Event(_) => Some(Carry::Nothing),
            Prim::Get(_) | Prim::Put(_) => self.try_prim(t, prim, value),
            Prim::Lock(l) => {
                self.locked[l as usize] = true;
                Some(Carry::Lock(l as usize))
            }
            Prim::Acquire => {
                // Woken, the unit is its own; a unit freed meanwhile goes on.
                if self.value > 0 {
                    self.sem_wake_next();
                }
                Some(Carry::Permit)
            }
        }
    }

    /// A top task takes what it got in op `pc`.
    pub(super) fn take(&mut self, t: usize, carry: Carry) {
        match carry {
            Carry::Nothing => {}
            Carry::Item(item) => {
                let k = self.tasks[t].pc;
                self.lines.push(format!("t{t}.{k} got {item}"));
            }
            Carry::Lock(l) => self.tasks[t].locks[l] = true,
            Carry::Permit => self.tasks[t].permits += 1,
        }
    }
}
