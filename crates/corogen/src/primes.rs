use std::convert::Infallible;
use std::fmt::Display;
use std::future::Future;
use std::time::Duration;

use crate::{Co, Gen};
use corotrace::Trace;

use crate::Clock;
use crate::notebook::async_sleep;

/// Whether `x` is prime, by trial division, yielding between divisions so a long
/// check never holds up the other tasks: the notebook's `async_is_prime`.
///
/// Each `yield from async_sleep(0)` is `async_sleep(co, clock, ZERO).await`; see
/// [`async_sleep`] for why a helper that borrows `&Co` is Rust's `yield from`.
/// The divisors run to `x.isqrt()`, which is exact where Python's
/// `int(sqrt(x))` goes through a float.
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::async_is_prime;
/// use corogen::VirtualClock;
/// use corogen::{Gen, GeneratorState};
///
/// let clock = VirtualClock::ticking(Duration::from_millis(1));
/// let mut g = Gen::new(|co| async move { async_is_prime(&co, &clock, 29).await });
/// let mut yields = 0;
/// let prime = loop {
///     match g.resume() {
///         GeneratorState::Yielded(()) => yields += 1,
///         GeneratorState::Complete(prime) => break prime,
///     }
/// };
/// assert!(prime);
/// assert_eq!(yields, 4); // after trying 2, 3, 4 and 5
/// ```
pub async fn async_is_prime<S>(co: &Co<(), S>, clock: &impl Clock, x: u64) -> bool {
    if x < 2 {
        return false;
    }
    for i in 2..=x.isqrt() {
        if x % i == 0 {
            return false;
        }
        async_sleep(co, clock, Duration::ZERO).await;
    }
    true
}

/// Prints `Found: {item}` for each item of `iterable` that `async_predicate`
/// accepts, letting the predicate yield as it works: the notebook's
/// `async_print_matches`.
///
/// The predicate is an async closure that is lent the generator's `&Co`, so it
/// can `yield from` too: `matches = yield from async_predicate(item)` becomes
/// `async_predicate(&co, item).await`. The generator completes when `iterable`
/// ends (never, for [`fib`](crate::notebook::fib) before it runs out of `u64`).
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::{async_is_prime, async_print_matches};
/// use corogen::{Scheduler, Trace, VirtualClock};
///
/// let trace = Trace::capture();
/// let clock = VirtualClock::ticking(Duration::from_millis(1));
/// let is_prime = async move |co: &_, x| async_is_prime(co, &clock, x).await;
/// let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
/// sched.add(async_print_matches(trace.clone(), 1..12, is_prime));
/// sched.run_to_completion();
/// let found: Vec<String> = trace.text().lines().filter(|l| l.starts_with("Found")).map(String::from).collect();
/// assert_eq!(found, ["Found: 2", "Found: 3", "Found: 5", "Found: 7", "Found: 11"]);
/// ```
pub fn async_print_matches<I, P>(
    trace: Trace,
    iterable: I,
    async_predicate: P,
) -> Gen<(), (), impl Future<Output = Result<(), Infallible>>>
where
    I: IntoIterator,
    I::Item: Display + Clone,
    P: AsyncFn(&Co<()>, I::Item) -> bool,
{
    Gen::new(move |co| async move {
        for item in iterable {
            let matches = async_predicate(&co, item.clone()).await;
            if matches {
                trace.print(format_args!("Found: {item}"));
            }
        }
        Ok(())
    })
}
