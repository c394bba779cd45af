//! From `asyncio-notes`, "Coroutines" and "Event loop": calling a coroutine does not
//! run it, but makes a coroutine object; it runs only inside an event loop.
//! `asyncio.run` makes one, runs the coroutine to its end, and closes it.

use coroasync::say;
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn custom_coro() -> i32 {
    2 + 2
}

async fn main_() {
    // await for custom coroutine
    let result = custom_coro().await;
    say!("{result}");
}

/// `m = main()`, `print(type(m))`; then `m = main()` again and `asyncio.run(m)`.
pub fn lesson(stage: &Stage) {
    // Not executed yet: `m` is a future, not 4. Its type is one the compiler made
    // for the body of `main_`, named after it; inside the library the lesson's
    // module sits under `corolab::lessons`, a prefix cut so that the name is the
    // same however the lesson is built. Dropped unpolled, it never runs.
    let m = main_();
    let name = std::any::type_name_of_val(&m).replace("corolab::lessons::", "");
    stage.say(format_args!("{name}"));
    drop(m);

    let m = main_();
    // start the coroutine program
    if let Err(error) = stage.run(m) {
        stage.say(format_args!("{error}"));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
