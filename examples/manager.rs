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
    let coro = counter_coro(100);
    // Python's `type(coro)` is `<class 'coroutine'>`; a Rust future's type is one
    // the compiler made for this `async fn`, named after it. (Inside the library
    // the lesson's module sits under `corolab::lessons`; that prefix is cut so the
    // name is the same however the lesson is built.)
    let name = std::any::type_name_of_val(&coro).replace("corolab::lessons::", "");
    say!("{name}");
    let counter = spawn(coro);
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
