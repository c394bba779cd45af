//! `to-thread` on tokio: a blocking call kept off the runtime's threads.
//!
//! What changed from the `coroasync` lesson: `to_thread(f)` is
//! `tokio::task::spawn_blocking(f)`, whose closure must be `Send + 'static`; and
//! with a multi-thread runtime, "main doing other things" and "> task starting"
//! run at once on two threads, so either may print first.

use std::time::Duration;

use crate::Output;

fn blocking_task(pause: Duration, out: &Output) {
    out.say("> task starting");
    std::thread::sleep(pause);
    out.say("> task done");
}

/// The program: the blocking task sleeps `pause` (2 s in the lesson), while main
/// sleeps `main_pause` (1 s).
pub async fn main(pause: Duration, main_pause: Duration, out: Output) {
    out.say("main running the blocking task");
    let worker = out.clone();
    let task = tokio::task::spawn_blocking(move || blocking_task(pause, &worker));
    out.say("main doing other things");
    tokio::time::sleep(main_pause).await;
    task.await.expect("the work does not panic");
}
