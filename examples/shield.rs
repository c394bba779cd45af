//! From `asyncio-notes`, `asyncio.shield()`: cancelling the shield does not cancel the
//! task inside it.

use std::time::Duration;

use coroasync::{IntoTask, PyRepr, TaskError, TaskRef, say, shield, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn task_coroutine(index: u32) {
    say!("> task {index} executing");
    let value = 2;
    sleep(Duration::from_secs(value)).await;
    say!("> task {index} done after sleep {value} seconds");
}

// cancel the given task after a moment
async fn cancel_task(task: TaskRef) {
    // block for a moment
    sleep(Duration::from_secs(1)).await;
    // cancel the task
    let cancelled = task.cancel();
    say!("cancelled: {}", cancelled.py_str());
}

async fn main_() {
    say!("main coroutine started");
    // create a task
    let task = spawn(task_coroutine(1));
    // Python's shield is a future that can be cancelled; here it becomes a task.
    let shielded = shield(&task).into_task();
    // create a task to cancel the first task
    spawn(cancel_task(shielded.to_ref()));

    let shielded_ref = shielded.to_ref();
    match shielded.await {
        Ok(result) => say!("> got: {}", result.py_str()),
        Err(TaskError::Cancelled) => say!("shield was cancelled"),
        Err(error) => say!("{error}"),
    }

    sleep(Duration::from_millis(500)).await;
    say!("shielded: {shielded_ref}");
    say!("task: {}", task.to_ref());
    say!("main done");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
