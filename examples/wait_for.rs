//! From `asyncio-notes`, `asyncio.wait_for()`: wait for a task with a time limit. Here
//! once with time to spare (timeout 3, as in the note, for a 2-second task) and once
//! without (timeout 1), when the task is cancelled.

use std::time::Duration;

use coroasync::{Elapsed, say, sleep, wait_for};
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

async fn main_(timeout: u64) {
    say!("main coroutine started");
    // create a task
    let task = task_coroutine(1);
    match wait_for(task, Duration::from_secs(timeout)).await {
        Ok(_) => say!("main done"),
        Err(Elapsed) => say!("main gave up waiting, task cancelled"),
    }
}

/// `asyncio.run(main())` with a timeout of 3 seconds, then of 1.
pub fn lesson(stage: &Stage) {
    for timeout in [3, 1] {
        stage.run(main_(timeout)).expect("main finishes");
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
