//! From `asyncio-notes`, "Task": many tasks at once, and `all_tasks()` to list those
//! not yet finished (the main task among them).

use std::time::Duration;

use coroasync::{all_tasks, say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn task_coroutine(index: u32) {
    say!("task {index} is running");
    sleep(Duration::from_secs(2)).await;
}

async fn main_() {
    say!("main coroutine started");
    // start many tasks
    let started_tasks: Vec<_> = (0..10).map(|i| spawn(task_coroutine(i))).collect();
    // allow some of the tasks time to start
    sleep(Duration::from_secs(1)).await;
    // get all tasks
    for task in all_tasks() {
        say!("> {}", task.name());
    }
    for task in started_tasks {
        task.await.expect("the task finishes");
    }
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
