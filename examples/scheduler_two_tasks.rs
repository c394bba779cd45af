//! The notebook's `Scheduler` with two tasks taking turns: two searches over
//! `fib()`, one for the first term with 3 digits, one for 4.

use corogen::{Scheduler, async_search, fib};
use corotrace::Trace;

fn main() {
    let trace = Trace::echo();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 4
    }));
    scheduler.run_to_completion();
}
