//! The viewer in a real terminal: raw mode and the alternate screen, restored on
//! every way out (a return, an error, a panic).

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::keys::{Action, Viewer};
use super::layout;
use super::recording::Recording;

/// Restores the terminal when dropped: on a return or an error. A panic is
/// ratatui's panic hook's to restore, before the message is printed so that it
/// can be read; restoring twice would leave the alternate screen twice, and the
/// second time moves the cursor back over the message.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            ratatui::restore();
        }
    }
}

/// Shows `recording` until the reader quits.
pub fn show(recording: &Recording) -> io::Result<()> {
    // Made before the terminal changes, so a half-done set-up is undone too.
    let _restore = Restore;
    let mut terminal = ratatui::try_init()?;
    let mut viewer = Viewer::new(recording);
    loop {
        terminal.draw(|screen| layout::draw(screen, recording, &viewer))?;
        let wait = if viewer.playing {
            Duration::from_secs(1) / viewer.steps_per_second()
        } else {
            // Idle: only a key or a resize wakes the viewer.
            Duration::from_secs(3600)
        };
        if !event::poll(wait)? {
            viewer.tick();
            continue;
        }
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
            && viewer.key(key, recording) == Action::Quit
        {
            return Ok(());
        }
    }
}
