//! A trace's subscribers: every event, once, in order, whatever they do.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use corotrace::{Event, TaskId, Trace};

/// A subscriber that keeps what it is given, and the events it kept.
fn keeping() -> (Rc<RefCell<Vec<Event>>>, impl FnMut(&Event) + 'static) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let keep = Rc::clone(&seen);
    (seen, move |event: &Event| {
        keep.borrow_mut().push(event.clone())
    })
}

fn run_two_steps(trace: &Trace) {
    let task = TaskId::new(0);
    trace.record(|| Event::Added { task });
    trace.enter(task);
    trace.print(format_args!("hello"));
    trace.leave();
    trace.record(|| Event::Completed {
        task,
        value: "1".into(),
    });
}

#[test]
fn a_subscriber_sees_what_the_capture_keeps_in_the_same_order() {
    let (seen, subscriber) = keeping();
    let trace = Trace::capture().with_subscriber(subscriber);
    run_two_steps(&trace);
    assert_eq!(seen.borrow().len(), 4);
    assert_eq!(*seen.borrow(), trace.events());
}

#[test]
fn an_off_trace_with_a_subscriber_records_for_it_and_keeps_nothing() {
    let (seen, subscriber) = keeping();
    let trace = Trace::off().with_subscriber(subscriber);
    assert!(trace.is_on());
    run_two_steps(&trace.clone());
    assert_eq!(seen.borrow().len(), 4);
    assert!(trace.events().is_empty());
}

#[test]
fn every_subscriber_sees_every_event() {
    let (first, one) = keeping();
    let (second, two) = keeping();
    let trace = Trace::capture().with_subscriber(one).with_subscriber(two);
    run_two_steps(&trace);
    assert_eq!(*first.borrow(), trace.events());
    assert_eq!(*second.borrow(), trace.events());
}

#[test]
fn a_subscriber_that_prints_into_its_trace_sees_that_line_next_without_recursing() {
    let (seen, mut keep) = keeping();
    let trace = Trace::capture();
    let inner = trace.clone();
    let trace = trace.with_subscriber(move |event| {
        keep(event);
        if let Event::Running { task } = event {
            inner.print(format_args!("subscriber saw task {task} run"));
        }
    });
    run_two_steps(&trace);
    let lines: Vec<String> = seen
        .borrow()
        .iter()
        .filter_map(|e| match e {
            Event::Printed { line, .. } => Some(line.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(lines, ["subscriber saw task 0 run", "hello"]);
    assert_eq!(*seen.borrow(), trace.events());
}

#[test]
fn a_subscriber_that_panicked_once_still_sees_the_events_after() {
    let (seen, mut keep) = keeping();
    let mut calls = 0;
    let trace = Trace::capture().with_subscriber(move |event| {
        calls += 1;
        if calls == 1 {
            panic!("the first event is refused");
        }
        keep(event);
    });
    let task = TaskId::new(0);
    let first = catch_unwind(AssertUnwindSafe(|| trace.record(|| Event::Added { task })));
    assert!(first.is_err());
    trace.record(|| Event::Cancelled { task });
    assert_eq!(*seen.borrow(), [Event::Cancelled { task }]);
}

#[test]
fn a_subscriber_added_by_a_subscriber_sees_the_events_after_it_joined() {
    let (late, keep) = keeping();
    let keep = RefCell::new(Some(keep));
    let trace = Trace::capture();
    let handle = trace.clone();
    let trace = trace.with_subscriber(move |_| {
        if let Some(keep) = keep.borrow_mut().take() {
            let _ = handle.clone().with_subscriber(keep);
        }
    });
    let task = TaskId::new(0);
    trace.record(|| Event::Added { task });
    trace.record(|| Event::Cancelled { task });
    assert_eq!(*late.borrow(), [Event::Cancelled { task }]);
}
