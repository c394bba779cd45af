//! The first of several to finish, the others cancelled: asyncio's `wait(...,
//! return_when=FIRST_COMPLETED)` and a `cancel()` of the pending, as `race` (futures
//! of one type) and `race!` (of different types). The notes' `except CancelledError:
//! print(...); raise` is an `on_cancel` guard.

use std::time::Duration;

use coroasync::{First, Queue, on_cancel, race, say, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn fetch(name: &'static str, delay: u64) -> &'static str {
    say!("{name}: started");
    // Runs if the future is dropped (cancelled) before `disarm`.
    let cancelled = on_cancel(move || say!("{name}: cancelled"));
    sleep(Duration::from_secs(delay)).await;
    cancelled.disarm();
    say!("{name}: answered after {delay} s");
    name
}

async fn first_of(mirrors: &[(&'static str, u64)]) -> Option<&'static str> {
    let fetches = mirrors.iter().map(|&(name, delay)| fetch(name, delay));
    // The losers are dropped, in the order listed, as the race returns.
    let (_index, winner) = race(fetches).await?;
    Some(winner)
}

async fn main_() {
    say!("main coroutine started");
    let mirrors = [("mirror-a", 3), ("mirror-b", 1), ("mirror-c", 2)];
    if let Some(first) = first_of(&mirrors).await {
        say!("first: {first}");
    }

    // two awaitables of different kinds: an item, or a second gone by
    let queue: Queue<&str> = Queue::new(0);
    match race!(queue.get(), sleep(Duration::from_secs(1))).await {
        First::A(item) => say!("got {item}"),
        First::B(()) => say!("nothing came within a second"),
    }
    say!("main done");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
