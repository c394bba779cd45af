//! `study-note`'s last cell: the primes-and-messages program moved to asyncio, here on
//! coroasync. `yield from` is now `.await`, `async_sleep` is `sleep`, and the
//! hand-rolled scheduler is the event loop.
//!
//! The notebook's program runs forever; this one stops after `--found N` primes
//! (13 unless given). On real time the message comes every two seconds while the
//! search runs. On virtual time (`--virtual`) the clock would move only when every
//! task sleeps, and the search never sleeps (it only yields): computing costs
//! nothing there, so the lesson charges each pass of the loop `PASS_COST`, as the
//! generator lessons' clock moves 1 ms per reading, and the message comes back
//! while the search goes on.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use coroasync::{Event, EventLoop, RunError, gather, spawn};
use corogen::notebook::fib;
use corolab::notebook::{is_prime, print_matches, repetitive_message};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::new::<usize>(
    "found",
    "13",
    "How many primes to find before the program stops",
)];

/// `gather(print_matches(fib(), is_prime), repetitive_message(...))`, bounded.
pub fn lesson(stage: &Stage) {
    let wanted: usize = stage.flag("found");
    let main = async move {
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
    };
    let outcome = if stage.is_virtual() {
        run_charging(&stage.event_loop(), main)
    } else {
        stage.run(main)
    };
    if let Err(error) = outcome {
        stage.say(format_args!("{error}"));
    }
}

/// What one pass of the loop costs on the virtual clock.
const PASS_COST: Duration = Duration::from_millis(1);

/// `event_loop.run(main)` on a virtual clock, one pass at a time, each pass
/// moving the clock on by `PASS_COST` (and, with nothing ready, on to the next
/// timer, as the loop does by itself).
fn run_charging<T: 'static>(
    event_loop: &EventLoop,
    main: impl Future<Output = T> + 'static,
) -> Result<T, RunError> {
    let task = event_loop.spawn(main);
    let mut idle_until = None;
    while !task.is_done() {
        let wait = idle_until.map_or(Duration::ZERO, |at: Duration| {
            at.saturating_sub(event_loop.now() + PASS_COST)
        });
        // `advance` fails only on a real clock, which this is not run on.
        let _ = event_loop.advance(PASS_COST + wait);
        let pass = event_loop.tick()?;
        if pass.ready == 0 && pass.next_deadline.is_none() {
            break; // stuck: the loop's own run below says why
        }
        idle_until = pass.next_deadline.filter(|_| pass.ready == 0);
    }
    event_loop
        .run_until_complete(async move { task.await })?
        .map_err(RunError::Failed)
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
