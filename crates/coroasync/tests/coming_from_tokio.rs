//! The names and shapes a tokio user reaches for: `timeout` that spawns nothing,
//! `Queue::bounded`/`unbounded`, `Semaphore::try_acquire`, errors that chain, and
//! misuse panics that name the caller's line.

use std::cell::{Cell, RefCell};
use std::error::Error;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe, Location};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use coroasync::{
    Elapsed, Event, EventLoop, Queue, RunError, Semaphore, TaskError, TaskGroup, all_tasks, now,
    sleep, spawn, spawn_named, timeout, yield_now,
};

/// Notes the loop's time when dropped, to see when `timeout` let go of a future.
struct DropClock(Rc<Cell<Option<Duration>>>);

impl Drop for DropClock {
    fn drop(&mut self) {
        self.0.set(Some(now()));
    }
}

#[test]
fn timeout_hands_back_the_output_of_a_future_that_finishes_in_time() {
    let lp = EventLoop::with_virtual_clock();
    let got = lp.run_until_complete(async {
        let word = String::from("borrowed");
        // Borrows `word`: nothing is spawned, so nothing needs 'static.
        timeout(Duration::from_secs(5), async {
            sleep(Duration::from_secs(1)).await;
            word.as_str().len()
        })
        .await
    });
    assert_eq!(got, Ok(Ok(8)));
    assert_eq!(lp.now(), Duration::from_secs(1));
}

#[test]
fn timeout_spawns_no_task() {
    let lp = EventLoop::with_virtual_clock();
    let tasks = lp.run_until_complete(async {
        timeout(Duration::from_secs(1), async { all_tasks().len() }).await
    });
    assert_eq!(tasks, Ok(Ok(1)), "only the main task exists");
}

#[test]
fn timeout_drops_the_future_when_the_time_runs_out() {
    let lp = EventLoop::with_virtual_clock();
    let dropped_at = Rc::new(Cell::new(None));
    let clock = Rc::clone(&dropped_at);
    let got = lp.run_until_complete(async move {
        let outcome = timeout(Duration::from_secs(2), async move {
            let _guard = DropClock(clock);
            sleep(Duration::from_secs(10)).await;
        })
        .await;
        (outcome, now())
    });
    assert_eq!(got, Ok((Err(Elapsed), Duration::from_secs(2))));
    assert_eq!(dropped_at.get(), Some(Duration::from_secs(2)));
    // The inner sleep's timer went with the future: the loop did not run on to 10 s.
    assert_eq!(lp.now(), Duration::from_secs(2));
}

#[test]
fn a_future_ready_when_the_time_runs_out_wins() {
    let lp = EventLoop::with_virtual_clock();
    let got = lp.run_until_complete(async {
        timeout(Duration::from_secs(1), sleep(Duration::from_secs(1))).await
    });
    assert_eq!(got, Ok(Ok(())));
}

#[test]
fn a_timeout_of_duration_max_never_fires() {
    let lp = EventLoop::with_virtual_clock();
    let got = lp.run_until_complete(async {
        timeout(Duration::MAX, sleep(Duration::from_secs(3600))).await
    });
    assert_eq!(got, Ok(Ok(())));
    assert_eq!(lp.now(), Duration::from_secs(3600));
}

#[test]
fn a_deadlock_under_an_endless_timeout_names_what_the_future_waits_on() {
    let lp = EventLoop::with_virtual_clock();
    let got = lp.run_until_complete(async {
        let never = Event::new();
        timeout(Duration::MAX, never.wait()).await
    });
    let Err(RunError::Deadlock(report)) = got else {
        panic!("expected a deadlock, got {got:?}");
    };
    assert_eq!(report.blocked.len(), 1);
    assert_eq!(report.blocked[0].waiting_on, "Event.wait");
}

#[test]
fn dropping_a_timeout_drops_its_future() {
    let lp = EventLoop::with_virtual_clock();
    let dropped_at = Rc::new(Cell::new(None));
    let clock = Rc::clone(&dropped_at);
    let task_result = lp.run_until_complete(async move {
        let waiter = spawn(timeout(Duration::from_secs(60), async move {
            let _guard = DropClock(clock);
            sleep(Duration::from_secs(30)).await;
        }));
        sleep(Duration::from_secs(3)).await;
        waiter.cancel();
        waiter.await
    });
    assert_eq!(task_result, Ok(Err(TaskError::Cancelled)));
    assert_eq!(dropped_at.get(), Some(Duration::from_secs(3)));
}

#[test]
fn a_bounded_queue_makes_a_put_wait_and_an_unbounded_one_never() {
    let lp = EventLoop::with_virtual_clock();
    let order = lp.run_until_complete(async {
        let order = Rc::new(RefCell::new(Vec::new()));
        let queue = Queue::bounded(1);
        let producer = spawn({
            let (queue, order) = (queue.clone(), Rc::clone(&order));
            async move {
                for i in 0..2 {
                    queue.put(i).await;
                    order.borrow_mut().push(format!("put {i}"));
                }
            }
        });
        yield_now().await;
        order.borrow_mut().push("full".to_string());
        let first = queue.get().await;
        order.borrow_mut().push(format!("got {first}"));
        producer.await.unwrap();
        Rc::try_unwrap(order).unwrap().into_inner()
    });
    assert_eq!(order.unwrap(), ["put 0", "full", "got 0", "put 1"]);

    let unbounded = Queue::unbounded();
    assert_eq!(unbounded.maxsize(), 0);
    for i in 0..10_000 {
        unbounded.put_nowait(i).unwrap();
    }
    assert!(!unbounded.is_full());
    assert_eq!(Queue::<u8>::bounded(3).maxsize(), 3);
}

#[test]
fn try_acquire_takes_a_free_permit_and_never_barges() {
    let lp = EventLoop::with_virtual_clock();
    let got = lp.run_until_complete(async {
        let slots = Semaphore::new(1);
        let held = slots.try_acquire().expect("the one permit is free");
        assert_eq!(slots.available(), 0);
        assert!(slots.try_acquire().is_none());
        let waiter = spawn({
            let slots = slots.clone();
            async move { drop(slots.acquire().await) }
        });
        yield_now().await; // the waiter queues
        drop(held); // the permit goes to the waiter, not to a newcomer
        let barged = slots.try_acquire().is_some();
        waiter.await.unwrap();
        let after = slots.try_acquire().is_some();
        (barged, after)
    });
    assert_eq!(got, Ok((false, true)));
}

#[test]
fn run_errors_chain_to_what_they_wrap() {
    let lp = EventLoop::with_virtual_clock();
    let failed = lp
        .run_until_complete(async { Event::new().wait().await })
        .unwrap_err();
    let source = failed.source().expect("a deadlock is the source");
    assert!(source.to_string().starts_with("deadlock:"), "{source}");

    let lp = EventLoop::with_virtual_clock();
    let failed = lp.run_until_complete(async { panic!("ouch") }).unwrap_err();
    assert_eq!(
        failed.source().map(ToString::to_string),
        Some(TaskError::Panicked("ouch".into()).to_string())
    );
}

thread_local! {
    /// Where the last panic on this thread happened, as the panic hook saw it.
    static PANIC_AT: RefCell<Option<(String, u32)>> = const { RefCell::new(None) };
}

/// Runs `$e`, which must panic, and gives the panic's line and message beside
/// the line `$e` is written on.
macro_rules! panic_at {
    ($e:expr) => {{
        let line = line!();
        let payload = panic::catch_unwind(AssertUnwindSafe(|| $e))
            .map(|_| ())
            .unwrap_err();
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let (file, at) = PANIC_AT.with(|at| at.borrow_mut().take()).expect("a panic");
        (file, at, line, message)
    }};
}

#[test]
fn misuse_panics_name_the_callers_line() {
    let previous = panic::take_hook();
    // The hook runs on the panicking thread: a thread-local keeps other tests'
    // panics out of this one's record.
    panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| (l.file().to_string(), l.line()));
        PANIC_AT.with(|slot| *slot.borrow_mut() = at);
    }));
    let here = Location::caller().file().to_string();
    let cases = [
        panic_at!(spawn(async {})),
        panic_at!(spawn_named("named", async {})),
        panic_at!(TaskGroup::new().spawn(async {})),
        panic_at!(Queue::<u8>::bounded(0)),
    ];
    let mut sleep_outside = sleep(Duration::from_secs(1));
    let sleep_line = line!() - 1;
    let mut cx = Context::from_waker(Waker::noop());
    let polled = panic::catch_unwind(AssertUnwindSafe(|| {
        let _: Poll<()> = Pin::new(&mut sleep_outside).poll(&mut cx);
    }));
    panic::set_hook(previous);

    for (file, at, line, message) in cases {
        assert_eq!((file.as_str(), at), (here.as_str(), line), "{message}");
    }
    let payload = polled.unwrap_err();
    let message = payload
        .downcast_ref::<String>()
        .expect("a formatted message");
    let expected = format!("{here}:{sleep_line}:");
    assert!(
        message.contains(&expected),
        "{message} should name {expected}"
    );
}
