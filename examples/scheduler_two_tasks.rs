//! From `study-note`: the notebook's `Scheduler` with two tasks taking turns: searches
//! for the first term of `fib()` with 3 digits and with 4.

use corogen::Scheduler;
use corogen::notebook::{async_search, fib};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// Two searches, round robin.
pub fn lesson(stage: &Stage) {
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(stage.trace());
    scheduler.add(async_search(stage.trace(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    scheduler.add(async_search(stage.trace(), fib(), |x| {
        x.to_string().len() >= 4
    }));
    scheduler.run_to_completion();
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
