//! From `study-note`: the notebook's `Scheduler` with one task, then
//! `completed_task_result.pop(0)`.

use corogen::Scheduler;
use corogen::notebook::{async_search, fib};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// One search, run to completion; then its result.
pub fn lesson(stage: &Stage) {
    let mut scheduler = Scheduler::with_trace(stage.trace());
    let id = scheduler.add(async_search(stage.trace(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    scheduler.run_to_completion();

    // pop the result to get answer
    match scheduler.take_result(id) {
        Ok(answer) => stage.say(format_args!("{answer}")),
        Err(error) => stage.say(format_args!("{error}")),
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
