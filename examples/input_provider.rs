//! From `module-1`: the event loop inside. A coroutine awaits key presses from an
//! awaitable that the loop feeds; the loop is ten lines: poll, send a key, sleep.
//!
//! Python's loop passes each key in with `coroutine.send(key)`; a Rust future
//! takes no values when polled, so the loop leaves the key in a mailbox the
//! awaitable reads. Python prints a dot with `print(".", end="")`, growing one line
//! as it waits; the lesson's output is made of whole lines, so each dot is a line
//! of its own, printed the moment the awaitable is woken empty: one a second.

use std::cell::Cell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use corolab::{Flag, Kind, Stage, UserInput, movement};

/// This lesson drives futures by hand.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

/// Where the loop leaves the key pressed.
#[derive(Default)]
struct Mailbox {
    key: Cell<Option<char>>,
}

/// Python's `InputProvider`: waits, printing a dot each time it is woken empty.
struct InputProvider<'a> {
    stage: &'a Stage,
    mailbox: Rc<Mailbox>,
}

impl Future for InputProvider<'_> {
    type Output = char;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<char> {
        match self.mailbox.key.take() {
            Some(key) => Poll::Ready(key),
            None => {
                self.stage.say(format_args!("."));
                Poll::Pending
            }
        }
    }
}

async fn get_key_pressed(stage: &Stage, mailbox: &Rc<Mailbox>) -> char {
    InputProvider {
        stage,
        mailbox: Rc::clone(mailbox),
    }
    .await
}

async fn handle_character_move(stage: &Stage, mailbox: Rc<Mailbox>) {
    for _ in 0..5 {
        let key_pressed = get_key_pressed(stage, &mailbox).await;
        stage.say(format_args!("ACTION: {}", movement(Some(key_pressed))));
    }
}

/// The note's `run(coroutine)`: the whole event loop.
fn run(stage: &Stage, coroutine: impl Future<Output = ()>, mailbox: &Mailbox) {
    let mut user_input = UserInput::new(stage.random());
    let mut coroutine = pin!(coroutine);
    let mut cx = Context::from_waker(Waker::noop());
    // Run the coroutine until its first pause, then feed it a key a second.
    while coroutine.as_mut().poll(&mut cx).is_pending() {
        mailbox.key.set(user_input.get_key());
        stage.pause(Duration::from_secs(1));
    }
    stage.say(format_args!("Bye!"));
}

/// Five moves, read from the simulated keyboard.
pub fn lesson(stage: &Stage) {
    let mailbox = Rc::new(Mailbox::default());
    run(
        stage,
        handle_character_move(stage, Rc::clone(&mailbox)),
        &mailbox,
    );
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
