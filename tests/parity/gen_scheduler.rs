//! The twins of the generator-side programs: corogen, driven directly.

use std::cell::Cell;
use std::convert::Infallible;
use std::rc::Rc;
use std::time::Duration;

use corogen::{
    Gen, Scheduler, Step, VirtualClock, async_is_prime, async_print_matches,
    async_repetitive_message, async_search, fib,
};
use corotrace::Trace;

fn searches(trace: &Trace, digits: &[usize]) -> Scheduler<u64> {
    let mut scheduler = Scheduler::with_trace(trace.clone());
    for &n in digits {
        scheduler.add(async_search(trace.clone(), fib(), move |x| {
            x.to_string().len() >= n
        }));
    }
    scheduler
}

pub fn one_task() -> String {
    let trace = Trace::capture();
    let mut scheduler = searches(&trace, &[3]);
    scheduler.run_to_completion();
    let answer = scheduler.take_result(corogen::TaskId::new(0)).unwrap();
    trace.print(format_args!("{answer}"));
    trace.text()
}

pub fn two_tasks() -> String {
    let trace = Trace::capture();
    searches(&trace, &[3, 4]).run_to_completion();
    trace.text()
}

pub fn three_tasks_one_fails() -> String {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    scheduler.add(async_search(trace.clone(), fib().take(5), |x| *x > 1000));
    scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 4
    }));
    scheduler.run_to_completion();
    trace.text()
}

pub fn primes_and_messages() -> String {
    let trace = Trace::capture();
    let clock = VirtualClock::ticking(Duration::from_millis(1));
    let found = Rc::new(Cell::new(0));
    let mut scheduler: Scheduler<()> = Scheduler::with_trace(trace.clone());
    scheduler.add(async_repetitive_message(
        trace.clone(),
        clock.clone(),
        "This is an async message",
        Duration::from_secs(2),
    ));
    let counter = Rc::clone(&found);
    scheduler.add(async_print_matches(
        trace.clone(),
        fib(),
        async move |co: &_, x| {
            let prime = async_is_prime(co, &clock, x).await;
            counter.set(counter.get() + usize::from(prime));
            prime
        },
    ));
    while found.get() < 12 {
        scheduler.step();
    }
    trace.text()
}

pub fn send() -> String {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<(), Option<char>, &str> = Scheduler::with_trace(trace.clone());
    let mover = scheduler.add(Gen::new(|co| async move {
        let mut key_pressed = None;
        loop {
            let action = match key_pressed {
                Some('⟹') => "right",
                Some('⟸') => "left",
                Some('⇑') => "up",
                Some('⇓') => "down",
                _ => "stay",
            };
            key_pressed = co.yield_(action).await;
        }
        #[allow(unreachable_code)]
        Ok::<(), Infallible>(())
    }));
    let say = |line: std::fmt::Arguments<'_>| trace.print(line);
    if let Some(Step::Yielded { value, .. }) = scheduler.step() {
        say(format_args!("COROUTINE: {value}"));
    }
    for key in [
        Some('⟹'),
        None,
        Some('⇑'),
        Some('x'),
        Some('⇓'),
        None,
        Some('⟸'),
    ] {
        match key {
            Some(key) => say(format_args!("MAIN FLOW: Key pressed: {key}")),
            None => say(format_args!("MAIN FLOW: Key pressed: None")),
        }
        if key.is_some()
            && let Ok(Step::Yielded { value, .. }) = scheduler.send(mover, key)
        {
            say(format_args!("COROUTINE: {value}"));
        }
    }
    // Only what the program printed: Python drives this generator by hand, with no
    // scheduler to print `Running task 0`.
    trace.output()
}
