//! The scheduler's step, with tracing off, allocates nothing: a yield is a queue
//! rotation and a resume, with no boxing and no formatting.

use corogen::notebook::{async_search, fib};
use corogen::{Scheduler, Trace};

#[test]
fn steps_with_tracing_off_do_not_allocate() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    for _ in 0..100 {
        scheduler.add(async_search(Trace::off(), fib(), |&x| x == u64::MAX));
    }
    // Each search's first step starts its `fib()` generator; measure after that.
    scheduler.run_steps(100);
    let info = allocation_counter::measure(|| {
        assert_eq!(scheduler.run_steps(5_000), 5_000);
    });
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn a_capturing_trace_is_what_allocates() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    scheduler.add(async_search(trace.clone(), fib(), |&x| x == u64::MAX));
    scheduler.run_steps(1);
    let info = allocation_counter::measure(|| {
        scheduler.run_steps(50);
    });
    // Each step formats its "called N times" line.
    assert!(info.count_total >= 50, "{info:?}");
}
