//! The `serde` feature: a trace's events as JSON, and back.
#![cfg(feature = "serde")]

use std::time::Duration;

use corotrace::{Cause, Echo, Event, TaskId, Trace};

fn events() -> Vec<Event> {
    let trace = Trace::capture();
    let task = TaskId::new(1);
    trace.record(|| Event::Named {
        task,
        name: "Task-2".into(),
    });
    trace.enter(task);
    trace.print(format_args!("sleeping"));
    trace.record(|| Event::Sleeping {
        task,
        until: Duration::from_millis(1500),
    });
    trace.leave();
    trace.record(|| Event::ClockMoved {
        now: Duration::from_millis(1500),
    });
    trace.events()
}

#[test]
fn events_read_back_as_they_were_written() {
    let events = events();
    let json = serde_json::to_string(&events).unwrap();
    let back: Vec<Event> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, events);
}

#[test]
fn an_event_is_an_object_named_by_its_kind_and_an_id_is_a_number() {
    let json = serde_json::to_value(Event::Printed {
        task: Some(TaskId::new(3)),
        line: "hi".into(),
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"event": "Printed", "task": 3, "line": "hi"})
    );
    assert_eq!(serde_json::to_string(&Echo::Output).unwrap(), "\"Output\"");
}

#[test]
fn a_json_snapshot_of_a_trace() {
    insta::assert_json_snapshot!(events());
}

#[test]
fn the_events_that_say_why_read_back_as_they_were_written() {
    let (a, b) = (TaskId::new(0), TaskId::new(1));
    let events = vec![
        Event::Spawned { task: b, by: a },
        Event::Waiting {
            task: b,
            on: "Queue.get".into(),
        },
        Event::WokenBy {
            task: b,
            by: Cause::Task(a),
        },
        Event::WokenBy {
            task: a,
            by: Cause::Timer,
        },
    ];
    let json = serde_json::to_value(&events).unwrap();
    assert_eq!(
        json[1],
        serde_json::json!({"event": "Waiting", "task": 1, "on": "Queue.get"})
    );
    assert_eq!(
        json[2],
        serde_json::json!({"event": "WokenBy", "task": 1, "by": {"Task": 0}})
    );
    assert_eq!(
        json[3],
        serde_json::json!({"event": "WokenBy", "task": 0, "by": "Timer"})
    );
    let back: Vec<Event> = serde_json::from_value(json).unwrap();
    assert_eq!(back, events);
}
