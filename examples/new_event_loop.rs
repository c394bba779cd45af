//! From `asyncio-notes`, `asyncio.new_event_loop()`: a loop made by hand, not yet
//! running, and the line it prints about itself.

use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// The notes' cell. The stage makes the loop (`EventLoop::new()`, or
/// `EventLoop::with_virtual_clock()` under `--virtual`), so the line names its clock.
pub fn lesson(stage: &Stage) {
    // create and access a new event loop
    let event_loop = stage.event_loop();
    // report defaults of the loop
    stage.say(format_args!("{event_loop}"));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
