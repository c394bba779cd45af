//! Cancellation drops the task's future at its next turn: every destructor runs,
//! and nothing it was waiting for (a queue item, a permit, a wake-up) is lost.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{Event, EventLoop, Lock, Queue, Semaphore, TaskError, sleep, spawn, yield_now};

/// Counts its drops.
struct Counted(Rc<Cell<u32>>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

fn run<T: 'static>(future: impl Future<Output = T> + 'static) -> T {
    EventLoop::with_virtual_clock()
        .with_trace(coroasync::Trace::off())
        .run_until_complete(future)
        .expect("the test's main task finishes")
}

#[test]
fn a_cancelled_task_drops_what_it_holds() {
    let drops = Rc::new(Cell::new(0));
    let held = Counted(Rc::clone(&drops));
    let outcome = run(async move {
        let task = spawn(async move {
            let _held = held;
            sleep(Duration::from_secs(60)).await;
        });
        yield_now().await;
        assert!(task.cancel());
        task.await
    });
    assert_eq!(outcome, Err(TaskError::Cancelled));
    assert_eq!(drops.get(), 1);
}

#[test]
fn cancelling_a_finished_task_does_nothing() {
    let (cancelled, result) = run(async {
        let task = spawn(async { 7 });
        yield_now().await;
        (task.cancel(), task.await)
    });
    assert!(!cancelled);
    assert_eq!(result, Ok(7));
}

#[test]
fn a_cancelled_sleep_does_not_move_the_virtual_clock() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let sleeper = spawn(sleep(Duration::from_secs(3600)));
        yield_now().await;
        sleeper.cancel();
        sleep(Duration::from_secs(1)).await;
    })
    .unwrap();
    assert_eq!(lp.now(), Duration::from_secs(1));
    assert_eq!(lp.next_deadline(), None);
}

#[test]
fn a_getter_cancelled_after_being_woken_passes_the_item_on() {
    let (first, second, left) = run(async {
        let queue = Queue::new(0);
        let first = spawn({
            let queue = queue.clone();
            async move { queue.get().await }
        });
        let second = spawn({
            let queue = queue.clone();
            async move { queue.get().await }
        });
        yield_now().await; // both wait
        queue.put_nowait("item").unwrap(); // wakes `first`
        first.cancel(); // before it runs
        (first.await, second.await, queue.qsize())
    });
    assert_eq!(first, Err(TaskError::Cancelled));
    assert_eq!(second, Ok("item"));
    assert_eq!(left, 0);
}

#[test]
fn a_putter_cancelled_while_waiting_leaves_the_queue_as_it_was() {
    let (items, unfinished_ok) = run(async {
        let queue = Queue::new(1);
        queue.put_nowait(1).unwrap();
        let blocked = spawn({
            let queue = queue.clone();
            async move { queue.put(2).await }
        });
        yield_now().await;
        blocked.cancel();
        yield_now().await;
        let items = vec![queue.get_nowait().unwrap()];
        queue.task_done().unwrap();
        // The cancelled put counted nothing: one task_done too many now fails.
        (items, queue.task_done().is_err())
    });
    assert_eq!(items, [1]);
    assert!(unfinished_ok);
}

#[test]
fn an_event_waiter_cancelled_does_not_block_the_others() {
    let woke = run(async {
        let event = Event::new();
        let waiters: Vec<_> = (0..3)
            .map(|i| {
                let event = event.clone();
                spawn(async move {
                    event.wait().await;
                    i
                })
            })
            .collect();
        yield_now().await;
        waiters[1].cancel();
        event.set();
        let mut woke = Vec::new();
        for waiter in waiters {
            if let Ok(i) = waiter.await {
                woke.push(i);
            }
        }
        woke
    });
    assert_eq!(woke, [0, 2]);
}

#[test]
fn a_lock_waiter_cancelled_after_the_handoff_passes_the_lock_on() {
    let (second, locked_after) = run(async {
        let lock = Lock::new();
        let guard = lock.acquire().await;
        let first = spawn({
            let lock = lock.clone();
            async move {
                let _guard = lock.acquire().await;
                "first"
            }
        });
        let second = spawn({
            let lock = lock.clone();
            async move {
                let _guard = lock.acquire().await;
                "second"
            }
        });
        yield_now().await; // both queue for the lock
        drop(guard); // handed to `first`
        first.cancel(); // before it runs: the lock moves on to `second`
        let second = second.await;
        (second, lock.is_locked())
    });
    assert_eq!(second, Ok("second"));
    assert!(!locked_after);
}

#[test]
fn every_permit_comes_back_after_cancellations() {
    let available = run(async {
        let slots = Semaphore::new(2);
        let holders: Vec<_> = (0..5)
            .map(|_| {
                let slots = slots.clone();
                spawn(async move {
                    let _permit = slots.acquire().await;
                    sleep(Duration::from_secs(10)).await;
                })
            })
            .collect();
        sleep(Duration::from_secs(1)).await; // two hold permits, three wait
        for holder in &holders {
            holder.cancel();
        }
        for holder in holders {
            let _ = holder.await;
        }
        slots.available()
    });
    assert_eq!(available, 2);
}

#[test]
fn a_task_can_cancel_itself() {
    let outcome = run(async {
        let task = spawn(async {
            coroasync::current_task().unwrap().cancel();
            yield_now().await;
            unreachable!("cancelled at its next turn");
        });
        task.await
    });
    assert_eq!(outcome, Err(TaskError::Cancelled));
}

#[test]
fn run_cancels_what_is_left_when_main_returns() {
    let drops = Rc::new(Cell::new(0));
    let held = Counted(Rc::clone(&drops));
    let value = coroasync::run(async move {
        spawn(async move {
            let _held = held;
            sleep(Duration::from_secs(3600)).await;
        });
        yield_now().await;
        "main done"
    });
    assert_eq!(value, Ok("main done"));
    assert_eq!(drops.get(), 1);
}

#[test]
fn dropping_the_loop_drops_every_task() {
    let drops = Rc::new(Cell::new(0));
    let lp = EventLoop::with_virtual_clock();
    for _ in 0..3 {
        let held = Counted(Rc::clone(&drops));
        lp.spawn(async move {
            let _held = held;
            Event::new().wait().await;
        });
    }
    lp.tick().unwrap();
    drop(lp);
    assert_eq!(drops.get(), 3);
}

/// A task that holds droppable values, a lock and a permit across every kind of
/// suspension point; it sets `points` to `k` just before its `k`th wait. Every
/// wait really suspends: the test holds each resource until it lets the task on.
async fn through_every_kind_of_wait(
    drops: Rc<Cell<u32>>,
    points: Rc<Cell<u32>>,
    (lock, semaphore, event, queue): (Lock, Semaphore, Event, Queue<u32>),
) {
    let _a = Counted(Rc::clone(&drops));
    points.set(1);
    yield_now().await;
    points.set(2);
    let _guard = lock.acquire().await;
    let _b = Counted(Rc::clone(&drops));
    points.set(3);
    sleep(Duration::from_secs(1)).await;
    points.set(4);
    let _permit = semaphore.acquire().await;
    points.set(5);
    event.wait().await;
    let _c = Counted(Rc::clone(&drops));
    points.set(6);
    let _item = queue.get().await;
    points.set(7);
}

#[test]
fn cancellation_at_every_suspension_point_runs_every_destructor() {
    for point in 1..=6 {
        let drops = Rc::new(Cell::new(0));
        let resources = (Lock::new(), Semaphore::new(1), Event::new(), Queue::new(0));
        let (lock, semaphore, event, queue) = resources.clone();
        let (lock_after, semaphore_after) = (lock.clone(), semaphore.clone());
        let d = Rc::clone(&drops);
        run(async move {
            let points = Rc::new(Cell::new(0));
            // The test holds the lock and the only permit until it lets the task on.
            let mut held_lock = Some(lock.acquire().await);
            let mut held_permit = Some(semaphore.acquire().await);
            let task = spawn(through_every_kind_of_wait(d, Rc::clone(&points), resources));
            for step in 1..=6 {
                // A timer, not a spin: on the virtual clock, time moves only when
                // every task waits, and the task's own sleep needs it to.
                while points.get() < step {
                    sleep(Duration::from_millis(10)).await;
                }
                if step == point {
                    task.cancel();
                    break;
                }
                match step {
                    2 => held_lock = None,
                    4 => held_permit = None,
                    5 => event.set(),
                    6 => queue.put_nowait(7).unwrap(),
                    _ => {}
                }
            }
            assert_eq!(task.await, Err(TaskError::Cancelled));
            drop((held_lock, held_permit));
        });
        // `_a` exists from point 1, `_b` from point 3, `_c` from point 6: each one
        // made is dropped.
        let made = match point {
            1 | 2 => 1,
            3..=5 => 2,
            _ => 3,
        };
        assert_eq!(drops.get(), made, "cancelled at point {point}");
        assert!(
            !lock_after.is_locked(),
            "the lock came back (point {point})"
        );
        assert_eq!(
            semaphore_after.available(),
            1,
            "the permit came back (point {point})"
        );
    }
}
