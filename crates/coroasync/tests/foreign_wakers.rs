//! A task waiting on a future from outside coroasync, woken by a thread of the
//! user's own: while that thread holds the task's waker, the task is not stuck.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use coroasync::{EventLoop, RunError, Trace};

/// A future that lends its waker to a thread of its own and is ready when that
/// thread has left a value.
struct FromThread {
    value: Arc<Mutex<Option<u32>>>,
    lend: Option<mpsc::Sender<Waker>>,
}

impl Future for FromThread {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if let Some(value) = self.value.lock().unwrap().take() {
            return Poll::Ready(value);
        }
        if let Some(lend) = self.lend.take() {
            lend.send(cx.waker().clone()).unwrap();
        }
        Poll::Pending
    }
}

/// A `FromThread` whose thread, `after` a while, either leaves `value` and wakes
/// the task, or (with `None`) drops the waker unused.
fn from_thread(value: Option<u32>, after: Duration) -> FromThread {
    let slot = Arc::new(Mutex::new(None));
    let (lend, lent) = mpsc::channel::<Waker>();
    let theirs = Arc::clone(&slot);
    thread::spawn(move || {
        let waker = lent.recv().unwrap();
        // Long enough for the loop to run out of work first, which is the case
        // under test; the outcome does not depend on it.
        thread::sleep(after);
        if let Some(value) = value {
            *theirs.lock().unwrap() = Some(value);
            waker.wake();
        }
    });
    FromThread {
        value: slot,
        lend: Some(lend),
    }
}

fn quiet_loop() -> EventLoop {
    EventLoop::new()
        .with_trace(Trace::off())
        .with_diagnostics_on_stderr(false)
}

#[test]
fn a_task_woken_by_a_thread_of_its_own_is_not_called_deadlocked() {
    let value = quiet_loop().run_until_complete(from_thread(Some(7), Duration::from_millis(100)));
    assert_eq!(value, Ok(7));
}

#[test]
fn the_same_on_the_virtual_clock() {
    let value = EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .run_until_complete(from_thread(Some(7), Duration::from_millis(100)));
    assert_eq!(value, Ok(7));
}

#[test]
fn a_task_whose_lent_waker_is_dropped_unused_is_deadlocked() {
    let outcome = quiet_loop().run_until_complete(from_thread(None, Duration::from_millis(50)));
    let Err(RunError::Deadlock(report)) = outcome else {
        panic!("expected a deadlock, got {outcome:?}");
    };
    assert_eq!(report.blocked.len(), 1);
    assert_eq!(report.blocked[0].waiting_on, "a future outside coroasync");
}

#[test]
fn a_task_that_never_lent_its_waker_is_deadlocked_at_once() {
    let outcome = quiet_loop().run_until_complete(std::future::pending::<()>());
    assert!(matches!(outcome, Err(RunError::Deadlock(_))));
}
