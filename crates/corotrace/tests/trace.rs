//! The trace handle: who a line belongs to, what each mode keeps, and how a
//! timeline draws what it kept.

use corotrace::{Event, TaskId, Timeline, Trace};

#[test]
fn lines_belong_to_the_running_task_or_to_the_host() {
    let trace = Trace::capture();
    trace.enter(TaskId::new(4));
    trace.print(format_args!("inside"));
    trace.leave();
    trace.print(format_args!("Do other stuff {}", 1));
    assert_eq!(
        trace.events(),
        [
            Event::Running {
                task: TaskId::new(4)
            },
            Event::Printed {
                task: Some(TaskId::new(4)),
                line: "inside".into()
            },
            Event::Printed {
                task: None,
                line: "Do other stuff 1".into()
            },
        ]
    );
    assert_eq!(trace.running(), None);
}

#[test]
fn an_off_trace_never_builds_its_events() {
    let trace = Trace::off();
    trace.record(|| unreachable!("an off trace must not build events"));
    trace.enter(TaskId::new(0));
    assert_eq!(trace.running(), None);
    assert!(!trace.is_on());
    assert!(trace.events().is_empty());
    assert_eq!(trace.text(), "");
}

#[test]
fn an_echoing_trace_keeps_nothing() {
    let trace = Trace::echo();
    trace.print(format_args!("shown, not kept"));
    assert!(trace.is_on());
    assert!(trace.events().is_empty());
}

#[test]
fn take_events_empties_the_record() {
    let trace = Trace::capture();
    trace.record(|| Event::Added {
        task: TaskId::new(0),
    });
    assert_eq!(trace.take_events().len(), 1);
    assert!(trace.events().is_empty());
}

#[test]
fn the_added_event_prints_nothing() {
    let trace = Trace::capture();
    trace.record(|| Event::Added {
        task: TaskId::new(0),
    });
    assert_eq!(trace.text(), "");
    assert_eq!(trace.timeline().steps(), 0);
}

#[test]
fn a_long_value_is_cut_in_the_timeline() {
    let task = TaskId::new(0);
    let timeline = Timeline::new(&[
        Event::Running { task },
        Event::Completed {
            task,
            value: "x".repeat(100),
        },
    ]);
    let row = timeline.to_string().lines().nth(1).unwrap().to_owned();
    assert!(row.ends_with('…'), "{row}");
    assert_eq!(row.chars().count(), "   1  ".len() + 28);
}

#[test]
fn a_lane_opens_when_a_task_first_runs() {
    let (a, b) = (TaskId::new(0), TaskId::new(1));
    let timeline = Timeline::new(&[
        Event::Running { task: a },
        Event::Added { task: b },
        Event::Running { task: b },
    ]);
    assert_eq!(
        timeline.to_string(),
        "step  task 0  task 1\n   1  ●\n   2  ┆       ●\n● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping\n"
    );
}

#[test]
fn a_trace_that_only_echoes_lines_builds_no_other_event() {
    let trace = corotrace::Trace::new(corotrace::Echo::Output, false);
    trace.record(|| unreachable!("nobody would see this event"));
    trace.enter(TaskId::new(0));
    assert_eq!(
        trace.running(),
        Some(TaskId::new(0)),
        "lines still know their task"
    );
    trace.leave();
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = std::rc::Rc::clone(&seen);
    let watched = corotrace::Trace::new(corotrace::Echo::Output, false)
        .with_subscriber(move |_| count.set(count.get() + 1));
    watched.record(|| Event::Added {
        task: TaskId::new(1),
    });
    watched.enter(TaskId::new(1));
    assert_eq!(seen.get(), 2, "a subscriber sees them all");
}
