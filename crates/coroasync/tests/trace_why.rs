//! The trace says why: what a task waits on when its step ends pending, who
//! spawned it, and which task's step made it runnable again.

use std::time::Duration;

use coroasync::{EventLoop, Queue, TaskId, TraceEvent as Event, sleep, spawn, yield_now};
use corotrace::Trace;

fn id(n: u64) -> TaskId {
    TaskId::new(n)
}

/// Task 0 (main) spawns a consumer (1) that waits on a queue and a producer (2)
/// that sleeps, then puts.
fn producer_consumer() -> Trace {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let got = lp.run_until_complete(async {
        let queue = Queue::new(0);
        let consumer = spawn({
            let queue = queue.clone();
            async move { queue.get().await }
        });
        let producer = spawn(async move {
            sleep(Duration::from_secs(1)).await;
            queue.put_nowait(7).expect("an unbounded queue takes it");
            yield_now().await;
        });
        let got = consumer.await.expect("the consumer completes");
        producer.await.expect("the producer completes");
        got
    });
    assert_eq!(got, Ok(7));
    trace
}

#[test]
fn each_step_that_ends_pending_says_what_it_waits_on() {
    let waits: Vec<(TaskId, String)> = producer_consumer()
        .events()
        .into_iter()
        .filter_map(|event| match event {
            Event::Waiting { task, on } => Some((task, on)),
            _ => None,
        })
        .collect();
    let expected = [
        (id(0), "task 1"),
        (id(1), "Queue.get"),
        (id(2), "a timer"),
        (id(2), "its turn"),
        // The producer has finished when main awaits it: main never waits on it.
    ];
    let expected: Vec<(TaskId, String)> = expected
        .iter()
        .map(|&(task, on)| (task, on.to_owned()))
        .collect();
    assert_eq!(waits, expected);
}

#[test]
fn a_task_spawned_by_another_names_its_parent() {
    let spawned: Vec<Event> = producer_consumer()
        .events()
        .into_iter()
        .filter(|event| matches!(event, Event::Spawned { .. }))
        .collect();
    assert_eq!(
        spawned,
        [
            Event::Spawned {
                task: id(1),
                by: id(0)
            },
            Event::Spawned {
                task: id(2),
                by: id(0)
            },
        ],
        "main, which the host program added, has no parent"
    );
}

#[test]
fn a_put_by_another_task_wakes_the_getter_and_the_trace_says_who() {
    let events = producer_consumer().events();
    let woken_by: Vec<&Event> = events
        .iter()
        .filter(|event| matches!(event, Event::WokenBy { .. }))
        .collect();
    // The consumer by the producer's put; main by the consumer's end is a
    // done callback's wake, which runs outside any task's step.
    assert_eq!(
        woken_by,
        [&Event::WokenBy {
            task: id(1),
            by: id(2)
        }]
    );
    let at = events
        .iter()
        .position(|event| matches!(event, Event::WokenBy { .. }))
        .expect("found above");
    assert_eq!(
        events[at - 1],
        Event::Woken { task: id(1) },
        "recorded just after the wake it explains"
    );
    let running_before = events[..at].iter().rev().find_map(|event| match event {
        Event::Running { task } => Some(*task),
        _ => None,
    });
    assert_eq!(running_before, Some(id(2)), "during the producer's step");
}

#[test]
fn the_text_is_what_it_is_without_the_new_events() {
    let trace = producer_consumer();
    let without = Trace::capture();
    for event in trace.events() {
        if !matches!(
            event,
            Event::Waiting { .. } | Event::Spawned { .. } | Event::WokenBy { .. }
        ) {
            without.record(|| event);
        }
    }
    assert!(trace.text().contains("Running task 2"));
    assert_eq!(trace.text(), without.text());
}

/// A default loop builds no wait or wake events (it prints lines only), but a
/// subscriber that joins its trace later sees them from then on.
#[test]
fn a_subscriber_joining_a_default_loop_sees_every_event() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let lp = EventLoop::with_virtual_clock();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let _ = lp.trace().with_subscriber({
        let seen = Rc::clone(&seen);
        move |event| seen.borrow_mut().push(event.clone())
    });
    lp.run_until_complete(async {
        yield_now().await;
    })
    .expect("main completes");
    let seen = seen.borrow();
    assert!(seen.contains(&Event::Added { task: id(0) }), "{seen:?}");
    assert!(
        seen.contains(&Event::Waiting {
            task: id(0),
            on: "its turn".to_owned()
        }),
        "{seen:?}"
    );
    assert!(seen.contains(&Event::Woken { task: id(0) }), "{seen:?}");
}
