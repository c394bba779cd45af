//! From `friday-talk`: a manager starts a counter, waits for something else to happen,
//! and cancels the counter.

use std::time::Duration;

use coroasync::{say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn counter_coro(n: u32) {
    for i in 0..n {
        say!("{i}");
        sleep(Duration::from_millis(100)).await;
    }
}

async fn real_coro() -> u32 {
    sleep(Duration::from_secs(1)).await;
    say!("Something happened");
    24
}

async fn manager() -> u32 {
    let counter = spawn(counter_coro(100));
    let result = real_coro().await;
    counter.cancel();
    result
}

/// `result = asyncio.run(manager()); print("answer:", result)`.
pub fn lesson(stage: &Stage) {
    let result = stage.run(manager()).expect("the manager finishes");
    stage.say(format_args!("answer: {result}"));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
