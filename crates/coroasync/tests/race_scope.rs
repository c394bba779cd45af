//! `race`, `race!`, cancel scopes (`CancelScope`, `move_on_after`, `fail_after`)
//! and the cancel guard: who wins, what is dropped and when, deadlines of zero
//! and of `Duration::MAX`, cancellation of the task that waits, and flat memory
//! when each is used in a loop.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    CancelScope, Elapsed, EventLoop, First, Queue, TaskError, Trace, catch_cancel, fail_after,
    move_on_after, now, on_cancel, race, say, sleep, spawn, yield_now,
};

const SEC: Duration = Duration::from_secs(1);

/// Runs `main` on virtual time; its result and what it said.
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> (T, String) {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock()
        .with_trace(trace.clone())
        .with_slow_step(None);
    let out = lp.run_until_complete(main).expect("main finishes");
    (out, trace.output())
}

/// Sleeps `secs`, saying so if dropped first; returns `secs`.
async fn nap(name: &'static str, secs: u64) -> u64 {
    let guard = on_cancel(move || say!("{name} dropped at {}", now().as_secs()));
    sleep(Duration::from_secs(secs)).await;
    guard.disarm();
    secs
}

#[test]
fn race_returns_the_first_and_drops_the_others_in_order_before_going_on() {
    let (won, said) = run(async {
        let won = race([nap("a", 3), nap("b", 1), nap("c", 2)]).await;
        say!("after the race");
        won
    });
    assert_eq!(won, Some((1, 1)));
    assert_eq!(
        said, "a dropped at 1\nc dropped at 1\nafter the race\n",
        "the losers go in the order listed, in the winner's step"
    );
}

#[test]
fn a_tie_is_won_by_the_first_listed() {
    let (won, _) = run(race([nap("a", 2), nap("b", 2)]));
    assert_eq!(won, Some((0, 2)));
    let (won, said) = run(async { race!(nap("x", 1), sleep(SEC)).await });
    assert_eq!(won, First::A(1));
    assert_eq!(said, "");
    let (won, said) = run(async { race!(sleep(SEC), nap("x", 1)).await });
    assert_eq!(won, First::A(()));
    assert_eq!(said, "x dropped at 1\n");
}

#[test]
fn race_of_nothing_is_none_at_once() {
    let (won, _) = run(race(Vec::<coroasync::Sleep>::new()));
    assert_eq!(won, None);
}

#[test]
fn race_macro_takes_futures_of_different_types() {
    let (won, said) = run(async {
        let queue: Queue<&'static str> = Queue::new(0);
        let feeder = {
            let queue = queue.clone();
            spawn(async move {
                sleep(SEC).await;
                queue.put("item").await;
            })
        };
        let won = race!(nap("timer", 5), queue.get(), std::future::pending::<bool>()).await;
        feeder.await.unwrap();
        let left = race!(queue.get(), sleep(SEC)).await;
        (won, left, now())
    });
    assert_eq!(won, (First::B("item"), First::B(()), 2 * SEC));
    assert_eq!(said, "timer dropped at 1\n");
}

#[test]
fn zero_and_endless_deadlines_neither_hang_nor_fire_wrongly() {
    let (won, _) = run(async { race!(sleep(Duration::MAX), sleep(Duration::ZERO)).await });
    assert_eq!(won, First::B(()));
    let (out, _) = run(async {
        let endless = move_on_after(Duration::MAX, nap("body", 3600)).await;
        let zero = move_on_after(Duration::ZERO, nap("zero", 1)).await;
        let at_once = move_on_after(Duration::ZERO, async { 7 }).await;
        (endless, zero, at_once, now())
    });
    assert_eq!(out, (Some(3600), None, Some(7), Duration::from_secs(3600)));
}

#[test]
fn cancelling_the_task_that_waits_drops_every_racer_and_the_scope_body() {
    let (out, said) = run(async {
        let racer = spawn(async { race!(nap("r1", 5), nap("r2", 6)).await });
        let scope = CancelScope::after(10 * SEC);
        let scoped = {
            let scope = scope.clone();
            spawn(async move { scope.run(nap("body", 5)).await })
        };
        sleep(SEC).await;
        racer.cancel();
        scoped.cancel();
        (racer.await, scoped.await, scope.expired())
    });
    assert_eq!(
        out,
        (Err(TaskError::Cancelled), Err(TaskError::Cancelled), false)
    );
    assert_eq!(
        said,
        "r1 dropped at 1\nr2 dropped at 1\nbody dropped at 1\n"
    );
}

#[test]
fn a_scope_cuts_its_body_at_the_deadline_and_says_so() {
    let (out, said) = run(async {
        let scope = CancelScope::after(2 * SEC);
        let cut = scope.run(nap("body", 5)).await;
        let at = now();
        let in_time = CancelScope::after(2 * SEC);
        let whole = in_time.run(nap("quick", 1)).await;
        (cut, scope.expired(), at, whole, in_time.expired())
    });
    assert_eq!(out, (None, true, 2 * SEC, Some(1), false));
    assert_eq!(said, "body dropped at 2\n");
}

#[test]
fn a_deadline_that_comes_as_the_body_is_woken_wins_as_in_asyncio() {
    // asyncio 3.11: `async with asyncio.timeout(1): await asyncio.sleep(1)` raises
    // TimeoutError; the deadline's timer was set first, and its `cancel()` reaches
    // the task whose wake-up is queued.
    let (out, said) = run(async {
        let tie = fail_after(SEC, nap("tie", 1)).await;
        let zero = fail_after(Duration::ZERO, async {
            say!("runs to its first wait");
            sleep(SEC).await;
        })
        .await;
        let scope = CancelScope::new();
        let cancels_itself = scope
            .run(async {
                scope.cancel();
                sleep(SEC).await;
            })
            .await;
        (tie, zero, cancels_itself, now())
    });
    assert_eq!(out, (Err(Elapsed), Err(Elapsed), None, SEC));
    assert_eq!(said, "tie dropped at 1\nruns to its first wait\n");
}

#[test]
fn fail_after_is_elapsed_counting_from_its_call() {
    let (out, _) = run(async {
        let limited = fail_after(2 * SEC, sleep(5 * SEC));
        sleep(SEC).await;
        (limited.await, now())
    });
    assert_eq!(out, (Err(Elapsed), 2 * SEC));
}

#[test]
fn a_scope_made_outside_a_loop_counts_from_its_first_poll() {
    let lp = EventLoop::with_virtual_clock().with_trace(Trace::off());
    lp.run_until_complete(sleep(5 * SEC)).unwrap();
    let out = lp.run_until_complete(move_on_after(2 * SEC, sleep(3 * SEC)));
    assert_eq!(out, Ok(None));
    assert_eq!(lp.now(), 7 * SEC);
}

#[test]
fn cancel_from_another_task_wakes_the_body_at_once() {
    let (out, said) = run(async {
        let scope = CancelScope::new();
        let canceller = {
            let scope = scope.clone();
            spawn(async move {
                sleep(SEC).await;
                scope.cancel();
            })
        };
        let cut = scope.run(nap("body", 3600)).await;
        canceller.await.unwrap();
        (cut, scope.cancel_called(), scope.expired(), now())
    });
    assert_eq!(out, (None, true, true, SEC));
    assert_eq!(said, "body dropped at 1\n");
}

#[test]
fn reschedule_moves_the_deadline_from_inside_and_from_outside() {
    let (out, _) = run(async {
        // Later, from inside the body.
        let scope = CancelScope::after(SEC);
        let later = scope
            .run(async {
                scope.reschedule(Some(now() + 3 * SEC));
                nap("later", 2).await
            })
            .await;
        // No deadline at all.
        let never = CancelScope::after(SEC);
        never.reschedule(None);
        let whole = never.run(nap("never", 5)).await;
        // Into the past, from another task, while the body waits.
        let earlier = CancelScope::after(3600 * SEC);
        let mover = {
            let earlier = earlier.clone();
            spawn(async move {
                sleep(SEC).await;
                earlier.reschedule(Some(Duration::ZERO));
            })
        };
        let start = now();
        let cut = earlier.run(nap("earlier", 60)).await;
        mover.await.unwrap();
        (later, whole, never.deadline(), cut, now() - start)
    });
    assert_eq!(out, (Some(2), Some(5), None, None, SEC));
}

#[test]
fn the_guard_runs_only_when_dropped_armed_and_not_while_unwinding() {
    let said = Rc::new(RefCell::new(Vec::new()));
    let log = |what: &'static str| {
        let said = Rc::clone(&said);
        move || said.borrow_mut().push(what)
    };
    on_cancel(log("disarmed")).disarm();
    drop(on_cancel(log("dropped")));
    let (panicked, _) = run({
        let guard = on_cancel(log("unwinding"));
        async move {
            spawn(async move {
                let _guard = guard;
                panic!("not a cancellation");
            })
            .await
        }
    });
    assert!(matches!(panicked, Err(TaskError::Panicked(_))));
    assert_eq!(*said.borrow(), ["dropped"]);
    assert!(on_cancel(|| ()).is_armed());
}

#[test]
fn catch_cancel_runs_its_action_only_when_cut_short() {
    let (out, said) = run(async {
        let whole = catch_cancel(nap("a", 1), || say!("a cut")).await;
        let cut = move_on_after(SEC, catch_cancel(sleep(2 * SEC), || say!("b cut"))).await;
        (whole, cut)
    });
    assert_eq!(out, (1, None));
    assert_eq!(said, "b cut\n");
}

/// Bytes still held once `rounds` rounds of `pattern` have run on a fresh loop.
fn held_after<F: Future<Output = ()> + 'static>(rounds: usize, pattern: fn(usize) -> F) -> i64 {
    let lp = EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_slow_step(None);
    allocation_counter::measure(|| lp.run_until_complete(pattern(rounds)).unwrap()).bytes_current
}

fn assert_flat<F: Future<Output = ()> + 'static>(name: &str, pattern: fn(usize) -> F) {
    let (few, many) = (held_after(1_000, pattern), held_after(10_000, pattern));
    assert!(
        many - few <= 512,
        "{name}: {few} bytes held after 1,000 rounds, {many} after 10,000"
    );
}

async fn races(rounds: usize) {
    let queue: Queue<usize> = Queue::new(0);
    for i in 0..rounds {
        if i % 2 == 0 {
            queue.put_nowait(i).unwrap();
        }
        let _ = race!(queue.get(), sleep(Duration::from_millis(1))).await;
        let _ = race([sleep(Duration::from_millis(2)), sleep(Duration::MAX)]).await;
    }
}

async fn scopes(rounds: usize) {
    let scope = CancelScope::new();
    for i in 0..rounds {
        let _ = move_on_after(Duration::from_millis(1), sleep(Duration::from_millis(2))).await;
        let _ = fail_after(Duration::from_millis(2), yield_now()).await;
        scope.reschedule(Some(now() + Duration::from_millis(1 + (i % 2) as u64)));
        let _ = scope.run(sleep(Duration::from_millis(1))).await;
        let _ = catch_cancel(yield_now(), || ()).await;
    }
}

/// One long-lived scope (a server's "shut down" scope, say) that many short tasks
/// run their bodies in, two at a time so their wakers differ.
async fn one_scope_many_tasks(rounds: usize) {
    let scope = CancelScope::new();
    for _ in 0..rounds / 2 {
        let tasks = [1, 2].map(|ms| {
            let scope = scope.clone();
            spawn(async move {
                scope.run(sleep(Duration::from_millis(ms))).await;
            })
        });
        for task in tasks {
            task.await.unwrap();
        }
    }
}

#[test]
fn races_and_scopes_in_a_loop_hold_flat_memory() {
    assert_flat("race", races);
    assert_flat("scope", scopes);
    assert_flat("one scope, many tasks", one_scope_many_tasks);
}

#[test]
fn a_task_that_loses_a_race_runs_on() {
    let (out, said) = run(async {
        let slow = spawn(nap("slow task", 2));
        let slow_ref = slow.to_ref();
        let won = race!(slow, sleep(SEC)).await;
        let running = !slow_ref.is_done();
        (won, running, slow_ref.await)
    });
    assert_eq!(out, (First::B(()), true, Ok(())));
    assert_eq!(said, "");
}

#[test]
fn cancel_reaches_every_body_in_the_scope_in_any_task() {
    let (out, said) = run(async {
        let scope = CancelScope::new();
        let tasks: Vec<_> = ["t1", "t2"]
            .map(|name| {
                let scope = scope.clone();
                spawn(async move { scope.run(nap(name, 3600)).await })
            })
            .into();
        // Two bodies in one task, and one that finished before the cancel.
        let done = scope.run(async { 5 }).await;
        let canceller = {
            let scope = scope.clone();
            spawn(async move {
                sleep(SEC).await;
                scope.cancel();
            })
        };
        let both = race!(scope.run(nap("b1", 3600)), scope.run(nap("b2", 3600))).await;
        canceller.await.unwrap();
        let mut ends = Vec::new();
        for task in tasks {
            ends.push(task.await.unwrap());
        }
        (done, both, ends, now())
    });
    assert_eq!(out, (Some(5), First::A(None), vec![None, None], SEC));
    assert_eq!(
        said, "b1 dropped at 1\nb2 dropped at 1\nt1 dropped at 1\nt2 dropped at 1\n",
        "woken in the order the bodies began waiting: main's first"
    );
}
