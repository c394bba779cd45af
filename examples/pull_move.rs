//! From `module-1`: a generator that turns key presses into moves, pulling each key
//! itself. The main flow reads the same user in the same second, so both see the
//! same key. The keys come from a seeded random source (`--seed`).

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use corogen::Gen;
use corolab::{Flag, Kind, PacedInput, Stage, StageClock, UserInput, movement, show_key};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

/// The user, shared by the generator and the main flow, as the note's one object is.
type SharedInput = Rc<RefCell<PacedInput<StageClock>>>;

/// The note's first `handle_character_move`: reads a key, yields its move, for ever.
fn handle_character_move(
    user_input: SharedInput,
) -> Gen<&'static str, (), impl Future<Output = ()>> {
    Gen::new(|co| async move {
        loop {
            let key_pressed = user_input.borrow_mut().get_key();
            co.yield_(movement(key_pressed)).await;
        }
    })
}

/// Ten seconds of the generator's moves beside the main flow's own reading.
pub fn lesson(stage: &Stage) {
    let user_input = PacedInput::new(UserInput::new(stage.random()), stage.clock());
    let user_input: SharedInput = Rc::new(RefCell::new(user_input));

    // `zip` asks the range first, so the generator is not resumed an eleventh time.
    for (_, action) in (0..10).zip(handle_character_move(Rc::clone(&user_input))) {
        let key = user_input.borrow_mut().get_key();
        stage.say(format_args!("MAIN FLOW: Key pressed: {}", show_key(key)));
        stage.say(format_args!("COROUTINE: {action}"));
        stage.pause(Duration::from_secs(1));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
