//! The cooperative linear search, driven by hand: each `g.resume()` is the
//! notebook's `next(g)`, and between them the caller does other stuff.

use corogen::GeneratorState;
use corogen::{async_search, fib};
use corotrace::Trace;

fn main() {
    let trace = Trace::echo();
    let mut g = async_search(trace.clone(), fib(), |x| x.to_string().len() >= 3);
    let mut next = || g.resume();

    // Between steps the generator is paused; the caller decides when it goes on.
    next();
    next();
    next();
    trace.print(format_args!("Do other stuff 1"));
    next();
    next();
    next();
    next();
    trace.print(format_args!("Do other stuff 2"));
    next();
    next();
    trace.print(format_args!("Do other stuff 3"));
    next();

    // The eleventh resume finds 123. Python's generator says so by raising
    // StopIteration with the value; genawaiter returns it as `Complete`.
    match next() {
        GeneratorState::Complete(Ok(found)) => println!("StopIteration: {found}"),
        GeneratorState::Complete(Err(error)) => println!("ValueError: {error}"),
        GeneratorState::Yielded(()) => println!("(still searching)"),
    }
}
