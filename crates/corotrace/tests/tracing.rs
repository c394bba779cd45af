//! The `tracing` feature: a `tracing` subscriber sees a span per task, and the
//! task's steps, wake-ups and ending inside it.
#![cfg(feature = "tracing")]

use std::sync::Arc;
use std::time::Duration;

use corotrace::{Cause, Event, TaskId, Trace};

mod collector;
use collector::Collector;

#[test]
fn a_subscriber_sees_a_span_per_task_and_its_wake_up_inside_it() {
    let collector = Collector::default();
    let seen = Arc::clone(&collector.seen);
    tracing::subscriber::with_default(collector, || {
        let trace = Trace::capture().with_tracing();
        let task = TaskId::new(0);
        trace.record(|| Event::Added { task });
        trace.record(|| Event::Named {
            task,
            name: "Task-1".into(),
        });
        trace.enter(task);
        trace.print(format_args!("hello"));
        trace.record(|| Event::Sleeping {
            task,
            until: Duration::from_secs(1),
        });
        trace.leave();
        trace.record(|| Event::ClockMoved {
            now: Duration::from_secs(1),
        });
        trace.record(|| Event::Woken { task });
        trace.enter(task);
        trace.record(|| Event::Completed {
            task,
            value: "None".into(),
        });
        trace.leave();
        assert_eq!(trace.events().len(), 9, "the capture is as it was");
    });
    let seen = seen.lock().unwrap();
    assert_eq!(seen.spans, ["task id=0 name=\"Task-1\""]);
    let span = "task id=0 name=\"Task-1\"";
    let events: Vec<(&str, &str)> = seen
        .events
        .iter()
        .map(|(parent, text)| (parent.as_str(), text.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            (span, "step"),
            (span, "printed line=\"hello\""),
            (span, "sleeping until=1s"),
            ("-", "clock moved now=1s"),
            (span, "woken"),
            (span, "step"),
            (span, "completed value=\"None\""),
        ]
    );
}

#[test]
fn waits_spawns_and_wakes_by_a_task_are_debug_events_in_the_task_s_span() {
    let collector = Collector::default();
    let seen = Arc::clone(&collector.seen);
    tracing::subscriber::with_default(collector, || {
        let trace = Trace::capture().with_tracing();
        let (parent, child) = (TaskId::new(0), TaskId::new(1));
        trace.record(|| Event::Added { task: parent });
        trace.record(|| Event::Added { task: child });
        trace.record(|| Event::Spawned {
            task: child,
            by: parent,
        });
        trace.record(|| Event::Waiting {
            task: child,
            on: "Queue.get".into(),
        });
        trace.record(|| Event::Woken { task: child });
        trace.record(|| Event::WokenBy {
            task: child,
            by: Cause::Task(parent),
        });
    });
    let seen = seen.lock().unwrap();
    let events: Vec<(&str, &str)> = seen
        .events
        .iter()
        .map(|(parent, text)| (parent.as_str(), text.as_str()))
        .collect();
    let span = "task id=1";
    assert_eq!(
        events,
        [
            (span, "spawned by task=0"),
            (span, "waiting on=\"Queue.get\""),
            (span, "woken"),
            (span, "woken by cause=task 0"),
        ]
    );
}
