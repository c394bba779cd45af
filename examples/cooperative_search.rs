//! From `study-note`: the cooperative linear search, driven by hand. Each `g.resume()`
//! is the notebook's `next(g)`, and between them the caller does other stuff.

use corogen::GeneratorState;
use corogen::notebook::{async_search, fib};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// Eleven `next(g)` calls with other work between them.
pub fn lesson(stage: &Stage) {
    let mut g = async_search(stage.trace(), fib(), |x| x.to_string().len() >= 3);
    let mut next = || g.resume();

    next();
    next();
    next();
    stage.say(format_args!("Do other stuff 1"));
    next();
    next();
    next();
    next();
    stage.say(format_args!("Do other stuff 2"));
    next();
    next();
    stage.say(format_args!("Do other stuff 3"));
    next();

    // The eleventh resume finds 123. Python's generator says so by raising
    // StopIteration with the value; genawaiter returns it as `Complete`.
    match next() {
        GeneratorState::Complete(Ok(found)) => stage.say(format_args!("StopIteration: {found}")),
        GeneratorState::Complete(Err(error)) => stage.say(format_args!("ValueError: {error}")),
        GeneratorState::Yielded(()) => stage.say(format_args!("(still searching)")),
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
