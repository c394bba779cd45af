//! Wake-ups: from other threads, twice over, after the task or the loop is gone.

use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use coroasync::{EventLoop, Trace, to_thread, yield_now};

/// A future that hands its waker out once, then finishes when `done` is set.
struct Handoff {
    waker_out: Option<mpsc::Sender<Waker>>,
    done: Arc<Mutex<bool>>,
    polls: Arc<Mutex<u32>>,
}

impl Future for Handoff {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.polls.lock().unwrap() += 1;
        if let Some(out) = self.waker_out.take() {
            out.send(cx.waker().clone()).unwrap();
        }
        if *self.done.lock().unwrap() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

fn quiet_loop() -> EventLoop {
    EventLoop::new().with_trace(Trace::off())
}

#[test]
fn a_wake_from_another_thread_reaches_the_loop() {
    let (tx, rx) = mpsc::channel();
    let done = Arc::new(Mutex::new(false));
    let polls = Arc::new(Mutex::new(0));
    let lp = quiet_loop();
    let task = lp.spawn(Handoff {
        waker_out: Some(tx),
        done: Arc::clone(&done),
        polls: Arc::clone(&polls),
    });
    lp.tick().unwrap();
    let waker = rx.recv().unwrap();
    let waking = thread::spawn(move || {
        *done.lock().unwrap() = true;
        waker.wake();
    });
    waking.join().unwrap();
    // The wake arrived through the inbox; one pass picks it up.
    let tick = lp.tick().unwrap();
    assert_eq!(tick.woken, 1);
    assert!(task.is_done());
    assert_eq!(*polls.lock().unwrap(), 2);
}

#[test]
fn waking_twice_queues_the_task_once() {
    let (tx, rx) = mpsc::channel();
    let polls = Arc::new(Mutex::new(0));
    let lp = quiet_loop();
    let _task = lp.spawn(Handoff {
        waker_out: Some(tx),
        done: Arc::default(),
        polls: Arc::clone(&polls),
    });
    lp.tick().unwrap();
    let waker = rx.recv().unwrap();
    waker.wake_by_ref();
    waker.wake_by_ref();
    waker.wake();
    let tick = lp.tick().unwrap();
    assert_eq!(tick.polled, 1);
    assert_eq!(*polls.lock().unwrap(), 2);
}

#[test]
fn a_wake_after_the_task_finished_does_nothing() {
    let (tx, rx) = mpsc::channel();
    let done = Arc::new(Mutex::new(false));
    let lp = quiet_loop();
    let task = lp.spawn(Handoff {
        waker_out: Some(tx),
        done: Arc::clone(&done),
        polls: Arc::default(),
    });
    lp.tick().unwrap();
    let waker = rx.recv().unwrap();
    task.cancel();
    lp.tick().unwrap();
    assert!(task.is_cancelled());
    // The slot may hold another task by now; the stale wake must not run it.
    let other = lp.spawn(async {
        yield_now().await;
    });
    waker.wake();
    let tick = lp.tick().unwrap();
    assert_eq!(tick.polled, 1, "only the new task's own first step");
    assert!(!other.is_done());
}

#[test]
fn a_wake_after_the_loop_is_gone_does_nothing() {
    let (tx, rx) = mpsc::channel();
    let lp = quiet_loop();
    lp.spawn(Handoff {
        waker_out: Some(tx),
        done: Arc::default(),
        polls: Arc::default(),
    });
    lp.tick().unwrap();
    let waker = rx.recv().unwrap();
    drop(lp);
    thread::spawn(move || waker.wake()).join().unwrap();
}

#[test]
fn blocking_work_runs_on_another_thread_and_wakes_the_loop() {
    let loop_thread = thread::current().id();
    let (value, worker_thread) = quiet_loop()
        .run_until_complete(async { to_thread(|| (6 * 7, thread::current().id())).await })
        .unwrap()
        .unwrap();
    assert_eq!(value, 42);
    assert_ne!(worker_thread, loop_thread);
}

#[test]
fn a_panic_in_blocking_work_fails_that_work_alone() {
    let outcome = quiet_loop()
        .run_until_complete(async {
            let broken = to_thread(|| -> u8 { panic!("worker broke") }).await;
            let fine = to_thread(|| 1).await;
            (broken, fine)
        })
        .unwrap();
    assert_eq!(
        outcome,
        (
            Err(coroasync::TaskError::Panicked("worker broke".into())),
            Ok(1)
        )
    );
}

#[test]
fn the_thread_limit_holds() {
    // Four jobs submitted in one pass: without the limit, each would find no idle
    // worker and start a thread of its own.
    let lp = quiet_loop().with_max_threads(1);
    let threads = lp
        .run_until_complete(async {
            let jobs: Vec<_> = (0..4)
                .map(|_| coroasync::spawn(to_thread(|| thread::current().id())))
                .collect();
            let mut threads = Vec::new();
            for job in jobs {
                threads.push(job.await.unwrap().unwrap());
            }
            threads
        })
        .unwrap();
    assert!(threads.iter().all(|&id| id == threads[0]), "{threads:?}");
}

#[test]
fn what_blocking_work_says_reaches_the_trace_when_it_is_done() {
    let trace = Trace::capture();
    EventLoop::with_virtual_clock()
        .with_trace(trace.clone())
        .run_until_complete(async {
            coroasync::say!("before");
            to_thread(|| {
                coroasync::say!("> task starting");
                coroasync::say!("> task done");
            })
            .await
            .unwrap();
            coroasync::say!("after");
        })
        .unwrap();
    assert_eq!(
        trace.output(),
        "before\n> task starting\n> task done\nafter\n"
    );
}

#[test]
fn a_loop_that_parks_while_work_finishes_wakes_up() {
    // The worker wakes its task and only then counts itself done: a loop that
    // parks in between must be woken again. Run many times, under a watchdog, so
    // a lost wake-up fails the test instead of hanging it.
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        for _ in 0..200 {
            EventLoop::with_virtual_clock()
                .with_trace(Trace::off())
                .run_until_complete(async {
                    to_thread(|| ()).await.unwrap();
                    coroasync::sleep(std::time::Duration::from_secs(1)).await;
                })
                .unwrap();
        }
        done.send(()).unwrap();
    });
    finished
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("every run finishes");
}
