//! `EventLoop::snapshot` against a known program, pass by pass: the ready queue
//! in order, the live timers only, every unfinished task with what it waits on.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Event, EventLoop, LoopSnapshot, ReadyEntry, TaskId, TaskState, Trace, gather, sleep,
};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The snapshot's tasks as (id, state), for short assertions.
fn states(snapshot: &LoopSnapshot) -> Vec<(TaskId, TaskState)> {
    (snapshot.tasks.iter())
        .map(|task| (task.id, task.state.clone()))
        .collect()
}

/// The snapshot's timers as (deadline, task).
fn timers(snapshot: &LoopSnapshot) -> Vec<(Duration, Option<TaskId>)> {
    (snapshot.timers.iter())
        .map(|timer| (timer.deadline, timer.task))
        .collect()
}

fn waiting(on: &str) -> TaskState {
    TaskState::Waiting { on: on.to_owned() }
}

fn step(task: TaskId, name: &str) -> ReadyEntry {
    ReadyEntry::Step {
        task,
        name: name.to_owned(),
    }
}

#[test]
fn the_snapshot_follows_a_program_through_a_cancel_and_a_cancelled_timer() {
    let lp = EventLoop::with_virtual_clock().with_trace(Trace::off());
    let door = Event::new();
    let opened = door.clone();
    let sleeper = lp.spawn_named("sleeper", async { sleep(secs(1)).await });
    let waiter = lp.spawn_named("waiter", async move { opened.wait().await });
    let doomed = lp.spawn_named("doomed", async { sleep(secs(10)).await });
    let (s, w, d) = (sleeper.id(), waiter.id(), doomed.id());

    // Spawned, not yet run: one step each, in spawn order.
    let start = lp.snapshot().unwrap();
    assert_eq!(start.now, Duration::ZERO);
    assert_eq!(
        start.ready,
        [step(s, "sleeper"), step(w, "waiter"), step(d, "doomed")]
    );
    assert!(start.timers.is_empty());
    let queued = |position| TaskState::Queued { position };
    assert_eq!(
        states(&start),
        [(s, queued(0)), (w, queued(1)), (d, queued(2))]
    );

    // One pass: every task parks.
    lp.tick().unwrap();
    let parked = lp.snapshot().unwrap();
    assert!(parked.ready.is_empty());
    assert_eq!(timers(&parked), [(secs(1), Some(s)), (secs(10), Some(d))]);
    assert_eq!(
        states(&parked),
        [
            (s, waiting("a timer")),
            (w, waiting("Event.wait")),
            (d, waiting("a timer")),
        ]
    );

    // A cancel queues the task's step; its timer stays set until that step.
    doomed.add_done_callback(|_| {});
    assert!(doomed.cancel());
    let cancelling = lp.snapshot().unwrap();
    assert_eq!(cancelling.ready, [step(d, "doomed")]);
    assert_eq!(states(&cancelling)[2], (d, queued(0)));
    assert_eq!(cancelling.timers.len(), 2);

    // The step ends the task and drops its sleep: the timer at 10 s is cancelled
    // (its heap entry stays behind the live one at 1 s), its done callback queued.
    lp.tick().unwrap();
    let cancelled = lp.snapshot().unwrap();
    assert_eq!(cancelled.ready, [ReadyEntry::Callback { task: d }]);
    assert_eq!(timers(&cancelled), [(secs(1), Some(s))]);
    assert_eq!(
        states(&cancelled),
        [(s, waiting("a timer")), (w, waiting("Event.wait"))]
    );
    assert_eq!(lp.next_deadline(), Some(secs(1)));

    // The clock moves to the timer; the sleeper is woken and runs next pass.
    lp.tick().unwrap();
    lp.advance(secs(1)).unwrap();
    lp.tick().unwrap();
    let woken = lp.snapshot().unwrap();
    assert_eq!(woken.now, secs(1));
    assert!(woken.timers.is_empty());
    assert_eq!(woken.ready, [step(s, "sleeper")]);
    assert_eq!(states(&woken), [(s, queued(0)), (w, waiting("Event.wait"))]);

    door.set();
    lp.tick().unwrap();
    assert!(lp.snapshot().unwrap().tasks.is_empty());
}

#[test]
fn a_task_sees_itself_running_and_a_finished_task_as_a_wake_up_hop() {
    let lp = Rc::new(EventLoop::with_virtual_clock().with_trace(Trace::off()));
    let seen: Rc<RefCell<Vec<LoopSnapshot>>> = Rc::default();
    let quick = lp.spawn_named("quick", async {});
    let quick_id = quick.id();
    let (weak, record) = (Rc::downgrade(&lp), Rc::clone(&seen));
    let looker = lp.spawn_named("looker", async move {
        let look = || weak.upgrade().and_then(|lp| lp.snapshot());
        record.borrow_mut().extend(look());
        gather([quick]).await.unwrap();
        record.borrow_mut().extend(look());
    });
    let looker_id = looker.id();
    let mut between = Vec::new();
    while !looker.is_done() {
        lp.tick().unwrap();
        between.push(lp.snapshot().unwrap().ready);
    }
    // The quick task ended in the first pass; the gather hears of it in two
    // hops, as asyncio's done callback and wake-up: a hop for the looker's own
    // waker, then its step.
    assert_eq!(
        between,
        [
            vec![ReadyEntry::Wake {
                task: Some(looker_id)
            }],
            vec![step(looker_id, "looker")],
            vec![],
        ]
    );

    let seen = seen.borrow();
    assert_eq!(seen.len(), 2);
    // At its first step the looker is polled; the quick task already ran.
    assert_eq!(seen[0].tasks.len(), 1);
    assert_eq!(seen[0].tasks[0].id, looker_id);
    assert_eq!(seen[0].tasks[0].state, TaskState::Running);
    assert!(seen[0].ready.is_empty(), "{:?}", seen[0].ready);
    assert!(!seen[1].tasks.iter().any(|task| task.id == quick_id));
}
