//! From `study-note`: one task prints a message every two seconds while another prints
//! the prime terms of `fib()`, both built from `yield from` helpers.
//!
//! The notebook's program runs forever; this one stops after `--found N` primes
//! (12 unless given: the search for the 12th, 3010349, takes long enough that the
//! message shows four times on the virtual clock). With `--virtual`, time moves
//! 1 ms per clock reading, so the interleaving is the same every run.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use corogen::Scheduler;
use corogen::notebook::{async_is_prime, async_print_matches, async_repetitive_message, fib};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::new::<usize>(
    "found",
    "12",
    "How many primes to find before the program stops",
)];

/// The message task and the prime task, until enough primes are found.
pub fn lesson(stage: &Stage) {
    let wanted: usize = stage.flag("found");
    let found = Rc::new(Cell::new(0));
    let clock = stage.clock();

    let mut sched: Scheduler<()> = Scheduler::with_trace(stage.trace());
    sched.add(async_repetitive_message(
        stage.trace(),
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
    sched.add(async_print_matches(stage.trace(), fib(), is_prime));

    while found.get() < wanted && sched.step().is_some() {}
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
