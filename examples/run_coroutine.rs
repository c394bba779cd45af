//! From `asyncio-notes`, "Event loop": a coroutine runs only inside an event loop.
//! `asyncio.run` makes one, runs the coroutine to its end, and closes it.

use coroasync::say;
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn custom_coro() -> i32 {
    2 + 2
}

async fn main_() {
    // await for custom coroutine
    let result = custom_coro().await;
    say!("{result}");
}

/// `m = main()`, then `asyncio.run(m)`.
pub fn lesson(stage: &Stage) {
    // Not executed yet: `m` is a future, not 4.
    let m = main_();
    stage.run(m).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
