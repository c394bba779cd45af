//! Seed 001's last cell: the primes-and-messages program moved to asyncio, here on
//! coroasync. `yield from` is now `.await`, `async_sleep` is `sleep`, and the
//! hand-rolled scheduler is the event loop.
//!
//! The notebook's program runs forever; this one stops after `--found N` primes
//! (default 15). `--clock virtual` runs it on the virtual clock, where time moves
//! only when every task sleeps: since the prime search never sleeps (it only
//! yields), the message then prints once, which is exactly what asyncio would do
//! on such a clock.

use std::cell::Cell;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{EventLoop, gather, is_prime, print_matches, repetitive_message, spawn};
use corogen::fib;
use corolab::Flags;

fn main() -> ExitCode {
    let read = || -> Result<(usize, String), corolab::FlagError> {
        let flags = Flags::from_env(&["found", "clock"])?;
        Ok((
            flags.get("found", 15)?,
            flags.get("clock", "real".to_owned())?,
        ))
    };
    let (wanted, clock) = match read() {
        Ok(flags) => flags,
        Err(error) => {
            eprintln!("asyncio_primes: {error}");
            return ExitCode::from(2);
        }
    };
    let lp = match clock.as_str() {
        "real" => EventLoop::new(),
        "virtual" => EventLoop::with_virtual_clock(),
        other => {
            eprintln!("asyncio_primes: --clock is `real` or `virtual`, not {other:?}");
            return ExitCode::from(2);
        }
    };

    let outcome = lp.run_until_complete(async move {
        let found = Rc::new(Cell::new(0));
        let counter = Rc::clone(&found);
        // The notebook passes `is_prime` itself; this wrapper also counts, so the
        // program knows when to stop.
        let search_task = spawn(print_matches(fib(), async move |x: u64| {
            let prime = is_prime(x).await;
            counter.set(counter.get() + usize::from(prime));
            prime
        }));
        let repetitive_task = spawn(repetitive_message(
            "This is an async message!",
            Duration::from_secs(2),
        ));
        let (search, repetitive) = (search_task.to_ref(), repetitive_task.to_ref());
        let stopper = spawn(async move {
            while found.get() < wanted {
                coroasync::yield_now().await;
            }
            search.cancel();
            repetitive.cancel();
        });
        // The notebook waits on both forever; here they end cancelled.
        let _ = gather([search_task, repetitive_task]).await;
        stopper.await
    });
    match outcome {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("asyncio_primes: {error}");
            ExitCode::FAILURE
        }
    }
}
