//! The notebook's `Scheduler` with one task: `async_search` over `fib()`, then
//! `completed_task_result.pop(0)`.

use corogen::{Scheduler, async_search, fib};
use corotrace::Trace;

fn main() {
    let trace = Trace::echo();
    let mut scheduler = Scheduler::with_trace(trace.clone());
    let id = scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    scheduler.run_to_completion();

    // pop the result to get answer
    match scheduler.take_result(id) {
        Ok(answer) => println!("{answer}"),
        Err(error) => println!("{error}"),
    }
}
