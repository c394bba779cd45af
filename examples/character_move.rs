//! Seed 003's character mover: a generator that turns key presses into moves,
//! woken by `send` only when a key was pressed.
//!
//! Python:
//! ```python
//! def handle_character_move():
//!     movements = dict(zip("⟹⟸⇑⇓", ["right", "left", "up", "down"]))
//!     key_pressed = None
//!     while True:
//!         action = movements.get(key_pressed, "stay")
//!         key_pressed = (yield action)
//! ```
//!
//! The simulated user presses an arrow key with probability 0.3 each frame, from
//! a seeded random source (`--seed`), so a run can be replayed. `--frames` sets
//! how many frames run (10) and `--delay-ms` how long each lasts (1000).

use std::convert::Infallible;
use std::process::ExitCode;
use std::time::Duration;

use corogen::Gen;
use corogen::{Scheduler, Step};
use corolab::{Flags, SplitMix64};

/// A simulated user at a keyboard (the seed's `UserInput`): each frame they
/// press one of the arrow keys with `pressed_probability`, or nothing.
struct UserInput {
    choices: Vec<char>,
    pressed_probability: f64,
    random: SplitMix64,
}

impl UserInput {
    fn new(seed: u64) -> Self {
        Self {
            choices: "⟹⟸⇑⇓".chars().collect(),
            pressed_probability: 0.3,
            random: SplitMix64::new(seed),
        }
    }

    fn get_key(&mut self) -> Option<char> {
        if self.pressed_probability > self.random.next_f64() {
            self.random.choice(&self.choices).copied()
        } else {
            None
        }
    }
}

fn movement(key: Option<char>) -> &'static str {
    match key {
        Some('⟹') => "right",
        Some('⟸') => "left",
        Some('⇑') => "up",
        Some('⇓') => "down",
        _ => "stay",
    }
}

fn main() -> ExitCode {
    let read = || -> Result<(u64, usize, u64), corolab::FlagError> {
        let flags = Flags::from_env(&["seed", "frames", "delay-ms"])?;
        Ok((
            flags.get("seed", 7)?,
            flags.get("frames", 10)?,
            flags.get("delay-ms", 1000)?,
        ))
    };
    let (seed, frames, delay_ms) = match read() {
        Ok(flags) => flags,
        Err(error) => {
            eprintln!("character_move: {error}");
            return ExitCode::from(2);
        }
    };

    // Sent: the key pressed. Yielded: the move it makes.
    let mut scheduler: Scheduler<(), Option<char>, &'static str> = Scheduler::new();
    let mover = scheduler.add(Gen::new(|co| async move {
        let mut key_pressed = None;
        loop {
            let action = movement(key_pressed);
            key_pressed = co.yield_(action).await;
        }
        #[allow(unreachable_code)]
        Ok::<(), Infallible>(())
    }));
    // Let it run till the first `yield`, as the notebook's `next(coroutine)` does.
    scheduler.step();

    let mut user_input = UserInput::new(seed);
    for _ in 0..frames {
        let key = user_input.get_key();
        match key {
            Some(key) => println!("MAIN FLOW: Key pressed: {key}"),
            None => println!("MAIN FLOW: Key pressed: None"),
        }
        if key.is_some() {
            match scheduler.send(mover, key) {
                Ok(Step::Yielded { value, .. }) => println!("COROUTINE: {value}"),
                Ok(step) => println!("COROUTINE: stopped ({step:?})"),
                Err(error) => println!("COROUTINE: {error}"),
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
    }
    ExitCode::SUCCESS
}
