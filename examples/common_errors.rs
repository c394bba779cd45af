//! From `asyncio-notes`, "Common errors": a coroutine called but never awaited does
//! nothing (Rust warns at compile time: futures are `#[must_use]`); a task cannot be
//! created without a running loop (a clear error here); and a main coroutine that
//! returns too early takes its unfinished tasks with it, unless it waits for them.

use std::time::Duration;

use coroasync::{ReturnWhen, TaskRef, all_tasks, current_task, say, sleep, spawn, try_spawn, wait};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn coro() {
    say!("the coroutine ran");
}

async fn worker(name: &'static str) {
    sleep(Duration::from_secs(1)).await;
    say!("{name} finished its work");
}

/// The three mistakes, and the right thing for each.
pub fn lesson(stage: &Stage) {
    // Calling a coroutine only makes a future; dropping it runs nothing. A bare
    // `coro();` gets the compiler's warning "unused implementer of `Future` that
    // must be used", and `let _ = coro();` clippy's `let_underscore_future`.
    drop(coro());
    stage.say(format_args!("coro() made a future and ran nothing"));
    stage.run(coro()).expect("main finishes");

    // No running loop: spawning is an error that says so.
    if let Err(error) = try_spawn(coro()) {
        stage.say(format_args!("spawn without a loop: {error}"));
    }

    // Exiting main too early: the worker is cancelled when `run` ends.
    stage
        .run(async {
            spawn(worker("early worker"));
            say!("main returns at once");
        })
        .expect("main finishes");

    // The fix: wait for every task but this one.
    stage
        .run(async {
            spawn(worker("patient worker"));
            let me = current_task().map(|task| task.id());
            let others: Vec<TaskRef> = all_tasks()
                .into_iter()
                .filter(|task| Some(task.id()) != me)
                .collect();
            wait(others, ReturnWhen::AllCompleted, None)
                .await
                .expect("every task is this loop's");
            say!("main waited for the others");
        })
        .expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
