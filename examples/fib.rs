//! From `study-note`: the `fib()` generator. Calling it runs nothing; `next(f)` runs it
//! to its next `yield`.

use corogen::PyRepr;
use corogen::notebook::fib;
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `f = fib(); next(f)`, then `list(islice(fib(), 20))`.
pub fn lesson(stage: &Stage) {
    let mut f = fib();
    if let Some(first) = f.next() {
        stage.say(format_args!("{first}"));
    }
    let first_twenty: Vec<u64> = fib().take(20).collect();
    stage.say(format_args!("{}", first_twenty.py_str()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
