//! From `asyncio-notes`, `asyncio.gather()`: prepare coroutines, then run them all at
//! once and wait for every one.

use std::time::Duration;

use coroasync::{gather, say, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn task_coroutine(index: u32) {
    say!("> task {index} executing");
    sleep(Duration::from_secs(2)).await;
}

async fn main_() {
    say!("main coroutine started");
    let group_coros = (0..10).map(task_coroutine);
    gather(group_coros).await.expect("no task fails");
    say!("main done");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
