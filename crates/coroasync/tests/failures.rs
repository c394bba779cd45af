//! A panic fails its own task only; misuse gets an error that says what to do.

use std::time::Duration;

use coroasync::{
    Diagnostic, Event, EventLoop, Queue, RunError, SpawnError, TaskError, Trace, gather, run,
    sleep, spawn, spawn_named, try_spawn, yield_now,
};

/// A loop that reports nothing on stderr and does not watch for slow steps: the
/// tests here are about failures, and a panic's report (a backtrace under
/// `RUST_BACKTRACE=1`) takes real time. The slow-step tests turn it on.
fn quiet_loop() -> EventLoop {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_diagnostics_on_stderr(false)
        .with_slow_step(None)
}

#[test]
fn a_panicking_task_fails_alone() {
    let (failed, fine) = quiet_loop()
        .run_until_complete(async {
            let failed = spawn(async {
                yield_now().await;
                panic!("boom");
            });
            let fine = spawn(async {
                for _ in 0..3 {
                    yield_now().await;
                }
                "fine"
            });
            (failed.await, fine.await)
        })
        .unwrap();
    assert_eq!(failed, Err(TaskError::Panicked("boom".into())));
    assert_eq!(fine, Ok("fine"));
}

#[test]
fn a_panicking_main_task_is_the_runs_error() {
    let outcome = quiet_loop().run_until_complete(async { panic!("main broke") });
    assert_eq!(
        outcome,
        Err(RunError::Failed(TaskError::Panicked("main broke".into())))
    );
}

#[test]
fn a_failure_nobody_looks_at_is_reported() {
    let lp = quiet_loop();
    lp.run_until_complete(async {
        spawn_named("careless", async { panic!("Something went wrong") });
        sleep(Duration::from_secs(1)).await;
    })
    .unwrap();
    assert_eq!(
        lp.diagnostics(),
        [Diagnostic::UnobservedFailure {
            task: coroasync::TaskId::new(1),
            name: "careless".into(),
            message: "Something went wrong".into(),
        }]
    );
}

#[test]
fn a_failure_that_was_looked_at_is_not_reported() {
    let lp = quiet_loop();
    let seen = lp
        .run_until_complete(async {
            let task = spawn(async { panic!("Something went wrong") });
            sleep(Duration::from_secs(1)).await;
            task.failure()
        })
        .unwrap();
    assert_eq!(
        seen,
        Some(TaskError::Panicked("Something went wrong".into()))
    );
    assert!(lp.diagnostics().is_empty());
}

#[test]
fn a_panicking_done_callback_is_reported_and_the_loop_runs_on() {
    let lp = quiet_loop();
    let value = lp
        .run_until_complete(async {
            let task = spawn(async { 1 });
            task.add_done_callback(|_| panic!("callback broke"));
            let value = task.await.unwrap();
            yield_now().await;
            value + 1
        })
        .unwrap();
    assert_eq!(value, 2);
    assert!(matches!(
        lp.diagnostics().as_slice(),
        [Diagnostic::CallbackPanicked { message, .. }] if message == "callback broke"
    ));
}

#[test]
fn a_slow_step_is_reported_with_the_tasks_name() {
    let lp = quiet_loop().with_slow_step(Some(Duration::from_millis(1)));
    lp.run_until_complete(async {
        // Computation that holds the thread for many milliseconds (the watchdog
        // looks every quarter of a millisecond).
        spawn_named("factorial", async {
            (0..20_000_000u64).fold(1u64, |acc, i| std::hint::black_box(acc.wrapping_mul(i | 1)))
        })
        .await
        .unwrap()
    })
    .unwrap();
    assert!(lp.diagnostics().iter().any(|d| matches!(
        d,
        Diagnostic::SlowStep { name, .. } if name == "factorial"
    )));
}

#[test]
fn a_step_that_panics_is_reported_as_a_failure_not_as_slow() {
    let lp = quiet_loop().with_slow_step(Some(Duration::from_millis(1)));
    let failed = lp
        .run_until_complete(async {
            // As slow as the step above, then a panic: the panic is the report.
            spawn_named("factorial", async {
                let product = (0..20_000_000u64)
                    .fold(1u64, |acc, i| std::hint::black_box(acc.wrapping_mul(i | 1)));
                assert!(product == 0, "gave up on {product}");
            })
            .await
        })
        .unwrap();
    assert!(matches!(failed, Err(TaskError::Panicked(message)) if message.starts_with("gave up")));
    assert_eq!(lp.diagnostics(), []);
}

#[test]
fn a_deadlock_is_reported_with_every_blocked_task() {
    let outcome = quiet_loop().run_until_complete(async {
        let never = Event::new();
        let queue: Queue<u32> = Queue::new(0);
        let waiter = spawn_named("waiter", {
            let never = never.clone();
            async move { never.wait().await }
        });
        let getter = spawn_named("getter", async move { queue.get().await });
        gather([waiter]).await.unwrap();
        getter.await.unwrap();
    });
    let Err(RunError::Deadlock(report)) = outcome else {
        panic!("expected a deadlock, got {outcome:?}");
    };
    let blocked: Vec<(String, String)> = report
        .blocked
        .iter()
        .map(|t| (t.name.clone(), t.waiting_on.clone()))
        .collect();
    assert_eq!(
        blocked,
        [
            ("Task-1".to_owned(), "task 1".to_owned()),
            ("waiter".to_owned(), "Event.wait".to_owned()),
            ("getter".to_owned(), "Queue.get".to_owned()),
        ]
    );
    assert!(
        report
            .to_string()
            .contains("task 2 'getter' waits on Queue.get")
    );
}

#[test]
fn spawning_outside_a_running_loop_is_an_error() {
    assert_eq!(try_spawn(async {}).unwrap_err(), SpawnError::NoRunningLoop);
    let panic = std::panic::catch_unwind(|| spawn(async {})).unwrap_err();
    let message = corotrace::panic_message(panic.as_ref());
    assert!(message.contains("no event loop is running"), "{message}");
}

#[test]
fn running_a_loop_inside_a_loop_is_an_error() {
    let nested = run(async {
        let inner = EventLoop::new();
        (inner.run_until_complete(async {}), inner.tick().map(|_| ()))
    })
    .unwrap();
    assert_eq!(
        nested,
        (Err(RunError::AlreadyRunning), Err(RunError::AlreadyRunning))
    );
}

#[test]
fn awaiting_a_task_of_another_loop_is_an_error() {
    let first = EventLoop::with_virtual_clock();
    let task = first.spawn(async { 1 });
    let second = EventLoop::with_virtual_clock();
    let outcome = second
        .run_until_complete(async move { task.await })
        .unwrap();
    assert_eq!(outcome, Err(TaskError::OtherLoop));
}

#[test]
fn a_result_is_taken_once() {
    let (first, second) = run(async {
        let task = spawn(async { String::from("once") });
        yield_now().await;
        (task.take_result(), task.take_result())
    })
    .unwrap();
    assert_eq!(first, Some(Ok("once".into())));
    assert_eq!(second, Some(Err(TaskError::ResultTaken)));
}

#[test]
fn task_done_too_often_is_an_error_and_counts_nothing() {
    let queue: Queue<u8> = Queue::new(0);
    assert!(queue.task_done().is_err());
    queue.put_nowait(1).unwrap();
    assert_eq!(queue.get_nowait(), Ok(1));
    assert_eq!(queue.task_done(), Ok(()));
    assert_eq!(
        queue.task_done().unwrap_err().to_string(),
        "task_done() called more times than there were items put"
    );
}

#[test]
fn a_full_queue_hands_the_item_back() {
    let queue = Queue::new(1);
    queue.put_nowait("a").unwrap();
    assert_eq!(queue.put_nowait("b").unwrap_err().0, "b");
    assert_eq!(queue.get_nowait(), Ok("a"));
    assert!(queue.get_nowait().is_err());
}

#[test]
fn advancing_a_real_clock_is_an_error() {
    assert!(EventLoop::new().advance(Duration::from_secs(1)).is_err());
}

#[test]
fn a_group_joined_right_after_its_child_failed_still_reports_it() {
    let outcome = quiet_loop()
        .run_until_complete(async {
            let group = coroasync::TaskGroup::new();
            group.spawn(async { panic!("early") });
            // The child runs and fails here; its done callback is queued behind us.
            yield_now().await;
            group.join().await
        })
        .unwrap();
    let errors = outcome.unwrap_err().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].1, TaskError::Panicked("early".into()));
}

#[test]
fn a_cancelled_task_still_says_so_after_its_result_is_taken() {
    let (result, cancelled) = quiet_loop()
        .run_until_complete(async {
            let task = spawn(sleep(Duration::from_secs(9)));
            let watcher = task.to_ref();
            task.cancel();
            (task.await, watcher.is_cancelled())
        })
        .unwrap();
    assert_eq!(result, Err(TaskError::Cancelled));
    assert!(cancelled);
}

/// A panic payload, or a guard, whose destructor panics.
struct PanicsOnDrop;

impl Drop for PanicsOnDrop {
    fn drop(&mut self) {
        panic!("dropped badly");
    }
}

#[test]
fn a_panic_payload_that_panics_when_dropped_stays_with_its_task() {
    let lp = quiet_loop();
    let (failed, fine) = lp
        .run_until_complete(async {
            let failing = spawn(async { std::panic::panic_any(PanicsOnDrop) });
            let fine = spawn(async {
                yield_now().await;
                "still here"
            });
            (failing.await, fine.await)
        })
        .unwrap();
    assert_eq!(
        failed,
        Err(TaskError::Panicked(
            "panicked with a value that is not a string".into()
        ))
    );
    assert_eq!(fine, Ok("still here"));
}

#[test]
fn a_destructor_that_panics_during_cancellation_is_reported() {
    let lp = quiet_loop();
    let cancelled = lp
        .run_until_complete(async {
            let task = spawn_named("guarded", async {
                let _guard = PanicsOnDrop;
                sleep(Duration::from_secs(10)).await;
            });
            yield_now().await;
            task.cancel();
            task.await
        })
        .unwrap();
    assert_eq!(cancelled, Err(TaskError::Cancelled));
    assert_eq!(
        lp.diagnostics(),
        [Diagnostic::DropPanicked {
            task: coroasync::TaskId::new(1),
            name: "guarded".into(),
            message: "dropped badly".into(),
        }]
    );
}

#[test]
fn a_loop_keeps_its_most_recent_thousand_diagnostics() {
    let lp = quiet_loop();
    lp.run_until_complete(async {
        for _ in 0..1_200 {
            let task = spawn(async {});
            task.add_done_callback(|_| panic!("callback broke"));
            task.await.unwrap();
            yield_now().await;
        }
    })
    .unwrap();
    let kept = lp.diagnostics();
    assert_eq!(kept.len(), 1_000);
    // The oldest went first: the last one kept is the last task's (ids from 1).
    assert!(matches!(
        kept.last(),
        Some(Diagnostic::CallbackPanicked { task, .. }) if *task == coroasync::TaskId::new(1_200)
    ));
}
