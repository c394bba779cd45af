//! From `asyncio-notes`, "Blocking task in asyncio": `to_thread` runs a blocking
//! function on a worker thread, so the loop carries on. Nothing starts until the task
//! created from it runs.
//!
//! What the worker says reaches the output when its work is done (coroasync keeps
//! a worker's lines until then, so a virtual-clock run prints them in one place).
//! On virtual time the worker does not really sleep.

use std::time::Duration;

use coroasync::{say, sleep, spawn, to_thread};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

fn blocking_task(pause: Duration) {
    say!("> task starting");
    std::thread::sleep(pause);
    say!("> task done");
}

async fn main_(pause: Duration) {
    say!("main running the blocking task");
    // to_thread runs the closure on the loop's worker threads
    let coro = to_thread(move || blocking_task(pause));
    let task = spawn(coro);
    say!("main doing other things");
    sleep(Duration::from_secs(1)).await;
    task.await
        .expect("the task finishes")
        .expect("the work does not panic");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    let pause = if stage.is_virtual() {
        Duration::ZERO
    } else {
        Duration::from_secs(2)
    };
    stage.run(main_(pause)).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
