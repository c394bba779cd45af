//! From `study-note`: the blocking linear search, which holds the thread until it is
//! done.

use corogen::notebook::{fib, search};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `search(fib(), lambda x: len(str(x)) >= 3)`.
pub fn lesson(stage: &Stage) {
    match search(fib(), |x| x.to_string().len() >= 3) {
        Ok(found) => stage.say(format_args!("{found}")),
        Err(error) => stage.say(format_args!("ValueError: {error}")),
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
