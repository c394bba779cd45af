//! Load: a million tasks spawned and finished, ten million switches, and memory
//! back near where it started once they are done (slots and wakers reused); and
//! the loops a long-running program repeats (waits with timeouts, cancelled
//! timers, a long-lived task group, wakes from other threads) holding flat memory.
//!
//! The big ones are `#[ignore]`d, since they want a release build (the memory
//! patterns also run quick versions every time): `.ci/run` runs them with
//! `cargo test --release -p coroasync --test load -- --ignored`, and again under
//! `valgrind --leak-check=full` at a smaller `LOAD_SCALE` to prove nothing leaks.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use coroasync::{
    Barrier, Condition, Elapsed, Event, EventLoop, Lock, Queue, ReturnWhen, Semaphore, Task,
    TaskError, TaskGroup, Trace, gather, shield, sleep, spawn, wait, wait_for, yield_now,
};

/// 1 for the full load; the leak check runs at a fraction of it.
fn scale() -> usize {
    std::env::var("LOAD_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000)
}

fn quiet_loop() -> EventLoop {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_slow_step(None)
}

#[test]
#[ignore = "a million tasks: run in release mode (see .ci/run)"]
fn a_million_tasks_are_spawned_and_finished_and_their_memory_comes_back() {
    let tasks = 1_000 * scale();
    let lp = quiet_loop();
    // Warm up, so the slab and queues have grown once.
    lp.run_until_complete(async move {
        let handles: Vec<_> = (0..tasks).map(|i| spawn(async move { i })).collect();
        for handle in handles {
            handle.await.unwrap();
        }
    })
    .unwrap();
    let info = allocation_counter::measure(|| {
        let sum = lp
            .run_until_complete(async move {
                let handles: Vec<_> = (0..tasks).map(|i| spawn(async move { i })).collect();
                let mut sum = 0;
                for handle in handles {
                    sum += handle.await.unwrap();
                }
                sum
            })
            .unwrap();
        assert_eq!(sum, tasks * (tasks - 1) / 2);
    });
    // Everything the second million allocated was given back: tasks, futures,
    // handles; wakers and slots came from the first million's.
    assert!(info.bytes_current <= 4096, "{info:?}");
    assert!(lp.tasks().is_empty());
}

/// `tasks` tasks that yield `yields` times each; returns the switches made.
fn switches(lp: &EventLoop, tasks: usize, yields: usize) -> usize {
    lp.run_until_complete(async move {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                spawn(async move {
                    for _ in 0..yields {
                        yield_now().await;
                    }
                    yields
                })
            })
            .collect();
        let mut switches = 0;
        for handle in handles {
            switches += handle.await.unwrap();
        }
        switches
    })
    .unwrap()
}

#[test]
#[ignore = "ten million switches: run in release mode (see .ci/run)"]
fn ten_million_switches_give_back_all_they_take() {
    let (tasks, yields) = (1_000, 10 * scale());
    let lp = quiet_loop();
    // Warm up: the slab, the ready queue and the waker pool grow once.
    assert_eq!(switches(&lp, tasks, 10), tasks * 10);
    let info = allocation_counter::measure(|| {
        assert_eq!(switches(&lp, tasks, yields), tasks * yields);
    });
    // Each task allocated its cell and its future, and gave both back; the
    // switches themselves allocated nothing.
    assert!(info.bytes_current <= 4096, "{info:?}");
    assert!(info.count_total <= 3 * tasks as u64 + 16, "{info:?}");
}

// Memory that must stay flat in loops a server or a game runs for ever: each
// pattern runs for a few rounds and for many, on a fresh virtual-clock loop, and
// what it still holds at the end (in the loop, the primitives and the tasks it
// returns to keep) must not grow with the rounds.

/// Bytes still allocated once `pattern(rounds)` has run on a fresh loop, with what
/// the pattern returns kept alive until the count is taken.
fn held_after<F>(rounds: usize, pattern: impl FnOnce(usize) -> F) -> i64
where
    F: Future + 'static,
    F::Output: 'static,
{
    let lp = quiet_loop();
    let mut kept = None;
    let info = allocation_counter::measure(|| {
        kept = Some(lp.run_until_complete(pattern(rounds)).unwrap());
    });
    drop(kept);
    info.bytes_current
}

/// Slack for the memory check: a pattern that holds on to anything per round
/// grows by far more than this over thousands of rounds.
const FLAT: i64 = 512;

/// Asserts that `pattern` holds no more after `many` rounds than after `few`.
fn assert_flat<F>(name: &str, (few, many): (usize, usize), pattern: impl Fn(usize) -> F)
where
    F: Future + 'static,
    F::Output: 'static,
{
    let after_few = held_after(few, &pattern);
    let after_many = held_after(many, &pattern);
    assert!(
        after_many - after_few <= FLAT,
        "{name}: {after_few} bytes held after {few} rounds, {after_many} after {many}"
    );
}

/// The quick sizes every run checks; the ignored test runs them a hundred times longer.
const QUICK: (usize, usize) = (1_000, 10_000);

fn long_rounds() -> (usize, usize) {
    (1_000, 100 * scale())
}

const MS: Duration = Duration::from_millis(1);
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

/// Waiting on an event that is never set, with a timeout, again and again: alone,
/// and beside a second waiter that came later and leaves later.
async fn event_wait_with_timeout(rounds: usize) -> Event {
    let event = Event::new();
    for _ in 0..rounds {
        assert_eq!(wait_for(event.wait(), MS).await, Err(Elapsed));
        let first = spawn(wait_for(event.wait(), MS));
        yield_now().await;
        let second = spawn(wait_for(event.wait(), 2 * MS));
        assert_eq!(first.await, Ok(Err(Elapsed)));
        assert_eq!(second.await, Ok(Err(Elapsed)));
    }
    event
}

/// Getting from an idle queue, and putting into a full one, with a timeout, again
/// and again.
async fn queue_get_and_put_with_timeout(rounds: usize) -> (Queue<u32>, Queue<u32>) {
    let (idle, full) = (Queue::new(0), Queue::new(1));
    full.put(0).await;
    for i in 0..rounds {
        assert_eq!(wait_for(idle.get(), MS).await, Err(Elapsed));
        assert_eq!(wait_for(full.put(i as u32), MS).await, Err(Elapsed));
    }
    (idle, full)
}

/// Acquiring a held lock and a used-up semaphore, with a timeout.
async fn acquire_with_timeout(rounds: usize) -> (Lock, Semaphore) {
    let (lock, semaphore) = (Lock::new(), Semaphore::new(1));
    let _guard = lock.acquire().await;
    let _permit = semaphore.acquire().await;
    for _ in 0..rounds {
        assert!(wait_for(lock.acquire(), MS).await.is_err());
        assert!(wait_for(semaphore.acquire(), MS).await.is_err());
    }
    (lock.clone(), semaphore.clone())
}

/// Waiting on a condition nobody notifies (through `wait_timeout`, and through
/// `wait_for`, which drops the wait), and on a barrier nobody else reaches, with
/// a timeout.
async fn condition_and_barrier_with_timeout(rounds: usize) -> (Condition, Barrier) {
    let (cond, barrier) = (Condition::new(), Barrier::new(2));
    for _ in 0..rounds {
        let (guard, notified) = cond.acquire().await.wait_timeout(MS).await;
        assert!(!notified);
        drop(guard);
        let guard = cond.acquire().await;
        assert_eq!(wait_for(guard.wait(), MS).await.err(), Some(Elapsed));
        let party = barrier.clone();
        let waited = wait_for(async move { party.wait().await }, MS).await;
        assert_eq!(waited.err(), Some(Elapsed));
        assert_eq!(barrier.n_waiting(), 0);
    }
    (cond, barrier)
}

/// `wait` on a long task with a timeout, again and again.
async fn wait_with_timeout_on_a_long_task(rounds: usize) -> Task<()> {
    let mut long = spawn(sleep(DAY));
    for _ in 0..rounds {
        let (done, pending) = wait(vec![long], ReturnWhen::AllCompleted, Some(MS))
            .await
            .unwrap();
        assert!(done.is_empty());
        long = pending.into_iter().next().unwrap();
    }
    long
}

/// `wait_for` with a generous limit on work that finishes at once, while another
/// timer, due earlier, stays set: every round cancels its timer.
async fn wait_for_quick_work_beside_a_timer(rounds: usize) -> Task<()> {
    let background = spawn(sleep(Duration::from_secs(60)));
    for i in 0..rounds {
        assert_eq!(wait_for(async move { i }, HOUR).await, Ok(Ok(i)));
    }
    background
}

/// A shield of a long task awaited with a timeout, on its own, inside `gather`,
/// and beside a second one that came later and leaves later: each is dropped,
/// and lets go of the long task, when time runs out.
async fn shield_and_gather_with_timeout(rounds: usize) -> Task<u32> {
    let long = spawn(async {
        sleep(DAY).await;
        7
    });
    for _ in 0..rounds {
        assert_eq!(wait_for(shield(&long), MS).await, Err(Elapsed));
        assert!(wait_for(gather([shield(&long)]), MS).await.is_err());
        let first = spawn(wait_for(shield(&long), MS));
        yield_now().await;
        assert_eq!(wait_for(shield(&long), 2 * MS).await, Err(Elapsed));
        assert_eq!(first.await, Ok(Err(Elapsed)));
    }
    long
}

/// A long-lived task group whose children finish, each with a value.
async fn task_group_with_finished_children(rounds: usize) -> TaskGroup {
    let group = TaskGroup::new();
    for i in 0..rounds {
        drop(group.spawn(async move { vec![i as u8; 64] }));
        yield_now().await;
        yield_now().await;
    }
    group
}

#[test]
fn waiting_with_timeouts_on_an_event_or_a_queue_holds_flat_memory() {
    assert_flat("Event.wait", QUICK, event_wait_with_timeout);
    assert_flat("Queue.get/put", QUICK, queue_get_and_put_with_timeout);
    assert_flat("Lock/Semaphore.acquire", QUICK, acquire_with_timeout);
    assert_flat(
        "Condition/Barrier.wait",
        QUICK,
        condition_and_barrier_with_timeout,
    );
}

#[test]
fn waiting_with_timeouts_on_a_long_task_holds_flat_memory() {
    assert_flat("wait", QUICK, wait_with_timeout_on_a_long_task);
    assert_flat("shield/gather", QUICK, shield_and_gather_with_timeout);
}

#[test]
fn cancelled_timers_are_reclaimed_before_their_deadline() {
    assert_flat("wait_for", QUICK, wait_for_quick_work_beside_a_timer);
}

#[test]
fn a_task_group_frees_each_child_as_it_finishes() {
    assert_flat("TaskGroup", QUICK, task_group_with_finished_children);
    // And each child's value is dropped as it finishes, long before `join`, which
    // still reports the failures.
    struct Counted(Rc<Cell<usize>>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    let dropped = Rc::new(Cell::new(0));
    let outcome = quiet_loop().run_until_complete({
        let dropped = Rc::clone(&dropped);
        async move {
            let group = TaskGroup::new();
            for _ in 0..1_000 {
                let value = Counted(Rc::clone(&dropped));
                drop(group.spawn(async move { value }));
            }
            yield_now().await;
            yield_now().await;
            assert_eq!(
                dropped.get(),
                1_000,
                "every finished child's value is freed"
            );
            drop(group.spawn(async { panic!("boom") }));
            group.join().await
        }
    });
    let errors = outcome.unwrap().unwrap_err().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].1, TaskError::Panicked("boom".into()));
}

#[test]
#[ignore = "a hundred thousand rounds of each pattern: run in release mode (see .ci/run)"]
fn every_pattern_holds_flat_memory_over_a_hundred_thousand_rounds() {
    let rounds = long_rounds();
    assert_flat("Event.wait", rounds, event_wait_with_timeout);
    assert_flat("Queue.get/put", rounds, queue_get_and_put_with_timeout);
    assert_flat("Lock/Semaphore.acquire", rounds, acquire_with_timeout);
    assert_flat(
        "Condition/Barrier.wait",
        rounds,
        condition_and_barrier_with_timeout,
    );
    assert_flat("wait", rounds, wait_with_timeout_on_a_long_task);
    assert_flat("shield/gather", rounds, shield_and_gather_with_timeout);
    assert_flat("wait_for", rounds, wait_for_quick_work_beside_a_timer);
    assert_flat("TaskGroup", rounds, task_group_with_finished_children);
}

/// A task that counts its steps and leaves its waker where the host can reach it;
/// at its second step it is woken once more from another thread, after the loop
/// has drained its inbox for that pass.
fn parked_task(lp: &EventLoop) -> (Rc<Cell<usize>>, Rc<RefCell<Option<Waker>>>) {
    let (steps, waker) = (Rc::new(Cell::new(0)), Rc::new(RefCell::new(None)));
    lp.spawn({
        let (steps, slot) = (Rc::clone(&steps), Rc::clone(&waker));
        std::future::poll_fn(move |cx| {
            steps.set(steps.get() + 1);
            *slot.borrow_mut() = Some(cx.waker().clone());
            if steps.get() == 2 {
                let own = cx.waker().clone();
                std::thread::spawn(move || own.wake()).join().unwrap();
            }
            Poll::<()>::Pending
        })
    });
    (steps, waker)
}

/// Wakes a parked task `wakes` times from the host between two passes (or from
/// another thread, joined before the pass), runs the pass, and returns the bytes
/// still held, on this thread and the waking one, and the task's steps.
fn remote_wakes(wakes: usize, from_thread: bool) -> (i64, usize) {
    let lp = quiet_loop();
    let (steps, slot) = parked_task(&lp);
    lp.tick().unwrap();
    let waker = slot.borrow().clone().unwrap();
    let wake_all = move || {
        allocation_counter::measure(|| {
            for _ in 0..wakes {
                waker.wake_by_ref();
            }
        })
    };
    let mut elsewhere = 0;
    let here = allocation_counter::measure(|| {
        if from_thread {
            elsewhere = std::thread::spawn(wake_all).join().unwrap().bytes_current;
        } else {
            elsewhere = wake_all().bytes_current;
        }
        lp.tick().unwrap();
    });
    let elsewhere = if from_thread { elsewhere } else { 0 };
    (here.bytes_current + elsewhere, steps.get())
}

fn assert_remote_wakes_flat(few: usize, many: usize) {
    for from_thread in [false, true] {
        let (after_few, steps) = remote_wakes(few, from_thread);
        assert_eq!(steps, 2, "{few} wakes between two passes make one step");
        let (after_many, steps) = remote_wakes(many, from_thread);
        assert_eq!(steps, 2, "{many} wakes between two passes make one step");
        assert!(
            after_many - after_few <= FLAT,
            "from a thread: {from_thread}: {after_few} bytes held after {few} wakes, \
             {after_many} after {many}"
        );
    }
}

#[test]
fn a_task_woken_many_times_from_outside_takes_one_inbox_entry() {
    assert_remote_wakes_flat(1_000, 10_000);
}

#[test]
#[ignore = "a million wakes: run in release mode (see .ci/run)"]
fn a_million_remote_wakes_hold_flat_memory() {
    assert_remote_wakes_flat(1_000, 1_000 * scale());
}

#[test]
fn a_wake_from_outside_after_the_inbox_was_drained_still_schedules_the_task() {
    let lp = quiet_loop();
    let (steps, slot) = parked_task(&lp);
    let wake_from_a_thread = || {
        let waker = slot.borrow().clone().unwrap();
        std::thread::spawn(move || waker.wake()).join().unwrap();
    };
    lp.tick().unwrap();
    assert_eq!(steps.get(), 1);
    wake_from_a_thread();
    lp.tick().unwrap();
    assert_eq!(steps.get(), 2);
    // The second step was woken from a thread while it ran, after this pass had
    // drained the inbox: that wake alone runs it once more.
    lp.tick().unwrap();
    assert_eq!(steps.get(), 3);
    for step in 4..=6 {
        wake_from_a_thread();
        lp.tick().unwrap();
        assert_eq!(steps.get(), step);
    }
    assert_eq!(lp.tick().unwrap().polled, 0);
}
