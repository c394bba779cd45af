//! From `module-1`: a generator that turns key presses into moves, woken by `send` only
//! when a key was pressed. The simulated user presses an arrow key with
//! probability 0.3 each second, from a seeded random source (`--seed`), so a run
//! can be replayed; `--frames` sets how many seconds it runs (10).

use std::time::Duration;

use corogen::{Gen, GeneratorState, PyRepr};
use corolab::{Flag, Kind, Stage, UserInput, movement};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<u32>("frames", "10", "How many seconds the user is watched"),
    Flag::seed("7"),
];

/// The note's second `handle_character_move`, fed through `send`.
pub fn lesson(stage: &Stage) {
    // Sent in: the key pressed. Yielded out: the move it makes. The body never
    // returns, as the Python's `while True` does not.
    let mut character_move_coroutine = Gen::new(|co| async move {
        let mut key_pressed = None;
        loop {
            let action = movement(key_pressed);
            key_pressed = co.yield_(action).await;
        }
    });
    // Let it run till the first `yield`, as the notebook's `next(coroutine)` does:
    // the first resume's value is dropped, for no `yield` waits for it yet.
    character_move_coroutine.resume_with(None);

    let mut user_input = UserInput::new(stage.random());
    for _ in 0..stage.flag::<u32>("frames") {
        let key = user_input.get_key();
        stage.say(format_args!("MAIN FLOW: Key pressed: {}", key.py_str()));
        if key.is_some()
            && let GeneratorState::Yielded(action) = character_move_coroutine.resume_with(key)
        {
            stage.say(format_args!("COROUTINE: {action}"));
        }
        stage.pause(Duration::from_secs(1));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
