//! What `EventLoop::run` does on its way out: it cancels the tasks left, waits for
//! them to end, and returns, whatever their clean-up spawns.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use coroasync::{EventLoop, RunError, Trace, sleep, spawn, yield_now};

/// Sets its flag when dropped: the task holding it is gone.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A task that yields for ever, holding `flag`.
async fn spin_for_ever(flag: DropFlag) {
    let _flag = flag;
    loop {
        yield_now().await;
    }
}

/// Runs `main` on a fresh virtual-clock loop on another thread; `None` if it does
/// not return (a guard against a hang, not a timing: it returns at once or never).
fn run_guarded<F>(
    main: impl FnOnce() -> F + Send + 'static,
) -> Option<Result<&'static str, RunError>>
where
    F: std::future::Future<Output = &'static str> + 'static,
{
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let lp = EventLoop::with_virtual_clock().with_trace(Trace::off());
        let _ = done.send(lp.run(main()));
    });
    result.recv_timeout(Duration::from_secs(30)).ok()
}

#[test]
fn run_returns_when_a_done_callback_spawns_a_task_that_never_ends() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&dropped);
    let result = run_guarded(move || async move {
        let sleeper = spawn(sleep(Duration::from_secs(60)));
        sleeper.add_done_callback(move |_| {
            spawn(spin_for_ever(DropFlag(flag)));
        });
        "main done"
    });
    assert_eq!(result, Some(Ok("main done")));
    assert!(
        dropped.load(Ordering::SeqCst),
        "the spinning task was dropped"
    );
}

/// Spawns a task that never ends from its destructor.
struct SpawnsOnDrop(Option<DropFlag>);

impl Drop for SpawnsOnDrop {
    fn drop(&mut self) {
        if let Some(flag) = self.0.take() {
            spawn(spin_for_ever(flag));
        }
    }
}

#[test]
fn run_returns_when_a_cancelled_tasks_clean_up_spawns_a_task_that_never_ends() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&dropped);
    let result = run_guarded(move || async move {
        spawn(async move {
            let _clean_up = SpawnsOnDrop(Some(DropFlag(flag)));
            sleep(Duration::from_secs(60)).await;
        });
        yield_now().await;
        "main done"
    });
    assert_eq!(result, Some(Ok("main done")));
    assert!(
        dropped.load(Ordering::SeqCst),
        "the spinning task was dropped"
    );
}
