//! Timers fire in deadline order, ties in the order they were set, and a virtual
//! clock jumps straight to the next one.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{EventLoop, Trace, now, sleep, spawn};

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
