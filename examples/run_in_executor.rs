//! From `asyncio-notes`, `loop.run_in_executor`: the low-level way to run a blocking
//! function in a thread. Awaited at once, it holds `main` until the function returns,
//! but not the loop.

use std::time::Duration;

use coroasync::{run_blocking, say, sleep};
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
    // execute a function in a separate thread
    run_blocking(move || blocking_task(pause))
        .await
        .expect("the work does not panic");
    say!("main doing other things");
    sleep(Duration::from_secs(10)).await;
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
