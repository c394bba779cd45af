//! `study-note`'s last cell: the primes-and-messages program moved to asyncio, here on
//! coroasync. `yield from` is now `.await`, `async_sleep` is `sleep`, and the
//! hand-rolled scheduler is the event loop.
//!
//! The notebook's program runs forever; this one stops after `--found N` primes
//! (12 unless given). On virtual time (`--virtual`) the clock moves only when every
//! task sleeps; the prime search never sleeps (it only yields), so the message
//! prints once, which is what asyncio would do on such a clock too.

use std::cell::Cell;
use std::time::Duration;

use coroasync::{Event, gather, is_prime, print_matches, repetitive_message, spawn};
use corogen::fib;
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::new::<usize>(
    "found",
    "12",
    "How many primes to find before the program stops",
)];

/// `gather(print_matches(fib(), is_prime), repetitive_message(...))`, bounded.
pub fn lesson(stage: &Stage) {
    let wanted: usize = stage.flag("found");
    let outcome = stage.run(async move {
        // Set once `wanted` primes are found: the main task waits on it, rather
        // than polling a counter, which would keep the loop always busy.
        let enough = Event::new();
        let found = Cell::new(0);
        // The notebook passes `is_prime` itself; this wrapper also counts, so the
        // program knows when to stop.
        let counted = {
            let enough = enough.clone();
            async move |x: u64| {
                let prime = is_prime(x).await;
                found.set(found.get() + usize::from(prime));
                if found.get() == wanted {
                    enough.set();
                }
                prime
            }
        };
        let search_task = spawn(print_matches(fib(), counted));
        let repetitive_task = spawn(repetitive_message(
            "This is an async message!",
            Duration::from_secs(2),
        ));
        enough.wait().await;
        // The notebook waits on both forever; here they end cancelled.
        search_task.cancel();
        repetitive_task.cancel();
        let _ = gather([search_task, repetitive_task]).await;
    });
    if let Err(error) = outcome {
        stage.say(format_args!("{error}"));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
