//! Timers fire in deadline order, ties in the order they were set, and a virtual
//! clock jumps straight to the next one.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Event, EventLoop, ReturnWhen, RunError, TaskError, Trace, now, sleep, spawn, wait, wait_for,
};

fn quiet_virtual_loop() -> EventLoop {
    EventLoop::with_virtual_clock().with_trace(Trace::off())
}

#[test]
fn timers_fire_in_deadline_order_and_ties_in_setting_order() {
    let order = Rc::new(RefCell::new(Vec::new()));
    let lp = quiet_virtual_loop();
    let seen = Rc::clone(&order);
    lp.run_until_complete(async move {
        let sleepers: Vec<_> = [(3, "c"), (1, "a1"), (2, "b"), (1, "a2")]
            .into_iter()
            .map(|(secs, name)| {
                let seen = Rc::clone(&seen);
                spawn(async move {
                    sleep(Duration::from_secs(secs)).await;
                    seen.borrow_mut().push((name, now()));
                })
            })
            .collect();
        for sleeper in sleepers {
            sleeper.await.unwrap();
        }
    })
    .unwrap();
    let secs = Duration::from_secs;
    assert_eq!(
        *order.borrow(),
        [
            ("a1", secs(1)),
            ("a2", secs(1)),
            ("b", secs(2)),
            ("c", secs(3))
        ]
    );
    assert_eq!(lp.now(), secs(3));
}

#[test]
fn a_host_drives_the_loop_tick_by_tick() {
    let lp = quiet_virtual_loop();
    let task = lp.spawn(async {
        sleep(Duration::from_secs(2)).await;
        "rang"
    });

    let first = lp.tick().unwrap();
    assert_eq!((first.polled, first.spawned), (1, 0));
    assert!(first.has_remaining);
    assert_eq!(first.next_deadline, Some(Duration::from_secs(2)));

    // Nothing is due yet: a pass does nothing, and never moves the clock itself.
    let idle = lp.tick().unwrap();
    assert_eq!((idle.polled, idle.timers_fired), (0, 0));
    assert_eq!(lp.now(), Duration::ZERO);

    lp.advance(Duration::from_secs(2)).unwrap();
    let fired = lp.tick().unwrap();
    assert_eq!((fired.timers_fired, fired.woken, fired.polled), (1, 1, 0));
    // The timer's hop, then the task's step: asyncio's two hops.
    let last = lp.tick().unwrap();
    assert_eq!((last.polled, last.completed), (1, 1));
    assert!(!last.has_remaining);
    assert_eq!(task.take_result(), Some(Ok("rang")));
}

#[test]
fn sleep_zero_is_one_trip_round_the_ready_queue() {
    let lp = quiet_virtual_loop();
    let task = lp.spawn(async {
        sleep(Duration::ZERO).await;
        now()
    });
    assert_eq!(lp.tick().unwrap().polled, 1);
    assert_eq!(lp.tick().unwrap().completed, 1);
    assert_eq!(task.take_result(), Some(Ok(Duration::ZERO)));
}

/// What a task waits on in a deadlock report of `result`.
fn waits_on<T: std::fmt::Debug>(result: Result<T, RunError>) -> Vec<String> {
    match result {
        Err(RunError::Deadlock(report)) => report
            .blocked
            .into_iter()
            .map(|task| task.waiting_on)
            .collect(),
        other => panic!("expected a deadlock, got {other:?}"),
    }
}

#[test]
fn a_sleep_of_duration_max_never_ends_and_is_reported_not_jumped_to() {
    let lp = quiet_virtual_loop();
    let stuck = lp.run_until_complete(sleep(Duration::MAX));
    assert_eq!(waits_on(stuck), ["a sleep without end (Duration::MAX)"]);
    assert_eq!(lp.now(), Duration::ZERO);
    assert_eq!(lp.next_deadline(), None);
}

#[test]
fn a_sleep_of_duration_max_after_time_has_moved_is_no_overflow() {
    let lp = quiet_virtual_loop();
    let stuck = lp.run_until_complete(async {
        sleep(Duration::from_secs(5)).await;
        sleep(Duration::MAX).await;
    });
    assert_eq!(waits_on(stuck), ["a sleep without end (Duration::MAX)"]);
    assert_eq!(lp.now(), Duration::from_secs(5));
}

#[test]
fn a_sleep_ending_past_the_clocks_range_is_a_sleep_without_end() {
    let lp = quiet_virtual_loop();
    let almost = Duration::from_nanos(u64::MAX) - Duration::from_secs(1);
    let stuck = lp.run_until_complete(async move {
        sleep(Duration::from_secs(2)).await;
        sleep(almost).await; // would end a second past the last representable instant
    });
    assert_eq!(waits_on(stuck), ["a sleep without end (Duration::MAX)"]);
}

#[test]
fn a_sleep_of_duration_max_on_real_time_is_reported_not_a_panic() {
    let stuck = EventLoop::new()
        .with_trace(Trace::off())
        .run_until_complete(sleep(Duration::MAX));
    assert_eq!(waits_on(stuck), ["a sleep without end (Duration::MAX)"]);
}

#[test]
fn a_sleep_of_duration_max_can_still_be_cancelled() {
    let outcome = quiet_virtual_loop().run_until_complete(async {
        let sleeper = spawn(sleep(Duration::MAX));
        sleep(Duration::from_secs(1)).await;
        sleeper.cancel();
        sleeper.await
    });
    assert_eq!(outcome, Ok(Err(TaskError::Cancelled)));
}

#[test]
fn wait_for_with_duration_max_is_no_limit_on_real_time() {
    let outcome = EventLoop::new()
        .with_trace(Trace::off())
        .run_until_complete(async { wait_for(async { 7 }, Duration::MAX).await });
    assert_eq!(outcome, Ok(Ok(Ok(7))));
}

#[test]
fn wait_for_with_duration_max_is_no_limit_after_virtual_time_has_moved() {
    let lp = quiet_virtual_loop();
    let outcome = lp.run_until_complete(async {
        sleep(Duration::from_secs(3)).await;
        wait_for(
            async {
                sleep(Duration::from_secs(3600)).await;
                now()
            },
            Duration::MAX,
        )
        .await
    });
    assert_eq!(outcome, Ok(Ok(Ok(Duration::from_secs(3603)))));
}

#[test]
fn wait_for_with_duration_max_reports_what_the_inner_task_waits_on() {
    let lp = quiet_virtual_loop();
    let stuck = lp.run_until_complete(async {
        let never = Event::new();
        sleep(Duration::from_secs(1)).await;
        wait_for(async move { never.wait().await }, Duration::MAX).await
    });
    let waits = waits_on(stuck);
    assert_eq!(waits.len(), 2);
    assert!(waits[0].starts_with("task "), "{waits:?}");
    assert_eq!(waits[1], "Event.wait");
}

#[test]
fn wait_with_a_timeout_of_duration_max_is_no_limit() {
    let lp = quiet_virtual_loop();
    let (done, pending) = lp
        .run_until_complete(async {
            sleep(Duration::from_secs(1)).await;
            let task = spawn(sleep(Duration::from_secs(2)));
            wait([task], ReturnWhen::AllCompleted, Some(Duration::MAX)).await
        })
        .unwrap()
        .unwrap();
    assert_eq!((done.len(), pending.len()), (1, 0));
    assert_eq!(lp.now(), Duration::from_secs(3));
}

#[test]
fn advancing_a_virtual_clock_by_duration_max_fires_every_timer() {
    let lp = quiet_virtual_loop();
    let task = lp.spawn(async {
        sleep(Duration::from_secs(1)).await;
        sleep(Duration::from_secs(1)).await; // from the end of time: without end
    });
    lp.tick().unwrap();
    lp.advance(Duration::from_secs(1)).unwrap();
    assert_eq!(lp.advance(Duration::MAX), Ok(()));
    assert_eq!(lp.now(), Duration::MAX);
    while lp.tick().unwrap().ready > 0 {}
    assert!(!task.is_done());
    assert_eq!(lp.next_deadline(), None);
    let stuck = lp.run_until_complete(async move { task.await });
    assert_eq!(
        waits_on(stuck),
        ["a sleep without end (Duration::MAX)", "task 0"]
    );
}
