//! The notebook's endless program: one task prints a message every two seconds
//! while another prints the prime terms of `fib()`, both built from `yield from`.
//!
//! The notebook leaves it running forever; here it stops after `--found N` primes
//! (default 15) or `--steps N` scheduler steps, whichever comes first. With
//! `--clock virtual` time moves 1 ms per clock reading instead of in real time, so
//! the interleaving is the same on every machine.

use std::cell::Cell;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

use corogen::{
    Clock, Scheduler, SystemClock, VirtualClock, async_is_prime, async_print_matches,
    async_repetitive_message, fib,
};
use corolab::Flags;
use corotrace::Trace;

fn main() -> ExitCode {
    let read = || -> Result<_, Box<dyn std::error::Error>> {
        let flags = Flags::from_env(&["found", "steps", "clock"])?;
        let clock: String = flags.get("clock", "real".to_owned())?;
        Ok((
            flags.get("found", 15_usize)?,
            flags.get("steps", usize::MAX)?,
            clock,
        ))
    };
    let (found, steps, clock) = match read() {
        Ok(flags) => flags,
        Err(error) => {
            eprintln!("primes_and_messages: {error}");
            return ExitCode::from(2);
        }
    };
    match clock.as_str() {
        "real" => run(SystemClock::new(), found, steps),
        "virtual" => run(
            VirtualClock::ticking(Duration::from_millis(1)),
            found,
            steps,
        ),
        other => {
            eprintln!("primes_and_messages: --clock is `real` or `virtual`, not {other:?}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn run(clock: impl Clock + Clone + 'static, wanted: usize, steps: usize) {
    let trace = Trace::echo();
    let found = Rc::new(Cell::new(0));

    let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
    sched.add(async_repetitive_message(
        trace.clone(),
        clock.clone(),
        "This is an async message",
        Duration::from_secs(2),
    ));
    // The notebook passes `async_is_prime` itself; this wrapper also counts the
    // primes, so the program knows when to stop.
    let counter = Rc::clone(&found);
    let is_prime = async move |co: &_, x| {
        let prime = async_is_prime(co, &clock, x).await;
        counter.set(counter.get() + usize::from(prime));
        prime
    };
    sched.add(async_print_matches(trace, fib(), is_prime));

    let mut taken = 0;
    while found.get() < wanted && taken < steps && sched.step().is_some() {
        taken += 1;
    }
}
