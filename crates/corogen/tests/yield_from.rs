//! The notebook's primes-and-messages program, built from `yield from` helpers,
//! on a virtual clock that moves 1 ms per reading.
//!
//! The snapshot holds the lines the routines print (the `Running task N` lines
//! are left out: thousands of them). It was read against the notebook's Python
//! run with `time.time` replaced by the same ticking clock, stopped at the same
//! point: the full outputs, 4,408 lines each, are identical.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use corogen::notebook::{
    async_is_prime, async_print_matches, async_repetitive_message, async_repetitive_message_n, fib,
};
use corogen::{Event, Scheduler, Trace, VirtualClock};

fn run_until_found(wanted: usize) -> (Trace, Vec<Event>) {
    let trace = Trace::capture();
    let clock = VirtualClock::ticking(Duration::from_millis(1));
    let found = Rc::new(Cell::new(0));
    let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
    sched.add(async_repetitive_message(
        trace.clone(),
        clock.clone(),
        "This is an async message",
        Duration::from_secs(2),
    ));
    let counter = Rc::clone(&found);
    sched.add(async_print_matches(
        trace.clone(),
        fib(),
        async move |co: &_, x| {
            let prime = async_is_prime(co, &clock, x).await;
            counter.set(counter.get() + usize::from(prime));
            prime
        },
    ));
    while found.get() < wanted {
        assert!(sched.step().is_some(), "the program ended by itself");
    }
    let events = trace.events();
    (trace, events)
}

#[test]
fn primes_and_messages_interleave_as_in_the_notebook() {
    let (trace, events) = run_until_found(12);
    let printed: String = events
        .iter()
        .filter(|e| matches!(e, Event::Printed { .. }))
        .map(|e| format!("{e}\n"))
        .collect();
    insta::assert_snapshot!("primes_and_messages", printed);
    assert_eq!(trace.text().lines().count(), 4408);
    let messages = printed
        .lines()
        .filter(|l| *l == "This is an async message")
        .count();
    assert_eq!(messages, 4);
}

#[test]
fn the_bounded_repetitive_message_ends_after_so_many() {
    let trace = Trace::capture();
    let clock = VirtualClock::ticking(Duration::from_secs(1));
    let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
    let none = sched.add(async_repetitive_message_n(
        trace.clone(),
        clock.clone(),
        "never said",
        Duration::from_secs(1),
        0,
    ));
    let three = sched.add(async_repetitive_message_n(
        trace.clone(),
        clock.clone(),
        "tick",
        Duration::from_secs(2),
        3,
    ));
    // Said once, then asleep for ever: it must not end, nor overflow.
    let endless = sched.add(async_repetitive_message_n(
        trace.clone(),
        clock,
        "once",
        Duration::MAX,
        2,
    ));
    sched.run_steps(100);
    assert_eq!(sched.state(none), Some(corogen::TaskState::Completed));
    assert_eq!(sched.state(three), Some(corogen::TaskState::Completed));
    assert_eq!(sched.state(endless), Some(corogen::TaskState::Runnable));
    let said: Vec<_> = trace
        .text()
        .lines()
        .filter(|line| !line.starts_with("Running"))
        .map(str::to_owned)
        .collect();
    assert_eq!(said.iter().filter(|l| *l == "tick").count(), 3);
    assert_eq!(said.iter().filter(|l| *l == "once").count(), 1);
    assert!(!said.iter().any(|l| l == "never said"));
}
