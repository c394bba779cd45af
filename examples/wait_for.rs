//! From `asyncio-notes`, `asyncio.wait_for()`: wait for a task with a time limit. The
//! note's timeout of 3 s leaves the 2-second task time to spare; `--timeout 1` (the
//! note's "play with it") gives up and cancels it.

use std::time::Duration;

use coroasync::{Elapsed, say, sleep, wait_for};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::new::<u64>(
    "timeout",
    "3",
    "How many seconds main waits for the 2-second task",
)];

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
        Err(Elapsed) => say!("main gave up waiting , task cancelled"),
    }
}

/// `asyncio.run(main())`, with the timeout of `--timeout`.
pub fn lesson(stage: &Stage) {
    stage
        .run(main_(stage.flag("timeout")))
        .expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
