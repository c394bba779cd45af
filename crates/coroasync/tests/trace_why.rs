//! The trace says why: what a task waits on when its step ends pending, who
//! spawned it, and which task's step made it runnable again.

use std::time::Duration;

use coroasync::{
    Barrier, Cause, Condition, Event as Flag, EventLoop, Lock, Queue, ReturnWhen, Semaphore,
    TaskId, TraceEvent as Event, gather, sleep, spawn, wait, wait_for, yield_now,
};
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

/// Each `WokenBy` of a trace, as (task woken, cause).
fn woken_by(trace: &Trace) -> Vec<(TaskId, Cause)> {
    (trace.events().into_iter())
        .filter_map(|event| match event {
            Event::WokenBy { task, by } => Some((task, by)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_put_by_another_task_wakes_the_getter_and_the_trace_says_who() {
    let events = producer_consumer().events();
    let at = events
        .iter()
        .position(|event| {
            matches!(
                event,
                Event::WokenBy {
                    by: Cause::Task(_),
                    ..
                }
            )
        })
        .expect("the put wakes the consumer");
    assert_eq!(
        events[at],
        Event::WokenBy {
            task: id(1),
            by: Cause::Task(id(2))
        }
    );
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
fn every_wake_but_a_yield_says_what_made_it() {
    assert_eq!(
        woken_by(&producer_consumer()),
        [
            // The producer's sleep ends; its put wakes the consumer; the
            // consumer's end wakes main, which awaits it. The producer's own
            // yield has no cause.
            (id(2), Cause::Timer),
            (id(1), Cause::Task(id(2))),
            (id(0), Cause::End(id(1))),
        ]
    );
}

/// Runs `main` on a traced virtual-clock loop.
fn traced<T: 'static>(main: impl std::future::Future<Output = T> + 'static) -> Trace {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    lp.run_until_complete(main).expect("main completes");
    trace
}

async fn nap(secs: u64) -> u64 {
    sleep(Duration::from_secs(secs)).await;
    secs
}

#[test]
fn a_timer_s_wake_is_recorded_after_the_clock_moves() {
    let events = traced(nap(2)).events();
    let at = events
        .iter()
        .position(|event| matches!(event, Event::WokenBy { .. }))
        .expect("the timer wakes main");
    assert_eq!(
        events[at - 2..=at],
        [
            Event::ClockMoved {
                now: Duration::from_secs(2)
            },
            Event::Woken { task: id(0) },
            Event::WokenBy {
                task: id(0),
                by: Cause::Timer
            },
        ]
    );
}

#[test]
fn gather_is_woken_by_the_end_of_the_task_it_waited_for_last() {
    let trace = traced(async {
        let slow = spawn(nap(2));
        let quick = spawn(nap(1));
        gather([slow, quick]).await
    });
    let main: Vec<Cause> = (woken_by(&trace).into_iter())
        .filter(|(task, _)| *task == id(0))
        .map(|(_, by)| by)
        .collect();
    assert_eq!(main.last(), Some(&Cause::End(id(1))), "{main:?}");
    assert!(
        main.iter().all(|by| matches!(by, Cause::End(_))),
        "main waits on nothing but its children: {main:?}"
    );
}

#[test]
fn wait_and_wait_for_are_woken_by_a_task_s_end_a_hop_late() {
    let trace = traced(async {
        let first = spawn(nap(1));
        let second = spawn(nap(3));
        let (done, _) = wait([first], ReturnWhen::FirstCompleted, None)
            .await
            .expect("the task is on this loop");
        assert_eq!(done.len(), 1);
        wait_for(second, Duration::from_secs(5)).await
    });
    let main: Vec<(TaskId, Cause)> = (woken_by(&trace).into_iter())
        .filter(|(task, _)| *task == id(0))
        .collect();
    assert_eq!(
        main,
        [(id(0), Cause::End(id(1))), (id(0), Cause::End(id(2)))]
    );
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

/// The deadlock report of a loop whose main task spawns `waiter` and waits on it
/// for ever, and what the trace says `waiter` (task 1) waited on.
fn stuck<F>(waiter: F) -> (String, Vec<String>)
where
    F: std::future::Future + 'static,
{
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let report = lp
        .run(async move {
            spawn(waiter).await.ok();
        })
        .expect_err("nothing can wake the waiter")
        .to_string();
    let waits = (trace.events().into_iter())
        .filter_map(|event| match event {
            Event::Waiting { task, on } if task == id(1) => Some(on),
            _ => None,
        })
        .collect();
    (report, waits)
}

/// A task's body that waits for ever.
type Waiter = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

#[test]
fn a_named_primitive_s_name_is_in_the_trace_and_the_deadlock_report() {
    let cases: Vec<(&str, Waiter)> = vec![
        ("Queue 'orders'.get", {
            let orders = Queue::<u8>::unbounded().named("orders");
            Box::pin(async move {
                orders.get().await;
            })
        }),
        ("Queue 'orders'.put", {
            let orders = Queue::bounded(1).named("orders");
            Box::pin(async move {
                orders.put(1).await;
                orders.put(2).await;
            })
        }),
        ("Queue 'orders'.join", {
            let orders = Queue::unbounded().named("orders");
            Box::pin(async move {
                orders.put_nowait(1).expect("unbounded");
                orders.join().await;
            })
        }),
        ("Lock 'db'.acquire", {
            let db = Lock::new().named("db");
            Box::pin(async move {
                let _held = db.acquire().await;
                let _again = db.acquire().await;
            })
        }),
        ("Semaphore 'pool'.acquire", {
            let pool = Semaphore::new(0).named("pool");
            Box::pin(async move {
                let _permit = pool.acquire().await;
            })
        }),
        ("Event 'ready'.wait", {
            let ready = Flag::new().named("ready");
            Box::pin(async move { ready.wait().await })
        }),
        ("Condition 'changed'.wait", {
            let changed = Condition::new().named("changed");
            Box::pin(async move {
                let guard = changed.acquire().await;
                drop(guard.wait().await);
            })
        }),
        ("Barrier 'start'.wait", {
            let start = Barrier::new(2).named("start");
            Box::pin(async move {
                start.wait().await.ok();
            })
        }),
    ];
    for (expected, waiter) in cases {
        let (report, waits) = stuck(waiter);
        assert!(
            report.contains(&format!("task 1 'Task-2' waits on {expected}")),
            "{expected}: {report}"
        );
        assert_eq!(
            waits.last().map(String::as_str),
            Some(expected),
            "{waits:?}"
        );
    }
}

#[test]
fn an_unnamed_primitive_is_named_by_its_type_alone() {
    let queue = Queue::<u8>::unbounded();
    let (report, waits) = stuck(async move {
        queue.get().await;
    });
    assert!(report.contains("waits on Queue.get"), "{report}");
    assert_eq!(waits, ["Queue.get"]);
}

#[test]
fn a_clone_named_later_names_the_one_primitive_both_share() {
    let orders = Queue::<u8>::unbounded();
    let named = orders.clone().named("orders");
    let (_, waits) = stuck(async move {
        orders.get().await;
    });
    drop(named);
    assert_eq!(waits, ["Queue 'orders'.get"]);
}

/// A task awaiting several tasks (a gather, a wait) waits on each of those not
/// finished, and the trace and a deadlock report name them all.
#[test]
fn a_gather_waits_on_every_task_not_finished() {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let report = lp
        .run(async {
            let go = Flag::new();
            let first = spawn({
                let go = go.clone();
                async move { go.wait().await }
            });
            let second = spawn(std::future::pending::<()>());
            let third = spawn(std::future::pending::<()>());
            spawn(async move {
                yield_now().await;
                go.set();
            });
            gather([first, second, third]).await.ok();
        })
        .expect_err("the gather waits for ever")
        .to_string();
    assert!(
        report.contains("task 0 'Task-1' waits on tasks 2 and 3"),
        "{report}"
    );
    let waits: Vec<String> = (trace.events().into_iter())
        .filter_map(|event| match event {
            Event::Waiting { task, on } if task == id(0) => Some(on),
            _ => None,
        })
        .collect();
    assert_eq!(waits, ["tasks 1, 2 and 3", "tasks 2 and 3"]);
}
