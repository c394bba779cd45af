//! A deadline for a block of code: asyncio 3.11's `async with asyncio.timeout(...)`,
//! as `fail_after` (the block's result, or `Elapsed`) and a `CancelScope` whose
//! deadline the block can move, and which says whether it cut the block short.

use std::time::Duration;

use coroasync::{CancelScope, Elapsed, PyRepr, fail_after, now, on_cancel, say, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn step(index: u32, value: u64) {
    say!("> step {index} executing");
    // Runs if the future is dropped (cancelled) before `disarm`.
    let cancelled = on_cancel(move || say!("> step {index} cancelled"));
    sleep(Duration::from_secs(value)).await;
    cancelled.disarm();
    say!("> step {index} done after sleep {value} seconds");
}

async fn main_() {
    say!("main coroutine started");
    // a deadline for a whole block: it gives `Err(Elapsed)` when it passes
    let block = async {
        for index in 1..4 {
            step(index, 1).await;
        }
    };
    match fail_after(Duration::from_millis(2500), block).await {
        Ok(()) => say!("the block finished in time"),
        Err(Elapsed) => say!("the block ran out of time"),
    }

    // no deadline at first; the block sets one for itself
    let scope = CancelScope::new();
    let block = async {
        scope.reschedule(Some(now() + Duration::from_millis(1500)));
        let left = scope.deadline().unwrap_or_default() - now();
        say!("deadline in {} seconds", left.as_secs_f64());
        step(4, 1).await;
    };
    scope.run(block).await;
    say!("expired: {}", scope.expired().py_str());

    // cut short, and carry on: trio's move_on_after
    let scope = CancelScope::after(Duration::from_millis(500));
    scope.run(step(5, 1)).await;
    say!("expired: {}", scope.expired().py_str());
    say!("main done");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
