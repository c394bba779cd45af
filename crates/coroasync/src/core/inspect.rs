//! The loop's state as [`EventLoop::snapshot`](crate::EventLoop::snapshot) shows
//! it: read, never changed.

use std::collections::HashMap;
use std::task::{RawWakerVTable, Waker};

use corotrace::TaskId;

use super::report::waiting_on;
use super::{Core, Entry, State};
use crate::snapshot::{LoopSnapshot, ReadyEntry, TaskSnapshot, TaskState, TimerSnapshot};

/// A waker's identity, as `Waker::will_wake` compares it.
type WakerKey = (*const (), *const RawWakerVTable);

fn key(waker: &Waker) -> WakerKey {
    (waker.data(), waker.vtable())
}

impl Core {
    pub(crate) fn snapshot(&self) -> Option<LoopSnapshot> {
        let state = self.state.try_borrow().ok()?;
        let owners = waker_owners(&state);
        let owner = |waker: &Waker| owners.get(&key(waker)).copied();
        let ready = ready_entries(&state, &owner);
        let timers = (state.timers.live().into_iter())
            .map(|(deadline, waker)| TimerSnapshot {
                deadline,
                task: owner(waker),
            })
            .collect();
        let current = self.current.get();
        let mut tasks: Vec<TaskSnapshot> = (state.tasks.iter())
            .map(|(key, slot)| {
                let header = slot.cell.header();
                let position = ready.iter().position(
                    |entry| matches!(entry, ReadyEntry::Step { task, .. } if *task == slot.id),
                );
                let task_state = match position {
                    Some(position) => TaskState::Queued { position },
                    None if current == Some(key) => TaskState::Running,
                    None => TaskState::Waiting {
                        on: waiting_on(header),
                    },
                };
                TaskSnapshot {
                    id: slot.id,
                    name: header.name(),
                    state: task_state,
                }
            })
            .collect();
        tasks.sort_by_key(|task| task.id);
        Some(LoopSnapshot {
            now: self.clock.now(),
            ready,
            timers,
            tasks,
            workers_busy: self.blocking.in_flight(),
        })
    }
}

/// The ready queue as a snapshot shows it, the entry that runs next first.
fn ready_entries(state: &State, owner: &impl Fn(&Waker) -> Option<TaskId>) -> Vec<ReadyEntry> {
    (state.ready.iter())
        .filter_map(|entry| match entry {
            Entry::Step { key, id } => {
                // A step of a task that finished since it was queued is skipped.
                let slot = state.tasks.get(*key).filter(|slot| slot.id == *id)?;
                Some(ReadyEntry::Step {
                    task: *id,
                    name: slot.cell.header().name(),
                })
            }
            Entry::Wake(waker) | Entry::Timer(waker) => {
                Some(ReadyEntry::Wake { task: owner(waker) })
            }
            Entry::EndWake(boxed) => Some(ReadyEntry::Wake {
                task: owner(&boxed.0),
            }),
            Entry::Callback(boxed) => Some(ReadyEntry::Callback {
                task: boxed.0.header().id,
            }),
        })
        .collect()
}

/// Every task's own waker, to tell whose a timer's or a hop's waker is.
fn waker_owners(state: &State) -> HashMap<WakerKey, TaskId> {
    (state.tasks.iter())
        .filter_map(|(_, slot)| {
            let header = slot.cell.header();
            let held = header.waker.try_borrow().ok()?;
            Some((key(&held.as_ref()?.1), header.id))
        })
        .collect()
}
