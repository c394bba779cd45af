//! From `asyncio-notes`, "Task": `create_task` schedules a coroutine to run on its own;
//! it starts only when the creator next gives the loop a chance.

use std::time::Duration;

use coroasync::{say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn task_coroutine() {
    say!("execute the task");
    // wait for a bit
    sleep(Duration::from_secs(2)).await;
}

async fn main_() {
    say!("main coroutine started");
    // create and schedule the task
    let task = spawn(task_coroutine());
    // wait for the task to complete
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
