//! From `friday-talk`, the manager as Python 3.4 wrote it: generators marked
//! `@asyncio.coroutine`, chained with `yield from`, on a loop driven by
//! `run_until_complete`. In Rust, as in Python since 3.5, they are `async fn`s that
//! `.await`.

use std::time::Duration;

use coroasync::{say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `@asyncio.coroutine def counter_coro(n)`. Its `except asyncio.CanceledError:
/// break` has no twin: cancelling drops the future at its next turn.
async fn counter_coro(n: u32) {
    for i in 0..n {
        say!("{i}");
        sleep(Duration::from_millis(100)).await;
    }
}

/// `@asyncio.coroutine def real_coro()`.
async fn real_coro() -> u32 {
    sleep(Duration::from_secs(1)).await;
    say!("Something happened");
    24
}

/// `@asyncio.coroutine def manager()`: `asyncio.ensure_future(coro)` is `spawn`,
/// `yield from real_coro()` is `.await`.
async fn manager() -> u32 {
    let coro = counter_coro(100);
    // Python's `type(coro)`; the compiler's name for this future (the library's
    // `corolab::lessons::` prefix cut, so the name does not depend on the build).
    let name = std::any::type_name_of_val(&coro).replace("corolab::lessons::", "");
    say!("{name}");
    let counter = spawn(coro);
    let result = real_coro().await;
    counter.cancel();
    result
}

/// `loop = asyncio.get_event_loop(); result = loop.run_until_complete(manager())`.
pub fn lesson(stage: &Stage) {
    let event_loop = stage.event_loop();
    let result = event_loop
        .run_until_complete(manager())
        .expect("the manager finishes");
    stage.say(format_args!("answer: {result}"));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
