//! Cancellation against asyncio 3.11: a task cancelled in the same step as a
//! release, a put or a get, and a task cancelled while it awaits `gather`,
//! `wait_for`, `shield`, `wait`, `as_completed` or a `TaskGroup`. Each program
//! exists twice, as Python (`cancel_order/NAME.py`, run with python3) and as its
//! Rust twin below, and both must print the same lines. The helpers the twins
//! share here (`child`, `ticker`, `cancel_after_two_hops`) have their Python
//! twins in `cancel_order/common.py`. Python's
//! `except CancelledError: print(...); raise` is an [`OnCancel`] guard here: Rust
//! code cannot catch a cancellation, it runs its clean-up when dropped.

use std::future::Future;
use std::time::Duration;

use coroasync::{
    Condition, Lock, Queue, ReturnWhen, Semaphore, TaskError, TaskGroup, as_completed,
    current_task, gather, gather_settled, say, shield, sleep, spawn, wait, wait_for, yield_now,
};

#[path = "toolbox/twin.rs"]
mod twin;

/// Runs `cancel_order/NAME.py` and its Rust twin, and compares their lines.
fn assert_twin<F: Future<Output = ()> + 'static>(name: &str, main: F) {
    twin::assert_twin_in("cancel_order", name, main);
}

/// A flag as Python prints it.
fn py(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

/// Runs its closure if dropped before [`OnCancel::disarm`], as a cancellation drops
/// it: the twin of Python's `except CancelledError: print(...); raise`.
struct OnCancel<F: FnOnce()>(Option<F>);

impl<F: FnOnce()> OnCancel<F> {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl<F: FnOnce()> Drop for OnCancel<F> {
    fn drop(&mut self) {
        if let Some(said) = self.0.take() {
            said();
        }
    }
}

/// Prints `NAME cleans up` if dropped before it is disarmed.
fn cleans_up(name: &'static str) -> OnCancel<impl FnOnce()> {
    OnCancel(Some(move || say!("{name} cleans up")))
}

async fn hops(n: usize) {
    for _ in 0..n {
        yield_now().await;
    }
}

/// Prints `hop N` and yields, `n` times.
async fn ticker(n: usize, show: impl Fn() -> String) {
    for hop in 0..n {
        say!("hop {hop}{}", show());
        yield_now().await;
    }
}

#[test]
fn semaphore_cancelled_then_released() {
    async fn waiter(sem: Semaphore, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let sem = sem.clone();
            OnCancel(Some(move || {
                say!("{name} cancelled, value {}", sem.available())
            }))
        };
        let permit = sem.acquire().await;
        cancelled.disarm();
        say!("{name} got it, value {}", sem.available());
        drop(permit);
    }
    assert_twin("semaphore_cancelled_then_released", async {
        let sem = Semaphore::new(1);
        let held = sem.acquire().await;
        let a = spawn(waiter(sem.clone(), "a"));
        let b = spawn(waiter(sem.clone(), "b"));
        yield_now().await;
        a.cancel();
        drop(held);
        let state = {
            let sem = sem.clone();
            move || {
                format!(
                    ": value {}, locked {}",
                    sem.available(),
                    py(sem.is_locked())
                )
            }
        };
        say!("released{}", state());
        let t = spawn(ticker(3, state.clone()));
        gather_settled([a, b, t]).await;
        say!("end{}", state());
    });
}

#[test]
fn semaphore_locked_with_cancelled_waiter() {
    async fn waiter(sem: Semaphore, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let sem = sem.clone();
            OnCancel(Some(move || {
                say!(
                    "{name} cancelled, value {}, locked {}",
                    sem.available(),
                    py(sem.is_locked())
                )
            }))
        };
        let permit = sem.acquire().await;
        cancelled.disarm();
        say!("{name} got it");
        drop(permit);
    }
    assert_twin("semaphore_locked_with_cancelled_waiter", async {
        let sem = Semaphore::new(1);
        let held = sem.acquire().await;
        let a = spawn(waiter(sem.clone(), "a"));
        yield_now().await;
        a.cancel();
        let state = || format!("value {}, locked {}", sem.available(), py(sem.is_locked()));
        say!("cancelled: {}", state());
        drop(held);
        say!("released: {}", state());
        let again = sem.acquire().await;
        say!("main took it at once: {}", state());
        gather_settled([a]).await;
        drop(again);
        say!("end: {}", state());
    });
}

#[test]
fn semaphore_self_cancelled_waiter() {
    async fn self_cancelling(sem: Semaphore) {
        if let Some(me) = current_task() {
            me.cancel();
        }
        say!("a cancelled itself and waits");
        let cancelled = {
            let sem = sem.clone();
            OnCancel(Some(move || {
                say!(
                    "a cancelled, value {}, locked {}",
                    sem.available(),
                    py(sem.is_locked())
                )
            }))
        };
        let permit = sem.acquire().await;
        cancelled.disarm();
        say!("a got it");
        drop(permit);
    }
    async fn newcomer(sem: Semaphore) {
        yield_now().await;
        say!(
            "b comes: value {}, locked {}",
            sem.available(),
            py(sem.is_locked())
        );
        let permit = sem.acquire().await;
        say!("b got it");
        drop(permit);
    }
    assert_twin("semaphore_self_cancelled_waiter", async {
        let sem = Semaphore::new(1);
        let held = sem.acquire().await;
        let a = spawn(self_cancelling(sem.clone()));
        yield_now().await;
        let state = || format!("value {}, locked {}", sem.available(), py(sem.is_locked()));
        say!("after a's step: {}", state());
        let b = spawn(newcomer(sem.clone()));
        drop(held);
        say!("released: {}", state());
        gather_settled([a, b]).await;
        say!("end: {}", state());
    });
}

async fn lock_worker(lock: Lock, name: &'static str, hold: bool) {
    say!("{name} waits");
    let cancelled = {
        let lock = lock.clone();
        OnCancel(Some(move || {
            say!("{name} cancelled, locked {}", py(lock.is_locked()))
        }))
    };
    let guard = lock.acquire().await;
    cancelled.disarm();
    say!("{name} holds it");
    if hold {
        yield_now().await;
        drop(guard);
        say!("{name} let go, locked {}", py(lock.is_locked()));
    }
}

#[test]
fn lock_cancelled_then_released() {
    assert_twin("lock_cancelled_then_released", async {
        let lock = Lock::new();
        let held = lock.acquire().await;
        let a = spawn(lock_worker(lock.clone(), "a", true));
        let b = spawn(lock_worker(lock.clone(), "b", true));
        yield_now().await;
        a.cancel();
        drop(held);
        say!("main let go, locked {}", py(lock.is_locked()));
        let t = spawn(ticker(4, {
            let lock = lock.clone();
            move || format!(": locked {}", py(lock.is_locked()))
        }));
        gather_settled([a, b, t]).await;
        say!("end: locked {}", py(lock.is_locked()));
    });
}

#[test]
fn lock_newcomer_after_cancel() {
    assert_twin("lock_newcomer_after_cancel", async {
        let lock = Lock::new();
        let held = lock.acquire().await;
        let a = spawn(lock_worker(lock.clone(), "a", false));
        yield_now().await;
        a.cancel();
        drop(held);
        say!("main let go, locked {}", py(lock.is_locked()));
        let again = lock.acquire().await;
        say!("main holds it again, locked {}", py(lock.is_locked()));
        gather_settled([a]).await;
        drop(again);
        say!("end: locked {}", py(lock.is_locked()));
    });
}

#[test]
fn queue_getter_cancelled_then_put() {
    async fn getter(q: Queue<&'static str>, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let q = q.clone();
            OnCancel(Some(move || say!("{name} cancelled, qsize {}", q.qsize())))
        };
        let item = q.get().await;
        cancelled.disarm();
        say!("{name} got {item}");
    }
    assert_twin("queue_getter_cancelled_then_put", async {
        let q = Queue::unbounded();
        let g1 = spawn(getter(q.clone(), "g1"));
        let g2 = spawn(getter(q.clone(), "g2"));
        yield_now().await;
        g1.cancel();
        q.put_nowait("x").unwrap();
        say!("put: qsize {}", q.qsize());
        let t = spawn(ticker(3, {
            let q = q.clone();
            move || format!(": qsize {}", q.qsize())
        }));
        gather_settled([g1, g2, t]).await;
        say!("end: qsize {}", q.qsize());
    });
}

#[test]
fn queue_putter_cancelled_then_get() {
    async fn putter(q: Queue<&'static str>, name: &'static str) {
        say!("{name} waits");
        let cancelled = {
            let q = q.clone();
            OnCancel(Some(move || say!("{name} cancelled, qsize {}", q.qsize())))
        };
        q.put(name).await;
        cancelled.disarm();
        say!("{name} put, qsize {}", q.qsize());
    }
    assert_twin("queue_putter_cancelled_then_get", async {
        let q = Queue::bounded(1);
        q.put_nowait("first").unwrap();
        let p1 = spawn(putter(q.clone(), "p1"));
        let p2 = spawn(putter(q.clone(), "p2"));
        yield_now().await;
        p1.cancel();
        say!("got {}, qsize {}", q.get_nowait().unwrap(), q.qsize());
        let t = spawn(ticker(3, {
            let q = q.clone();
            move || format!(": qsize {}", q.qsize())
        }));
        gather_settled([p1, p2, t]).await;
        say!("end: qsize {}, next {}", q.qsize(), q.get_nowait().unwrap());
    });
}

#[test]
fn condition_cancelled_then_notified() {
    async fn waiter(cond: Condition, name: &'static str) {
        let guard = cond.acquire().await;
        say!("{name} waits");
        let cancelled = OnCancel(Some(move || say!("{name} cancelled")));
        let _guard = guard.wait().await;
        cancelled.disarm();
        say!("{name} notified");
    }
    assert_twin("condition_cancelled_then_notified", async {
        let cond = Condition::new();
        let w1 = spawn(waiter(cond.clone(), "w1"));
        let w2 = spawn(waiter(cond.clone(), "w2"));
        yield_now().await;
        {
            let guard = cond.acquire().await;
            w1.cancel();
            guard.notify(1);
            say!("notified one");
        }
        let t = spawn(ticker(3, String::new));
        gather_settled([w1, w2, t]).await;
        say!("end: locked {}", py(cond.is_locked()));
    });
}

async fn child(name: &'static str, n: usize) {
    let guard = cleans_up(name);
    say!("{name} starts");
    hops(n).await;
    say!("{name} done");
    guard.disarm();
}

/// Spawns `parent`, lets it run two hops, cancels it with a ticker alongside,
/// and reports how it ended.
async fn cancel_after_two_hops(parent: impl Future<Output = ()> + 'static, who: &str) {
    let task = spawn(parent);
    yield_now().await;
    yield_now().await;
    say!("cancelling {who}");
    task.cancel();
    let t = spawn(ticker(5, String::new));
    if let Err(TaskError::Cancelled) = task.await {
        say!("main sees {who} cancelled");
    }
    t.await.unwrap();
}

#[test]
fn gather_cancelled() {
    assert_twin(
        "gather_cancelled",
        cancel_after_two_hops(
            async {
                let guard = cleans_up("parent");
                say!("parent gathers");
                gather([child("c1", 10), child("c2", 10)]).await.unwrap();
                say!("parent done");
                guard.disarm();
            },
            "the parent",
        ),
    );
}

#[test]
fn gather_self_cancelled() {
    assert_twin("gather_self_cancelled", async {
        let task = spawn(async {
            let guard = cleans_up("parent");
            let c1 = spawn(child("c1", 10));
            let c2 = spawn(child("c2", 10));
            yield_now().await;
            if let Some(me) = current_task() {
                me.cancel();
            }
            say!("parent cancelled itself and gathers");
            gather([c1, c2]).await.unwrap();
            say!("parent done");
            guard.disarm();
        });
        let t = spawn(ticker(5, String::new));
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees the parent cancelled");
        }
        t.await.unwrap();
    });
}

#[test]
fn self_cancelled_then_returns() {
    assert_twin("self_cancelled_then_returns", async {
        let task = spawn(async {
            if let Some(me) = current_task() {
                me.cancel();
            }
            say!("cancelled itself, returns 5");
            5
        });
        let handle = task.to_ref();
        match task.await {
            Ok(value) => say!("got {value}"),
            Err(_) => say!("cancelled: {}", py(handle.is_cancelled())),
        }
    });
}

#[test]
fn await_task_cancelled() {
    assert_twin(
        "await_task_cancelled",
        cancel_after_two_hops(
            async {
                let guard = cleans_up("parent");
                let c = spawn(child("c", 10));
                say!("parent awaits c");
                c.await.unwrap();
                say!("parent done");
                guard.disarm();
            },
            "the parent",
        ),
    );
}

#[test]
fn gather_cancelled_after_child_finished() {
    assert_twin("gather_cancelled_after_child_finished", async {
        let c = spawn(async { say!("child runs and finishes") });
        let p = spawn(async move {
            let guard = cleans_up("parent");
            say!("parent gathers");
            gather([c]).await.unwrap();
            say!("parent done");
            guard.disarm();
        });
        yield_now().await;
        say!("cancelling the parent");
        p.cancel();
        let t = spawn(ticker(4, String::new));
        if let Err(TaskError::Cancelled) = p.await {
            say!("main sees the parent cancelled");
        }
        t.await.unwrap();
    });
}

#[test]
fn wait_for_cancelled() {
    assert_twin(
        "wait_for_cancelled",
        cancel_after_two_hops(
            async {
                let guard = cleans_up("outer");
                say!("outer waits");
                let inner = async {
                    let guard = cleans_up("inner");
                    say!("inner starts");
                    hops(10).await;
                    say!("inner done");
                    guard.disarm();
                };
                let secs = std::time::Duration::from_secs(10);
                wait_for(inner, secs).await.unwrap().unwrap();
                say!("outer done");
                guard.disarm();
            },
            "outer",
        ),
    );
}

#[test]
fn wait_for_cancelled_after_inner_finished() {
    assert_twin("wait_for_cancelled_after_inner_finished", async {
        let task = spawn(async {
            let guard = cleans_up("outer");
            let inner = async {
                say!("inner runs and finishes");
                7
            };
            let got = wait_for(inner, Duration::from_secs(10))
                .await
                .unwrap()
                .unwrap();
            say!("outer got {got} and runs on");
            yield_now().await;
            say!("outer done");
            guard.disarm();
        });
        yield_now().await;
        yield_now().await;
        say!("cancelling outer");
        say!("cancel() says {}", py(task.cancel()));
        let handle = task.to_ref();
        match task.await {
            Ok(()) => say!(
                "main sees outer done, cancelled {}",
                py(handle.is_cancelled())
            ),
            Err(_) => say!("main sees outer cancelled"),
        }
    });
}

#[test]
fn wait_for_cancelled_while_timing_out() {
    assert_twin("wait_for_cancelled_while_timing_out", async {
        let task = spawn(async {
            let guard = cleans_up("outer");
            let inner = async {
                let guard = cleans_up("inner");
                say!("inner starts");
                sleep(Duration::from_secs(10)).await;
                say!("inner done");
                guard.disarm();
            };
            match wait_for(inner, Duration::from_secs(1)).await {
                Ok(_) => say!("outer done"),
                Err(_) => say!("outer timed out"),
            }
            guard.disarm();
        });
        yield_now().await;
        let t = spawn(async {
            sleep(Duration::from_secs(1)).await;
            ticker(6, String::new).await;
        });
        sleep(Duration::from_secs(1)).await;
        say!("cancelling outer");
        task.cancel();
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees outer cancelled");
        }
        t.await.unwrap();
    });
}

#[test]
fn task_group_cancelled() {
    assert_twin(
        "task_group_cancelled",
        cancel_after_two_hops(
            async {
                let guard = cleans_up("parent");
                let group = TaskGroup::new();
                group.spawn(child("c1", 10));
                group.spawn(child("c2", 10));
                say!("parent waits for its group");
                group.join().await.unwrap();
                say!("parent done");
                guard.disarm();
            },
            "the parent",
        ),
    );
}

#[test]
fn shield_cancelled() {
    assert_twin("shield_cancelled", async {
        let inner = spawn(async {
            say!("inner starts");
            hops(3).await;
            say!("inner done");
            7
        });
        let shielded = shield(&inner);
        let task = spawn({
            async move {
                let guard = cleans_up("outer");
                say!("outer waits");
                shielded.await.unwrap();
                say!("outer done");
                guard.disarm();
            }
        });
        yield_now().await;
        say!("cancelling outer");
        task.cancel();
        let t = spawn(ticker(5, String::new));
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees outer cancelled");
        }
        say!("inner gave {}", inner.await.unwrap());
        t.await.unwrap();
    });
}

async fn quiet_child(name: &'static str, n: usize) -> &'static str {
    let guard = cleans_up(name);
    hops(n).await;
    say!("{name} done");
    guard.disarm();
    name
}

#[test]
fn wait_cancelled() {
    assert_twin("wait_cancelled", async {
        let a = spawn(quiet_child("a", 2));
        let b = spawn(quiet_child("b", 4));
        let task = spawn({
            let tasks = [a.to_ref(), b.to_ref()];
            async move {
                let guard = cleans_up("outer");
                say!("outer waits");
                wait(tasks, ReturnWhen::AllCompleted, None).await.unwrap();
                say!("outer done");
                guard.disarm();
            }
        });
        yield_now().await;
        say!("cancelling outer");
        task.cancel();
        let t = spawn(ticker(5, String::new));
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees outer cancelled");
        }
        t.await.unwrap();
    });
}

#[test]
fn as_completed_cancelled() {
    assert_twin("as_completed_cancelled", async {
        let a = spawn(quiet_child("a", 1));
        let b = spawn(quiet_child("b", 6));
        // Given away to `as_completed`: main awaits the ticker, which outlives them.
        let task = spawn(async move {
            let guard = cleans_up("outer");
            say!("outer waits");
            let mut results = as_completed([a, b]);
            while let Some(result) = results.next().await {
                say!("outer got {}", result.unwrap());
            }
            say!("outer done");
            guard.disarm();
        });
        let t = spawn(ticker(8, String::new));
        hops(5).await;
        say!("cancelling outer");
        task.cancel();
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees outer cancelled");
        }
        t.await.unwrap();
    });
}

async fn work_hops(name: &'static str, n: usize) -> &'static str {
    let guard = cleans_up(name);
    hops(n).await;
    say!("{name} done");
    guard.disarm();
    name
}

#[test]
fn nested_cancelled() {
    async fn timed() {
        let guard = cleans_up("timed");
        let secs = std::time::Duration::from_secs(10);
        wait_for(work_hops("inner", 10), secs)
            .await
            .unwrap()
            .unwrap();
        guard.disarm();
    }
    async fn shielded(work: coroasync::Shield<&'static str>) {
        let guard = cleans_up("shielded");
        work.await.unwrap();
        guard.disarm();
    }
    assert_twin("nested_cancelled", async {
        let work = spawn(work_hops("work", 6));
        let shielded_work = shield(&work);
        let task = spawn(async move {
            let guard = cleans_up("parent");
            say!("parent gathers");
            coroasync::gather!(timed(), shielded(shielded_work))
                .await
                .unwrap();
            guard.disarm();
        });
        yield_now().await;
        yield_now().await;
        say!("cancelling the parent");
        task.cancel();
        let t = spawn(ticker(8, String::new));
        if let Err(TaskError::Cancelled) = task.await {
            say!("main sees the parent cancelled");
        }
        say!("work gave {}", work.await.unwrap());
        t.await.unwrap();
    });
}
