use std::future::Future;

use crate::Gen;
use corotrace::{NotFound, Trace};

/// The first item of `iterable` that satisfies `predicate`: the notebook's
/// blocking linear search, which holds the thread until it is done.
///
/// # Errors
///
/// [`NotFound`] when no item satisfies `predicate`.
///
/// ```
/// use corogen::notebook::{fib, search};
/// use corogen::NotFound;
///
/// assert_eq!(search(fib(), |x| x.to_string().len() >= 3), Ok(123));
/// assert_eq!(search(1..10, |&x| x > 100), Err(NotFound));
/// ```
pub fn search<I: IntoIterator>(
    iterable: I,
    mut predicate: impl FnMut(&I::Item) -> bool,
) -> Result<I::Item, NotFound> {
    iterable
        .into_iter()
        .find(|item| predicate(item))
        .ok_or(NotFound)
}

/// The cooperative linear search: a generator that checks one item per step and
/// yields to its caller after each miss.
///
/// It completes with `Ok(item)`, Python's `return item` (carried by
/// `StopIteration`), or `Err(NotFound)`, Python's `raise ValueError("Not found")`.
/// What the notebook prints goes to `trace`, attributed to the task running it.
/// Nothing runs, not even `initializing generator`, until the first resume.
///
/// ```
/// use corogen::notebook::{async_search, fib};
/// use corogen::{GeneratorState, Trace};
///
/// let trace = Trace::capture();
/// let mut g = async_search(trace.clone(), fib(), |x| x.to_string().len() >= 3);
/// let mut misses = 0;
/// let found = loop {
///     match g.resume() {
///         GeneratorState::Yielded(()) => misses += 1,
///         GeneratorState::Complete(result) => break result,
///     }
/// };
/// assert_eq!(found, Ok(123));
/// assert_eq!(misses, 10);
/// assert!(trace.text().ends_with("async_search - predicate returned True\n"));
/// ```
pub fn async_search<I, P>(
    trace: Trace,
    iterable: I,
    mut predicate: P,
) -> Gen<(), (), impl Future<Output = Result<I::Item, NotFound>>>
where
    I: IntoIterator,
    P: FnMut(&I::Item) -> bool,
{
    Gen::new(move |co| async move {
        trace.print(format_args!("initializing generator"));
        let mut call_counter: u64 = 0;
        for item in iterable {
            call_counter += 1;
            trace.print(format_args!("async_search - called {call_counter} times"));
            if predicate(&item) {
                trace.print(format_args!("async_search - predicate returned True"));
                return Ok(item);
            }
            // Hand control back to whoever resumes us: Python's bare `yield`.
            co.yield_(()).await;
        }
        Err(NotFound)
    })
}
