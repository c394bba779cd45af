//! What each key does: the viewer's position in the recording, play and pause,
//! help, and the source panes' scroll. Pure state, so tests drive it as a
//! person would, key by key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::recording::Recording;

/// The speeds `+` and `-` step through, in steps a second.
pub const SPEEDS: [u32; 6] = [1, 2, 4, 8, 16, 32];

/// The keys, as `?` shows them.
pub const HELP: &[(&str, &str)] = &[
    ("→ l n", "next step"),
    ("← h p", "previous step"),
    ("o", "run to the next line of output"),
    ("Home g", "first step"),
    ("End G", "last step"),
    ("space", "play or pause"),
    ("+ -", "play faster or slower"),
    ("↑ ↓ PgUp PgDn", "scroll the sources"),
    ("?", "this help (any key closes it)"),
    ("q Esc", "quit"),
];

/// Where the viewer is and how it shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The step shown (0: before the first).
    pub step: usize,
    /// The last step.
    pub last: usize,
    /// Whether it plays on by itself.
    pub playing: bool,
    /// An index into [`SPEEDS`].
    pub speed: usize,
    /// Whether the help is shown.
    pub help: bool,
    /// How many lines the source panes are scrolled down from the lessons'
    /// first definitions (up, if negative).
    pub scroll: i32,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go on showing.
    Continue,
    /// Leave the viewer.
    Quit,
}

impl Viewer {
    /// A viewer at the start of `recording`.
    pub fn new(recording: &Recording) -> Self {
        Self {
            step: 0,
            last: recording.steps(),
            playing: false,
            speed: 1,
            help: false,
            scroll: 0,
        }
    }

    /// Steps a second while playing.
    pub fn steps_per_second(&self) -> u32 {
        SPEEDS[self.speed]
    }

    /// Takes one key.
    pub fn key(&mut self, key: KeyEvent, recording: &Recording) -> Action {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Action::Quit;
        }
        if self.help {
            self.help = false;
            return Action::Continue;
        }
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => return Action::Quit,
            KeyCode::Right | KeyCode::Char('l' | 'n') => self.go(self.step + 1),
            KeyCode::Left | KeyCode::Char('h' | 'p') => self.go(self.step.saturating_sub(1)),
            KeyCode::Char('o') => {
                let next = recording.next_output(self.step).unwrap_or(self.last);
                self.go(next);
            }
            KeyCode::Home | KeyCode::Char('g') => self.go(0),
            KeyCode::End | KeyCode::Char('G') => self.go(self.last),
            KeyCode::Char(' ') => self.playing = !self.playing && self.step < self.last,
            KeyCode::Char('+' | '=') => self.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            KeyCode::Char('-') => self.speed = self.speed.saturating_sub(1),
            // Bounded well past any lesson's length, so holding a key cannot
            // leave the viewer scrolled far off the page.
            KeyCode::Up => self.scroll = (self.scroll - 1).max(-1_000),
            KeyCode::Down => self.scroll = (self.scroll + 1).min(1_000),
            KeyCode::PageUp => self.scroll = (self.scroll - 10).max(-1_000),
            KeyCode::PageDown => self.scroll = (self.scroll + 10).min(1_000),
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        Action::Continue
    }

    /// One tick of play: the next step, pausing at the end.
    pub fn tick(&mut self) {
        if self.playing {
            self.go(self.step + 1);
        }
    }

    /// Shows `step` (at most the last), and pauses there at the end.
    fn go(&mut self, step: usize) {
        self.step = step.min(self.last);
        if self.step == self.last {
            self.playing = false;
        }
    }
}
