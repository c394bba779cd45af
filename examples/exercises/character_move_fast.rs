//! `module-1`'s question 1.1 for "Sending key presses into a generator": make the
//! events come faster, `UserInput(0.1)` instead of `UserInput(1)`, and watch the
//! loop that sleeps a second between readings fall behind. `--period` is the
//! user's period in seconds (0.1); each reading that comes more than two periods
//! late prints the note's warning, which Python sends to stderr.

use std::convert::Infallible;
use std::time::Duration;

use corogen::{Gen, PyRepr, Scheduler, Step};
use corolab::{Flag, Kind, PacedInput, Stage, UserInput, movement};

/// This exercise runs on corogen, as its lesson does.
pub const KIND: Kind = Kind::Generators;

/// The flags this exercise takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<f64>(
        "period",
        "0.1",
        "How often the user may press a key, in seconds",
    ),
    Flag::seed("7"),
];

/// The lesson's loop, reading a user who presses keys every `--period` seconds.
pub fn lesson(stage: &Stage) {
    let mut scheduler: Scheduler<(), Option<char>, &'static str> = Scheduler::new();
    let character_move_coroutine = scheduler.add(Gen::new(|co| async move {
        let mut key_pressed = None;
        loop {
            let action = movement(key_pressed);
            key_pressed = co.yield_(action).await;
        }
        #[allow(unreachable_code)]
        Ok::<(), Infallible>(())
    }));
    scheduler.step();

    let period = Duration::from_secs_f64(stage.flag::<f64>("period").max(0.0));
    let mut user_input =
        PacedInput::new(UserInput::new(stage.random()), stage.clock()).with_period(period);
    for _ in 0..10 {
        let key = user_input.get_key();
        if let Some(late) = user_input.late_by() {
            stage.say(format_args!(
                "UserWarning: Getting the pressed key is delayed by {:.3} seconds, \
                 previous events may be lost.",
                late.as_secs_f64()
            ));
        }
        stage.say(format_args!("MAIN FLOW: Key pressed: {}", key.py_str()));
        if key.is_some()
            && let Ok(Step::Yielded { value, .. }) = scheduler.send(character_move_coroutine, key)
        {
            stage.say(format_args!("COROUTINE: {value}"));
        }
        stage.pause(Duration::from_secs(1));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
