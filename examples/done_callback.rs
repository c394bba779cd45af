//! From `asyncio-notes`, "Task": a done callback runs once the task finishes, before
//! the task that awaits it resumes, because it was registered first.

use std::time::Duration;

use coroasync::{TaskRef, say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

fn callback(task: &TaskRef) {
    say!("this is a callback of {task}");
}

async fn task_coroutine() {
    say!("execute the task");
    sleep(Duration::from_secs(2)).await;
}

async fn main_() {
    say!("main coroutine started");
    let task = spawn(task_coroutine());
    task.add_done_callback(callback);
    task.await.expect("the task finishes");
    say!("main coroutine done");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
