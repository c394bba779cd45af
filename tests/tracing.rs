//! Both schedulers seen through `tracing` (corotrace's `tracing` feature): a
//! span per task, its steps and wake-ups inside it.

use std::sync::Arc;
use std::time::Duration;

use coroasync::{EventLoop, sleep, spawn};
use corogen::{Scheduler, Trace};

#[path = "../crates/corotrace/tests/collector/mod.rs"]
mod collector;
use collector::Collector;

/// Runs `program` under a fresh collector, and gives what it saw.
fn watched(program: impl FnOnce()) -> collector::Seen {
    let collector = Collector::default();
    let seen = Arc::clone(&collector.seen);
    tracing::subscriber::with_default(collector, program);
    std::mem::take(&mut *seen.lock().unwrap())
}

#[test]
fn a_loop_shows_a_span_per_task_and_the_wake_up_inside_the_sleeper_s_span() {
    let seen = watched(|| {
        let lp = EventLoop::with_virtual_clock().with_trace(Trace::off().with_tracing());
        lp.run(async {
            spawn(sleep(Duration::from_secs(1))).await.unwrap();
        })
        .unwrap();
    });
    assert_eq!(
        seen.spans,
        ["task id=0 name=\"Task-1\"", "task id=1 name=\"Task-2\""]
    );
    let in_span = |span: &str, what: &str| {
        seen.events
            .iter()
            .any(|(parent, text)| parent == span && text.starts_with(what))
    };
    assert!(in_span("task id=1 name=\"Task-2\"", "sleeping until=1s"));
    assert!(in_span("task id=1 name=\"Task-2\"", "woken"));
    assert!(in_span(
        "task id=1 name=\"Task-2\"",
        "completed value=\"None\""
    ));
    assert!(in_span("task id=0 name=\"Task-1\"", "completed"));
    assert!(
        seen.events
            .iter()
            .any(|(parent, text)| parent == "-" && text == "clock moved now=1s")
    );
}

#[test]
fn a_generator_scheduler_shows_its_steps_in_each_task_s_span() {
    let mut found = None;
    let seen = watched(|| {
        let trace = Trace::off().with_tracing();
        let mut scheduler = Scheduler::with_trace(trace.clone());
        let id = scheduler.add(corogen::notebook::async_search(
            trace,
            corogen::notebook::fib(),
            |x| *x > 10,
        ));
        scheduler.run_to_completion();
        found = scheduler.take_result(id).ok();
    });
    assert_eq!(seen.spans, ["task id=0"]);
    let steps = seen
        .events
        .iter()
        .filter(|(_, text)| text == "step")
        .count();
    assert!(steps > 1, "one step event per resume, saw {steps}");
    let ending = format!(
        "completed value=\"{}\"",
        found.expect("the search completes")
    );
    assert_eq!(
        seen.events
            .last()
            .map(|(parent, text)| (parent.as_str(), text.as_str())),
        Some(("task id=0", ending.as_str()))
    );
}
