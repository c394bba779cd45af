//! Seed 001: the blocking linear search, which holds the thread until it is done.

use corogen::{fib, search};
use corolab::{Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// `search(fib(), lambda x: len(str(x)) >= 3)`.
pub fn lesson(stage: &Stage) {
    match search(fib(), |x| x.to_string().len() >= 3) {
        Ok(found) => stage.say(format_args!("{found}")),
        Err(error) => stage.say(format_args!("ValueError: {error}")),
    }
}

fn main() {
    corolab::play(KIND, lesson);
}
