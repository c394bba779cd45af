//! The replay's rules, one at a time, on small hand-written traces (the lessons'
//! real traces are checked step by step in the corolab crate's tests/step.rs).

use std::time::Duration;

use corotrace::replay::{Queueing, Replay, TaskStatus, Timer};
use corotrace::{Event, TaskId};

fn replay(queueing: Queueing, events: &[Event]) -> Replay {
    let mut replay = Replay::new(queueing);
    for event in events {
        replay.apply(event);
    }
    replay
}

const A: TaskId = TaskId::new(0);
const B: TaskId = TaskId::new(1);
const C: TaskId = TaskId::new(2);

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn timers_fire_earliest_first_and_equal_deadlines_in_the_order_set() {
    let mut events = vec![];
    for task in [A, B, C] {
        events.push(Event::Added { task });
    }
    events.extend([
        Event::Running { task: A },
        Event::Sleeping {
            task: A,
            until: secs(2),
        },
        Event::Running { task: B },
        Event::Sleeping {
            task: B,
            until: secs(1),
        },
        Event::Running { task: C },
        Event::Sleeping {
            task: C,
            until: secs(2),
        },
    ]);
    let mut state = replay(Queueing::ReadyQueue, &events);
    let order = |state: &Replay| state.timers().iter().map(|t| t.task).collect::<Vec<_>>();
    assert_eq!(order(&state), [B, A, C]);
    assert_eq!(state.queue().len(), 0);
    assert_eq!(
        state.task(A).unwrap().status,
        TaskStatus::Sleeping { until: secs(2) }
    );

    state.apply(&Event::ClockMoved { now: secs(1) });
    state.apply(&Event::Woken { task: B });
    assert_eq!(state.now(), secs(1));
    assert_eq!(
        state.timers(),
        [
            Timer {
                until: secs(2),
                task: A
            },
            Timer {
                until: secs(2),
                task: C
            }
        ]
    );
    assert_eq!(state.queue().collect::<Vec<_>>(), [B]);
    assert_eq!(state.task(B).unwrap().status, TaskStatus::Queued);

    // A task that ends (cancelled while asleep) leaves its timer and the queue.
    state.apply(&Event::Cancelled { task: C });
    assert_eq!(order(&state), [A]);
    assert_eq!(state.task(C).unwrap().status, TaskStatus::Cancelled);
}

#[test]
fn a_round_robin_task_resumed_out_of_turn_keeps_its_place() {
    let events = [
        Event::Added { task: A },
        Event::Added { task: B },
        Event::Added { task: C },
        Event::Running { task: A },
        // `send` resumes C out of turn, behind B: it stays where it was.
        Event::Running { task: C },
    ];
    let state = replay(Queueing::RoundRobin, &events);
    assert_eq!(state.queue().collect::<Vec<_>>(), [B, C, A]);
    assert_eq!(state.steps(), 2);
    assert_eq!(state.running(), Some(C));
    // A yielded: the next step settled it as queued.
    assert_eq!(state.task(A).unwrap().status, TaskStatus::Queued);
}

#[test]
fn a_second_scheduler_in_one_trace_counts_its_ids_afresh() {
    let events = [
        Event::Added { task: A },
        Event::Named {
            task: A,
            name: "Task-1".into(),
        },
        Event::Running { task: A },
        Event::Completed {
            task: A,
            value: "1".into(),
        },
        Event::Added { task: A },
    ];
    let state = replay(Queueing::ReadyQueue, &events);
    assert_eq!(state.tasks().len(), 1);
    assert_eq!(state.task(A).unwrap().status, TaskStatus::Queued);
    assert_eq!(state.task(A).unwrap().name, None);
    assert_eq!(state.queue().collect::<Vec<_>>(), [A]);
}
