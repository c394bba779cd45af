//! `LoopThread`: a loop on its own thread that plain threads submit futures to,
//! and wait on, or await from another loop.
//!
//! Every loop thread here runs on a virtual clock, so a task's hour-long sleep
//! costs no real time; every blocking wait returns at once or never, and runs
//! under `within`, whose time limit only guards against a hang.

use std::sync::mpsc;
use std::time::Duration;

use coroasync::{
    EventLoop, LoopClosed, LoopThread, TaskError, WaitError, run_blocking, sleep, spawn,
};

/// Runs `f` on a thread of its own and returns its value; fails, instead of
/// hanging the suite, if it has not returned in a minute.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the wait hung (or the waiting thread panicked)")
}

fn virtual_loop_thread() -> LoopThread {
    LoopThread::spawn_with(|| {
        EventLoop::with_virtual_clock()
            .with_trace(coroasync::Trace::off())
            .with_diagnostics_on_stderr(false)
    })
    .expect("a thread starts")
}

#[test]
fn a_plain_thread_blocks_on_a_future_the_loop_runs() {
    let background = virtual_loop_thread();
    let hour = background
        .submit(|| async {
            sleep(Duration::from_secs(3600)).await;
            coroasync::now()
        })
        .unwrap();
    let blocking = background.submit_blocking(|| 6 * 7).unwrap();
    let (hour, blocking) = within(move || (hour.wait(), blocking.wait()));
    assert_eq!(hour, Ok(Duration::from_secs(3600)));
    assert_eq!(blocking, Ok(42));
    assert_eq!(background.shut_down(), Ok(()));
}

#[test]
fn the_future_is_built_on_the_loop_thread_and_need_not_be_send() {
    let background = virtual_loop_thread();
    let loop_thread = within(move || {
        background
            .submit(|| {
                // An `Rc` cannot cross threads: the future holding it never does.
                let here = std::rc::Rc::new(std::thread::current().id());
                async move { *here }
            })
            .unwrap()
            .wait()
    });
    assert_ne!(loop_thread, Ok(std::thread::current().id()));
}

#[test]
fn a_panic_comes_back_as_the_handles_error_and_the_loop_runs_on() {
    let background = virtual_loop_thread();
    let in_future = background
        .submit(|| async { panic!("boom in the future") })
        .unwrap();
    let in_make = background
        .submit(|| -> std::future::Ready<()> { panic!("boom while building") })
        .unwrap();
    let in_work = background
        .submit_blocking(|| panic!("boom on a worker"))
        .unwrap();
    let after = background.submit(|| async { "still running" }).unwrap();
    let results = within(move || {
        (
            in_future.wait(),
            in_make.wait(),
            in_work.wait(),
            after.wait(),
        )
    });
    let panicked = |message: &str| Err(WaitError::Task(TaskError::Panicked(message.into())));
    assert_eq!(results.0, panicked("boom in the future"));
    assert_eq!(results.1, panicked("boom while building"));
    assert_eq!(results.2, panicked("boom on a worker"));
    assert_eq!(results.3, Ok("still running"));
}

#[test]
fn submitting_after_shut_down_is_refused_and_the_work_handed_back() {
    let background = virtual_loop_thread();
    let handle = background.handle();
    assert!(!handle.is_closed());
    background.shut_down().unwrap();
    assert!(handle.is_closed());
    let Err(LoopClosed(work)) = handle.submit(|| async { 7 }) else {
        panic!("a closed loop took work");
    };
    // Nothing was lost: the closure comes back whole.
    assert_eq!(futures_ready(work()), 7);
    assert!(matches!(handle.submit_blocking(|| 8), Err(LoopClosed(_))));
}

/// The value of a future that is ready at its first poll.
fn futures_ready<F: std::future::Future<Output = T> + 'static, T: 'static>(future: F) -> T {
    let lp = EventLoop::with_virtual_clock();
    lp.run(future).expect("the future is ready at once")
}

#[test]
fn dropping_the_handle_does_not_cancel_the_work() {
    let background = virtual_loop_thread();
    let (tx, rx) = mpsc::channel();
    drop(
        background
            .submit(move || async move {
                sleep(Duration::from_secs(10)).await;
                tx.send("finished").unwrap();
            })
            .unwrap(),
    );
    assert_eq!(rx.recv_timeout(Duration::from_secs(60)), Ok("finished"));
}

/// Sends on drop: tells whether a future was dropped, and when.
struct Tell(mpsc::Sender<&'static str>);

impl Drop for Tell {
    fn drop(&mut self) {
        let _ = self.0.send("dropped");
    }
}

#[test]
fn dropping_the_loop_thread_cancels_what_is_left_and_joins() {
    let background = virtual_loop_thread();
    let (tx, rx) = mpsc::channel();
    let (started_tx, started) = mpsc::channel();
    let forever = background
        .submit(move || async move {
            let _tell = Tell(tx);
            started_tx.send(()).unwrap();
            std::future::pending::<()>().await;
        })
        .unwrap();
    started
        .recv_timeout(Duration::from_secs(60))
        .expect("the task starts");
    within(move || drop(background));
    // Joined: the task's future was dropped before the drop returned.
    assert_eq!(rx.try_recv(), Ok("dropped"));
    assert_eq!(
        within(move || forever.wait()),
        Err(WaitError::Task(TaskError::Cancelled))
    );
}

#[test]
fn waiting_with_a_timeout_leaves_the_work_running() {
    // On real time, an hour's sleep cannot end within the test.
    let background =
        LoopThread::spawn_with(|| EventLoop::new().with_trace(coroasync::Trace::off()))
            .expect("a thread starts");
    let mut hour = background
        .submit(|| async { sleep(Duration::from_secs(3600)).await })
        .unwrap();
    assert_eq!(hour.wait_timeout(Duration::ZERO), Err(WaitError::TimedOut));
    assert!(!hour.is_done());
    within(move || background.shut_down()).unwrap();
    assert!(hour.is_done());
    assert_eq!(
        hour.wait_timeout(Duration::ZERO),
        Err(WaitError::Task(TaskError::Cancelled))
    );
    assert_eq!(
        hour.wait_timeout(Duration::ZERO),
        Err(WaitError::Task(TaskError::ResultTaken))
    );
}

#[test]
fn the_loop_submits_to_itself_and_awaits_without_deadlock() {
    let background = virtual_loop_thread();
    let handle = background.handle();
    let outer = background
        .submit(move || async move {
            let inner = handle.submit(|| async { 20 }).unwrap();
            let mut refused = handle.submit(|| async { 1 }).unwrap();
            // Blocking here would hang the loop: it is refused instead.
            let refusal = refused.wait_timeout(Duration::from_secs(3600));
            let waited = handle.submit(|| async { 2 }).unwrap().wait();
            (inner.await, refusal, waited)
        })
        .unwrap();
    let (inner, refusal, waited) = within(move || outer.wait()).unwrap();
    assert_eq!(inner, Ok(20));
    assert_eq!(refusal, Err(WaitError::OnLoopThread));
    assert_eq!(waited, Err(WaitError::OnLoopThread));
}

#[test]
fn a_task_on_another_loop_awaits_the_handle() {
    let background = virtual_loop_thread();
    let submitted = background
        .submit(|| async {
            sleep(Duration::from_secs(5)).await;
            "from the loop thread"
        })
        .unwrap();
    let here = within(move || {
        EventLoop::with_virtual_clock()
            .with_trace(coroasync::Trace::off())
            .run(async move {
                // The handle's waker is held by the other thread: no deadlock.
                let task = spawn(submitted);
                let worker = run_blocking(|| 1);
                (task.await, worker.await)
            })
    });
    assert_eq!(here, Ok((Ok(Ok("from the loop thread")), Ok(1))));
}

#[test]
fn a_loop_thread_dropped_on_its_own_thread_stops_without_joining_itself() {
    let background = virtual_loop_thread();
    let handle = background.handle();
    let last = handle.submit(move || async move { drop(background) });
    let last = last.expect("the loop is open");
    // It ends one way or the other, and promptly: cancelled by the stop it asked
    // for, or finished just before.
    let ended = within(move || last.wait());
    assert!(
        matches!(ended, Ok(()) | Err(WaitError::Task(TaskError::Cancelled))),
        "{ended:?}"
    );
    assert!(handle.is_closed());
}

#[test]
fn a_loop_thread_whose_loop_panics_while_made_reports_it() {
    let background = LoopThread::spawn_with(|| panic!("no loop today")).expect("a thread starts");
    let handle = background.handle();
    assert_eq!(
        within(move || background.shut_down()),
        Err(TaskError::Panicked("no loop today".into()))
    );
    assert!(matches!(handle.submit(|| async {}), Err(LoopClosed(_))));
}

#[test]
fn an_event_loop_prints_a_line_to_set_beside_asyncios_repr() {
    assert_eq!(
        EventLoop::with_virtual_clock().to_string(),
        "<EventLoop running=False closed=False clock=virtual>"
    );
    assert_eq!(
        EventLoop::new().to_string(),
        "<EventLoop running=False closed=False clock=real>"
    );
    let shared = std::rc::Rc::new(EventLoop::with_virtual_clock());
    let inside = std::rc::Rc::clone(&shared);
    let line = shared.run_until_complete(async move { inside.to_string() });
    assert_eq!(
        line,
        Ok("<EventLoop running=True closed=False clock=virtual>".to_owned())
    );
}

#[test]
fn a_wait_of_any_length_is_taken_without_overflow() {
    let background = virtual_loop_thread();
    let mut ready = background.submit(|| async { 3 }).unwrap();
    // Instant + Duration::MAX overflows: a wait that long is a wait without end.
    assert_eq!(within(move || ready.wait_timeout(Duration::MAX)), Ok(3));
}

#[test]
fn many_threads_submit_at_once_and_each_gets_its_own_value() {
    let background = virtual_loop_thread();
    let submitters: Vec<_> = (0..4_u64)
        .map(|thread| {
            let handle = background.handle();
            std::thread::spawn(move || {
                let handles: Vec<_> = (0..100_u64)
                    .map(|i| {
                        let value = thread * 1000 + i;
                        handle
                            .submit(move || async move {
                                sleep(Duration::from_millis(i)).await;
                                value
                            })
                            .unwrap()
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|submitted| submitted.wait().unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let values = within(move || {
        submitters
            .into_iter()
            .map(|submitter| submitter.join().expect("a submitter does not panic"))
            .collect::<Vec<_>>()
    });
    for (thread, got) in values.into_iter().enumerate() {
        let expected: Vec<u64> = (0..100).map(|i| thread as u64 * 1000 + i).collect();
        assert_eq!(got, expected);
    }
}
