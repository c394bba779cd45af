//! From `module-3`: the most basic asyncio program.

use std::time::Duration;

use coroasync::{say, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn main_() {
    say!("hello");
    sleep(Duration::from_secs(1)).await;
    say!("world");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
