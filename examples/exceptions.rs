//! From `asyncio-notes`, "Handle exception": a task's failure can be looked at once
//! the task is done (`exception()`), or caught where the task is awaited. In Rust an
//! error the caller is meant to handle is a value: the task returns `Err`, and
//! both ways read it from the task's result.

use std::time::Duration;

use coroasync::{say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `raise Exception('Something went wrong')`, as a returned error.
async fn task_coroutine() -> Result<(), String> {
    say!("> executing the task");
    sleep(Duration::from_secs(1)).await;
    Err("Something went wrong".to_owned())
}

async fn with_exception_call() {
    say!("main coroutine started");
    let task = spawn(task_coroutine());
    sleep(Duration::from_secs(2)).await;
    // `ex = task.exception()`: the task is done, and its result holds the error.
    if let Some(Ok(Err(ex))) = task.take_result() {
        say!("got exception: {ex}");
    }
    say!("main coroutine done");
}

async fn with_try_except() {
    say!("main coroutine started");
    let task = spawn(task_coroutine());
    // `try: await task` / `except Exception as ex`: the outer `Result` says
    // whether the task ran to its end (it could have been cancelled), the inner
    // one what it returned.
    if let Ok(Err(ex)) = task.await {
        say!("got exception: {ex}");
    }
    say!("main coroutine done");
}

/// Both ways, each in its own `asyncio.run`.
pub fn lesson(stage: &Stage) {
    if let Err(error) = stage.run(with_exception_call()) {
        stage.say(format_args!("{error}"));
    }
    if let Err(error) = stage.run(with_try_except()) {
        stage.say(format_args!("{error}"));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
