//! From `asyncio-notes`, "Handle exception": a task's failure can be looked at with
//! `exception()` (here `failure()`), or caught where the task is awaited. A task
//! fails by panicking, Rust's uncaught exception.

use std::time::Duration;

use coroasync::{TaskError, say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn task_coroutine() {
    say!("> executing the task");
    sleep(Duration::from_secs(1)).await;
    panic!("Something went wrong");
}

fn message(error: &TaskError) -> String {
    match error {
        TaskError::Panicked(message) => message.clone(),
        other => other.to_string(),
    }
}

async fn with_exception_call() {
    say!("main coroutine started");
    let task = spawn(task_coroutine());
    sleep(Duration::from_secs(2)).await;
    if let Some(error) = task.failure() {
        say!("got exception: {}", message(&error));
    }
    say!("main coroutine done");
}

async fn with_try_except() {
    say!("main coroutine started");
    let task = spawn(task_coroutine());
    if let Err(error) = task.await {
        say!("got exception: {}", message(&error));
    }
    say!("main coroutine done");
}

/// Both ways, each in its own `asyncio.run`.
pub fn lesson(stage: &Stage) {
    stage.run(with_exception_call()).expect("main finishes");
    stage.run(with_try_except()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
