//! From `module-3`, "Collecting tasks": `gather` runs the children concurrently and
//! returns their values in the order given.

use std::time::Duration;

use coroasync::{PyRepr, gather, say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn child1() {
    say!("  child1: started! sleeping now...");
    sleep(Duration::from_secs(1)).await;
    say!("  child1: still working...");
    sleep(Duration::from_secs(1)).await;
    say!("  child1: exiting!");
}

async fn child2() {
    say!("  child2: started! sleeping now...");
    sleep(Duration::from_secs(2)).await;
    say!("  child2: still working...");
    sleep(Duration::from_secs(2)).await;
    say!("  child2: exiting!");
}

async fn main_() -> Vec<()> {
    let tasks = [spawn(child1()), spawn(child2())];
    gather(tasks).await.expect("no child fails")
}

/// `print(await main())`: a list of two `None`s.
pub fn lesson(stage: &Stage) {
    let results = stage.run(main_()).expect("main finishes");
    stage.say(format_args!("{}", results.py_str()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
