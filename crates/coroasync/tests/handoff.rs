//! Hand-offs of `Lock` and `Semaphore` against asyncio 3.11: who is woken by a
//! release, when the flags change, what a waiter cancelled after being woken passes
//! on, and what a newcomer may take; and the hops of a `wait_for`. Each program exists twice, as Python
//! (`handoff/NAME.py`, run with python3) and as its Rust twin below, and both must
//! print the same lines. A missing python3 is a failure that says so.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Elapsed, Event, EventLoop, Lock, Semaphore, TaskError, Trace, gather_settled, now, on_cancel,
    say, sleep, spawn, wait_for, yield_now,
};

#[path = "toolbox/twin.rs"]
mod twin;

/// Runs `handoff/NAME.py` and its Rust twin, and compares their lines.
fn assert_twin<F: Future<Output = ()> + 'static>(name: &str, main: F) {
    twin::assert_twin_in("handoff", name, main);
}

#[test]
fn semaphore_second_release() {
    assert_twin("semaphore_second_release", async {
        let sem = Semaphore::new(2);
        let a = sem.acquire().await;
        let b = sem.acquire().await;
        let c = spawn({
            let sem = sem.clone();
            async move {
                say!("c waits");
                let permit = sem.acquire().await;
                say!("c got a permit, value {}", sem.available());
                permit
            }
        });
        yield_now().await;
        drop(a);
        say!(
            "released one: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
        drop(b);
        say!(
            "released two: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
        let _main = sem.acquire().await;
        say!("main got a permit, value {}", sem.available());
        let _c = c.await.unwrap();
        say!(
            "end: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
    });
}

#[test]
fn semaphore_newcomer() {
    async fn worker(sem: Semaphore, name: &'static str) {
        say!("{name} asks, locked {}", py(sem.is_locked()));
        let permit = sem.acquire().await;
        say!("{name} got it");
        yield_now().await;
        say!("{name} gives it back");
        drop(permit);
    }
    assert_twin("semaphore_newcomer", async {
        let sem = Semaphore::new(1);
        let held = sem.acquire().await;
        let w = spawn(worker(sem.clone(), "w"));
        yield_now().await;
        drop(held);
        say!(
            "released: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
        worker(sem.clone(), "main").await;
        w.await.unwrap();
        say!(
            "end: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
    });
}

#[test]
fn semaphore_woken_cancelled() {
    async fn waiter(sem: Semaphore, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let sem = sem.clone();
            on_cancel(move || say!("{name} cancelled, value {}", sem.available()))
        };
        let permit = sem.acquire().await;
        cancelled.disarm();
        say!("{name} got it, value {}", sem.available());
        drop(permit);
    }
    assert_twin("semaphore_woken_cancelled", async {
        let sem = Semaphore::new(1);
        let held = sem.acquire().await;
        let a = spawn(waiter(sem.clone(), "a"));
        let b = spawn(waiter(sem.clone(), "b"));
        yield_now().await;
        drop(held);
        say!(
            "released: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
        a.cancel();
        gather_settled([a, b]).await;
        say!(
            "end: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
    });
}

#[test]
fn lock_release_with_waiters() {
    async fn worker(lock: Lock, name: &'static str) {
        say!("{name} asks, locked {}", py(lock.is_locked()));
        let guard = lock.acquire().await;
        say!("{name} holds it, locked {}", py(lock.is_locked()));
        yield_now().await;
        drop(guard);
        say!("{name} let go, locked {}", py(lock.is_locked()));
    }
    assert_twin("lock_release_with_waiters", async {
        let lock = Lock::new();
        let held = lock.acquire().await;
        let a = spawn(worker(lock.clone(), "a"));
        let b = spawn(worker(lock.clone(), "b"));
        yield_now().await;
        drop(held);
        say!("main let go, locked {}", py(lock.is_locked()));
        worker(lock.clone(), "main").await;
        gather_settled([a, b]).await;
        say!("end: locked {}", py(lock.is_locked()));
    });
}

#[test]
fn lock_woken_cancelled() {
    async fn worker(lock: Lock, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let lock = lock.clone();
            on_cancel(move || say!("{name} cancelled, locked {}", py(lock.is_locked())))
        };
        let guard = lock.acquire().await;
        cancelled.disarm();
        say!("{name} holds it");
        drop(guard);
        say!("{name} let go, locked {}", py(lock.is_locked()));
    }
    assert_twin("lock_woken_cancelled", async {
        let lock = Lock::new();
        let held = lock.acquire().await;
        let tasks: Vec<_> = ["a", "b", "c"]
            .map(|name| spawn(worker(lock.clone(), name)))
            .into();
        yield_now().await;
        drop(held);
        say!("main let go, locked {}", py(lock.is_locked()));
        tasks[0].cancel();
        gather_settled(tasks).await;
        say!("end: locked {}", py(lock.is_locked()));
    });
}

#[test]
fn wait_for_finished_task() {
    assert_twin("wait_for_finished_task", async {
        let t = spawn(async {
            say!("quick runs");
            1
        });
        yield_now().await;
        let o = spawn(async {
            for step in 0..3 {
                say!("other {step}");
                yield_now().await;
            }
        });
        say!("wait_for starts");
        let value = wait_for(t, Duration::from_secs(10)).await.unwrap().unwrap();
        say!("wait_for gave {value}");
        o.await.unwrap();
    });
}

#[test]
fn wait_for_stale_wake() {
    assert_twin("wait_for_stale_wake", async {
        let (never, ready) = (Event::new(), Event::new());
        ready.set();
        let b = spawn(async move {
            if wait_for(never.wait(), Duration::from_secs(1))
                .await
                .is_err()
            {
                say!("bounded timed out");
            }
        });
        let kid = spawn(async {
            sleep(Duration::from_secs(1)).await;
            say!("child done");
        });
        let secs = Duration::from_secs;
        wait_for(ready.wait(), secs(3)).await.unwrap().unwrap();
        say!("ready");
        wait_for(kid, secs(1)).await.unwrap().unwrap();
        say!("joined");
        wait_for(ready.wait(), secs(2)).await.unwrap().unwrap();
        say!("ready again");
        b.await.unwrap();
    });
}

/// A flag as Python prints it.
fn py(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

/// A holder that gives its unit back at `at`, and a waiter whose `wait_for` runs
/// out at the same moment: both timers come due in one pass, the holder's first
/// (equal deadlines go in the order they were set), so the waiter is woken and
/// then timed out before it runs. What it was woken for must reach `next`.
async fn woken_then_timed_out<G: 'static>(
    acquire: impl Fn() -> coroasync::Acquire<G> + 'static,
) -> (
    Result<Result<G, TaskError>, Elapsed>,
    Result<Duration, TaskError>,
) {
    let at = Duration::from_secs(1);
    let held = acquire().await;
    let holder = spawn(async move {
        sleep(at).await;
        drop(held);
    });
    yield_now().await; // the holder's timer is set first
    let acquire = Rc::new(acquire);
    let waiter = spawn({
        let acquire = Rc::clone(&acquire);
        async move { wait_for(acquire(), at).await }
    });
    let next = spawn(async move {
        let _held = acquire().await;
        now()
    });
    holder.await.unwrap();
    let timed_out = waiter.await.unwrap();
    (timed_out, next.await)
}

#[test]
fn a_semaphore_waiter_woken_then_timed_out_passes_the_permit_on() {
    let sem = Semaphore::new(1);
    let (timed_out, next) = run({
        let sem = sem.clone();
        woken_then_timed_out(move || sem.acquire())
    });
    assert!(matches!(timed_out, Err(Elapsed)), "the waiter timed out");
    assert_eq!(next, Ok(Duration::from_secs(1)));
    assert_eq!((sem.available(), sem.is_locked()), (1, false));
}

#[test]
fn a_lock_waiter_woken_then_timed_out_passes_the_lock_on() {
    let lock = Lock::new();
    let (timed_out, next) = run({
        let lock = lock.clone();
        woken_then_timed_out(move || lock.acquire())
    });
    assert!(matches!(timed_out, Err(Elapsed)), "the waiter timed out");
    assert_eq!(next, Ok(Duration::from_secs(1)));
    assert!(!lock.is_locked());
}

#[test]
fn a_waiter_timed_out_before_a_release_leaves_the_queue_and_takes_nothing() {
    let sem = Semaphore::new(1);
    let (first, second) = run({
        let sem = sem.clone();
        async move {
            let held = sem.acquire().await;
            let first = wait_for(sem.acquire(), Duration::from_secs(1)).await;
            let second = spawn({
                let sem = sem.clone();
                async move {
                    let _held = sem.acquire().await;
                    now()
                }
            });
            sleep(Duration::from_secs(1)).await; // now 2 s
            drop(held);
            (first.map(drop), second.await)
        }
    });
    assert_eq!(first, Err(Elapsed));
    assert_eq!(second, Ok(Duration::from_secs(2)));
    assert_eq!(sem.available(), 1);
}

#[test]
fn a_newcomer_with_a_time_limit_gets_the_permit_released_behind_a_woken_waiter() {
    let sem = Semaphore::new(2);
    let got = run({
        let sem = sem.clone();
        async move {
            let a = sem.acquire().await;
            let b = sem.acquire().await;
            let c = spawn({
                let sem = sem.clone();
                async move { drop(sem.acquire().await) }
            });
            yield_now().await; // c queues
            drop(a); // taken for c
            drop(b); // free, but c is queued ahead of a newcomer
            let got = wait_for(sem.acquire(), Duration::from_secs(10)).await;
            c.await.unwrap();
            (matches!(got, Ok(Ok(_))), now())
        }
    });
    assert_eq!(got, (true, Duration::ZERO));
    assert_eq!(sem.available(), 2);
}

fn run<T: 'static>(future: impl Future<Output = T> + 'static) -> T {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .run_until_complete(future)
        .expect("the test's main task finishes")
}
