//! What a generator scheduler's trace says about why: a routine that yields
//! waits for its turn, and a value sent in by the host wakes it out of turn.
//! These events print nothing: the notes' text stays as it was.

use std::convert::Infallible;

use corogen::{Cause, Event, Gen, Scheduler, TaskId, Thrown, Trace};

/// A routine that yields twice, then returns what it was sent last.
fn echo() -> Gen<(), u32, impl Future<Output = Result<u32, Infallible>>> {
    Gen::new(|co| async move {
        co.yield_(()).await;
        let sent = co.yield_(()).await;
        Ok(sent)
    })
}

/// The events a test reads here: the steps, the waits and the wakes' causes.
fn why(trace: &Trace) -> Vec<Event> {
    (trace.events().into_iter())
        .filter(|event| {
            matches!(
                event,
                Event::Running { .. } | Event::Waiting { .. } | Event::WokenBy { .. }
            )
        })
        .collect()
}

/// A scheduler with a capturing trace, and `echo` added to it.
fn traced_echo() -> (Trace, Scheduler<u32, u32>, TaskId) {
    let trace = Trace::capture();
    let mut scheduler = Scheduler::with_trace(trace.clone());
    let task = scheduler.add(echo());
    (trace, scheduler, task)
}

fn running(task: TaskId) -> Event {
    Event::Running {
        task: task.trace_id(),
    }
}

fn by_host(task: TaskId) -> Event {
    Event::WokenBy {
        task: task.trace_id(),
        by: Cause::Host,
    }
}

fn turn(task: TaskId) -> Event {
    Event::Waiting {
        task: task.trace_id(),
        on: "its turn".to_owned(),
    }
}

#[test]
fn a_routine_that_yields_waits_for_its_turn_and_one_that_returns_does_not() {
    let (trace, mut scheduler, task) = traced_echo();
    scheduler.run_to_completion();
    assert_eq!(
        why(&trace),
        [
            running(task),
            turn(task),
            running(task),
            turn(task),
            running(task)
        ]
    );
}

#[test]
fn a_value_sent_in_wakes_the_routine_by_the_host_before_its_step() {
    let (trace, mut scheduler, task) = traced_echo();
    scheduler.step();
    scheduler.send(task, 7).expect("started and paused");
    scheduler.run_to_completion();
    assert_eq!(
        why(&trace),
        [
            running(task),
            turn(task),
            by_host(task),
            running(task),
            turn(task),
            running(task)
        ]
    );
    assert_eq!(scheduler.take_result(task), Ok(0), "its turn sent 0 after");
}

#[test]
fn an_error_thrown_in_wakes_the_routine_by_the_host_too() {
    let (trace, mut scheduler, task) = traced_echo();
    scheduler.step();
    scheduler
        .throw(task, Thrown::new("stop"))
        .expect("started and paused");
    let events = why(&trace);
    assert_eq!(events[events.len() - 2..], [by_host(task), running(task)]);
}

#[test]
fn the_text_is_what_it_was_without_them() {
    let (trace, mut scheduler, task) = traced_echo();
    scheduler.step();
    scheduler.send(task, 7).expect("started and paused");
    scheduler.run_to_completion();
    let without = Trace::capture();
    for event in trace.events() {
        if !matches!(event, Event::Waiting { .. } | Event::WokenBy { .. }) {
            without.record(|| event);
        }
    }
    assert!(trace.text().contains("Running task 0"));
    assert_eq!(trace.text(), without.text());
}
