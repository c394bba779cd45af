//! Worker threads and virtual time: a job takes no virtual time, and its result
//! lands when the loop has nothing else to run, so a run is the same every time.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use coroasync::{
    Diagnostic, EventLoop, Trace, now, run_blocking, sleep, spawn, to_thread, wait_for, yield_now,
};

fn virtual_loop() -> EventLoop {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_diagnostics_on_stderr(false)
}

#[test]
fn a_finished_jobs_result_waits_until_the_loop_has_nothing_else_to_run() {
    let value = virtual_loop()
        .run_until_complete(async {
            let finished = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&finished);
            let job = spawn(async move {
                let value = to_thread(move || {
                    flag.store(true, Ordering::SeqCst);
                    6 * 7
                })
                .await;
                (value, now())
            });
            // However early the worker finishes, the task does not see it while
            // something else can run.
            while !finished.load(Ordering::SeqCst) {
                yield_now().await;
            }
            for _ in 0..10 {
                yield_now().await;
                assert!(!job.is_done(), "the result landed while main could run");
            }
            sleep(Duration::from_secs(1)).await;
            assert!(job.is_done(), "the result landed before the clock moved");
            job.await.unwrap()
        })
        .unwrap();
    assert_eq!(value, (Ok(42), Duration::ZERO));
}

#[test]
fn results_land_in_the_order_the_jobs_were_submitted() {
    let order = virtual_loop()
        .run_until_complete(async {
            let (go, start) = mpsc::channel::<()>();
            let (release, gate) = mpsc::channel::<()>();
            // The first job finishes after the second, in real time.
            let first = run_blocking(move || {
                gate.recv().unwrap();
                "first"
            });
            let second = run_blocking(move || {
                start.recv().unwrap();
                release.send(()).unwrap();
                "second"
            });
            let order = Rc::new(RefCell::new(Vec::new()));
            let tasks = [first, second].map(|job| {
                let order = Rc::clone(&order);
                spawn(async move {
                    let value = job.await.unwrap();
                    order.borrow_mut().push(value);
                })
            });
            // Both tasks wait on their jobs before either job can finish.
            yield_now().await;
            go.send(()).unwrap();
            for task in tasks {
                task.await.unwrap();
            }
            order.take()
        })
        .unwrap();
    assert_eq!(order, ["first", "second"]);
}

#[test]
fn wait_for_a_job_that_ends_in_no_virtual_time_returns_its_value() {
    let value = virtual_loop()
        .run_until_complete(async {
            wait_for(run_blocking(|| "done"), Duration::from_millis(100)).await
        })
        .unwrap();
    assert_eq!(value, Ok(Ok(Ok("done"))));
}

#[test]
fn a_job_that_waits_on_a_sleeping_task_is_reported_and_time_moves_on() {
    // A guard against a hang, not a timing: the run returns at once or never.
    let (done, outcome) = mpsc::channel();
    thread::spawn(move || {
        let lp = virtual_loop().with_worker_patience(Duration::from_millis(20));
        let (tx, rx) = mpsc::channel();
        let value = lp.run_until_complete(async move {
            let job = run_blocking(move || rx.recv().unwrap());
            sleep(Duration::from_secs(2)).await;
            tx.send(now()).unwrap();
            job.await
        });
        let _ = done.send((value, lp.diagnostics()));
    });
    let (value, diagnostics) = outcome
        .recv_timeout(Duration::from_secs(30))
        .expect("the run returns");
    assert_eq!(value, Ok(Ok(Duration::from_secs(2))));
    assert!(matches!(
        diagnostics[..],
        [Diagnostic::WorkerStalled { jobs: 1, at, .. }] if at == Duration::ZERO
    ));
}
