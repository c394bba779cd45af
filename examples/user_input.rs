//! From `module-1`: the simulated user at a keyboard. Each second `get_key()` says
//! which arrow key is pressed, if any (one chance in three or so); the first
//! reading comes before a second has passed, so it is always `None`. The keys come
//! from a seeded random source (`--seed`), so a run can be replayed.

use std::time::Duration;

use corolab::{Flag, Kind, PacedInput, Stage, UserInput, show_key};

/// This lesson runs on corogen's side of the course (it has no coroutine yet).
pub const KIND: Kind = Kind::Generators;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

/// Ten readings, a second apart.
pub fn lesson(stage: &Stage) {
    let mut user_input = PacedInput::new(UserInput::new(stage.random()), stage.clock());

    for _ in 0..10 {
        let key = user_input.get_key();
        stage.say(format_args!("Key pressed: {}", show_key(key)));
        stage.pause(Duration::from_secs(1));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
