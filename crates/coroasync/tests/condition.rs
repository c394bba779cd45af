//! `Condition` against asyncio 3.11: the wake order of `notify(n)` and
//! `notify_all` (a Python program in `toolbox/` and its Rust twin print the same
//! lines), cancellation and time limits while waiting.

#[path = "toolbox/twin.rs"]
mod twin;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Condition, EventLoop, Lock, TaskError, gather, say, sleep, spawn, wait_for, yield_now,
};
use twin::assert_twin;

fn py(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

#[test]
fn notify_wakes_the_oldest_waiters_and_each_runs_with_the_lock() {
    assert_twin("condition_order", async {
        let cond = Condition::new();
        let items = Rc::new(RefCell::new(Vec::new()));
        let waiter = |name: &'static str| {
            let cond = cond.clone();
            async move {
                let guard = cond.acquire().await;
                say!("{name} waits");
                let guard = guard.wait().await;
                say!("{name} woken, locked {}", py(cond.is_locked()));
                yield_now().await;
                say!("{name} releases");
                drop(guard);
            }
        };
        let mut tasks: Vec<_> = ["a", "b", "c", "d"].map(|n| spawn(waiter(n))).into();
        tasks.push(spawn({
            let (cond, items) = (cond.clone(), items.clone());
            async move {
                let guard = cond.acquire().await;
                let _guard = guard.wait_for(|| items.borrow().len() >= 2).await;
                say!("consumer sees {} items", items.borrow().len());
            }
        }));
        yield_now().await;
        let guard = cond.acquire().await;
        guard.notify(2);
        say!("notified two");
        yield_now().await;
        say!("notifier releases");
        drop(guard);
        yield_now().await;
        let guard = cond.acquire().await;
        items.borrow_mut().push(1);
        guard.notify_all();
        say!("notified all, locked {}", py(cond.is_locked()));
        drop(guard);
        yield_now().await;
        let guard = cond.acquire().await;
        items.borrow_mut().push(2);
        guard.notify_all();
        say!("notified all again");
        drop(guard);
        gather(tasks).await.unwrap();
        say!("done, locked {}", py(cond.is_locked()));
    });
}

#[test]
fn a_waiter_cancelled_leaves_the_lock_free_and_the_list_empty() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let cond = Condition::new();
        let waiter = spawn({
            let cond = cond.clone();
            async move {
                let guard = cond.acquire().await;
                let _guard = guard.wait().await;
                "never notified"
            }
        });
        yield_now().await;
        assert!(!cond.is_locked(), "the waiter released the lock to wait");
        let guard = cond.acquire().await;
        assert!(waiter.cancel());
        yield_now().await;
        // A notification now finds nobody: the cancelled waiter left the list.
        guard.notify(1);
        drop(guard);
        assert_eq!(waiter.await, Err(TaskError::Cancelled));
        assert!(!cond.is_locked());
    })
    .unwrap();
}

#[test]
fn a_notified_waiter_cancelled_before_it_runs_loses_the_notification() {
    // asyncio 3.11: the future was set, the task is cancelled at `await fut`,
    // and nobody else is woken in its place.
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let cond = Condition::new();
        let woken = Rc::new(RefCell::new(Vec::new()));
        let waiter = |name: &'static str| {
            let (cond, woken) = (cond.clone(), woken.clone());
            spawn(async move {
                let guard = cond.acquire().await;
                let _guard = guard.wait().await;
                woken.borrow_mut().push(name);
            })
        };
        let (first, second) = (waiter("first"), waiter("second"));
        yield_now().await;
        let guard = cond.acquire().await;
        guard.notify(1);
        first.cancel();
        drop(guard);
        assert_eq!(first.await, Err(TaskError::Cancelled));
        sleep(Duration::from_secs(1)).await;
        assert!(woken.borrow().is_empty());
        assert!(!second.is_done());
        cond.acquire().await.notify_all();
        second.await.unwrap();
        assert_eq!(*woken.borrow(), ["second"]);
    })
    .unwrap();
}

#[test]
fn wait_timeout_takes_the_lock_back_notified_or_not() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let lock = Lock::new();
        let cond = Condition::with_lock(&lock);
        let guard = cond.acquire().await;
        assert!(lock.is_locked());
        let (guard, notified) = guard.wait_timeout(Duration::from_secs(1)).await;
        assert!(!notified);
        assert!(lock.is_locked(), "held again after the time limit");
        let notifier = spawn({
            let cond = cond.clone();
            async move { cond.acquire().await.notify(1) }
        });
        let (guard, notified) = guard.wait_timeout(Duration::from_secs(1)).await;
        assert!(notified);
        assert!(lock.is_locked());
        drop(guard);
        notifier.await.unwrap();
        assert!(!lock.is_locked());
    })
    .unwrap();
}

#[test]
fn wait_for_a_timed_out_condition_wait_leaves_no_waiter() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let cond = Condition::new();
        let guard = cond.acquire().await;
        let late = wait_for(guard.wait(), Duration::from_secs(1)).await;
        assert!(late.is_err());
        assert!(!cond.is_locked());
        // The wait that timed out is gone: a later waiter gets the notification.
        let waiter = spawn({
            let cond = cond.clone();
            async move { drop(cond.acquire().await.wait().await) }
        });
        yield_now().await;
        cond.acquire().await.notify(1);
        waiter.await.unwrap();
    })
    .unwrap();
}
