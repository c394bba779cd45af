//! The notes' programs on coroasync, used by the lessons: `study-note`'s asyncio port,
//! as async fns. The notebook's `is_prime`, `search`, `print_matches` and
//! `repetitive_message` once `yield from` has become `await` and its hand-rolled
//! scheduler has become the event loop. They live with the course, not in the
//! executor crate: they are what the lessons run on the loop, not part of it.
//!
//! Compare `corogen::notebook`'s `async_is_prime` and friends: there, each helper is lent the
//! generator's `Co` to yield through; here, `sleep(ZERO).await` yields to the loop
//! and nothing needs lending.

use std::fmt::Display;
use std::time::Duration;

use coroasync::{NotFound, say, sleep};

/// Whether `x` is prime, yielding to the loop after each trial division.
///
/// ```
/// use corolab::notebook::is_prime;
/// use coroasync::run;
///
/// assert_eq!(run(async { (is_prime(29).await, is_prime(91).await) }), Ok((true, false)));
/// ```
pub async fn is_prime(x: u64) -> bool {
    if x < 2 {
        return false;
    }
    for i in 2..=x.isqrt() {
        if x % i == 0 {
            return false;
        }
        // yield to avoid blocking on large numbers
        sleep(Duration::ZERO).await;
    }
    true
}

/// The first item that `predicate` accepts, yielding to the loop between items.
///
/// # Errors
///
/// [`NotFound`] when no item satisfies `predicate`.
///
/// ```
/// use corolab::notebook::{is_prime, search};
/// use coroasync::run;
///
/// let found = run(async { search([8, 9, 11, 12], async |x: u64| is_prime(x).await).await });
/// assert_eq!(found, Ok(Ok(11)));
/// ```
pub async fn search<I>(
    iterable: I,
    predicate: impl AsyncFn(I::Item) -> bool,
) -> Result<I::Item, NotFound>
where
    I: IntoIterator,
    I::Item: Clone,
{
    say!("search");
    for item in iterable {
        if predicate(item.clone()).await {
            say!("predicate returned True");
            return Ok(item);
        }
        sleep(Duration::ZERO).await;
    }
    Err(NotFound)
}

/// Says `Found: {item}` for each item `async_predicate` accepts.
///
/// ```
/// use corolab::notebook::{is_prime, print_matches};
/// use coroasync::{EventLoop, Trace};
///
/// let trace = Trace::capture();
/// let lp = EventLoop::new().with_trace(trace.clone());
/// lp.run_until_complete(print_matches(1..12, async |x: u64| is_prime(x).await)).unwrap();
/// assert_eq!(trace.output(), "Found: 2\nFound: 3\nFound: 5\nFound: 7\nFound: 11\n");
/// ```
pub async fn print_matches<I>(iterable: I, async_predicate: impl AsyncFn(I::Item) -> bool)
where
    I: IntoIterator,
    I::Item: Display + Clone,
{
    for item in iterable {
        if async_predicate(item.clone()).await {
            say!("Found: {item}");
        }
    }
}

/// Says `msg` every `interval`, forever.
pub async fn repetitive_message(msg: impl Display, interval: Duration) {
    loop {
        say!("{msg}");
        sleep(interval).await;
    }
}

/// Says `msg` `times` times, sleeping `interval` after each, then returns: the
/// bounded [`repetitive_message`], for a program that wants it to end (the sleep
/// after the last message is kept, so each message takes one interval, as in the
/// endless one). `times` of zero returns at once.
///
/// ```
/// use std::time::Duration;
/// use corolab::notebook::repetitive_message_n;
/// use coroasync::{EventLoop, Trace};
///
/// let trace = Trace::capture();
/// let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
/// lp.run_until_complete(repetitive_message_n("none", Duration::from_secs(2), 0)).unwrap();
/// assert_eq!(lp.now(), Duration::ZERO); // zero times: at once, silent
/// lp.run_until_complete(repetitive_message_n("tick", Duration::from_secs(2), 3)).unwrap();
/// assert_eq!(trace.output(), "tick\ntick\ntick\n");
/// assert_eq!(lp.now(), Duration::from_secs(6));
/// ```
pub async fn repetitive_message_n(msg: impl Display, interval: Duration, times: usize) {
    for _ in 0..times {
        say!("{msg}");
        sleep(interval).await;
    }
}
