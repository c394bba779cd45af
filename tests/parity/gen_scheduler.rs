//! The twins of the generator-side programs that no lesson covers: corogen,
//! driven directly. (The one-task, two-task and primes-and-messages programs are
//! lessons, checked against their own Python in `lessons.rs`.)

use std::convert::Infallible;

use corogen::notebook::{async_search, fib};
use corogen::{Gen, Scheduler, Step};
use corotrace::Trace;

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
