//! `corolab step`: one lesson's run, one step at a time, in the terminal.
//!
//! The run is recorded first, from its trace ([`recording`]): going back shows a
//! recorded state, never runs anything again. The screen ([`layout`]) is drawn
//! by ratatui, to the terminal ([`terminal`]) or, for `--print` and the tests,
//! to a `TestBackend` whose cells are read back as text.

use std::io::IsTerminal;
use std::ops::RangeInclusive;

use corolab::Lesson;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};

pub mod keys;
pub mod layout;
pub mod recording;
mod terminal;

pub use keys::Viewer;
pub use recording::Recording;

/// Why `corolab step` stopped short: its exit status and what it says.
#[derive(Debug)]
pub struct StepError {
    /// The exit status.
    pub status: u8,
    /// The message, for standard error.
    pub message: String,
}

/// `corolab step NAME`: the viewer in the terminal, or with `print`, the
/// screens of steps `print.0` (first and last, from 1) at `print.1` columns by
/// `print.2` rows as text.
pub fn command(
    lesson: &'static Lesson,
    print: Option<(RangeInclusive<usize>, u16, u16)>,
) -> Result<Option<String>, StepError> {
    if print.is_none() && !std::io::stdout().is_terminal() {
        return Err(StepError {
            status: 2,
            message: format!(
                "step shows a run in a terminal, and standard output is not one\n  \
                 `corolab step {} --print 1..3` writes its screens as text",
                lesson.name
            ),
        });
    }
    let recording = Recording::of(lesson);
    if recording.steps() == 0 {
        return Err(StepError {
            status: 3,
            message: format!(
                "{} runs no scheduler, so there are no steps to show\n  \
                 `corolab run {}` shows what it prints",
                lesson.name, lesson.name
            ),
        });
    }
    let Some((steps, width, height)) = print else {
        return terminal::show(&recording)
            .map(|()| None)
            .map_err(|error| StepError {
                status: 1,
                message: format!("the terminal failed: {error}"),
            });
    };
    let last = recording.steps();
    if *steps.start() > last {
        return Err(StepError {
            status: 2,
            message: format!(
                "--print: step {} is past the end: the run has {last} steps",
                steps.start()
            ),
        });
    }
    let mut viewer = Viewer::new(&recording);
    let mut text = String::new();
    for step in *steps.start()..=(*steps.end()).min(last) {
        viewer.step = step;
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&screen(&recording, &viewer, width, height));
    }
    Ok(Some(text))
}

/// The screen `viewer` shows, `width` columns by `height` rows, as text: one
/// line a row, without trailing spaces.
pub fn screen(recording: &Recording, viewer: &Viewer, width: u16, height: u16) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).expect("a test backend cannot fail to open");
    terminal
        .draw(|screen| layout::draw(screen, recording, viewer))
        .expect("a test backend cannot fail to draw");
    text(terminal.backend().buffer())
}

/// A buffer's cells as text; a wide symbol's shadow cells are skipped.
fn text(buffer: &Buffer) -> String {
    let mut text = String::new();
    for row in buffer.content.chunks(usize::from(buffer.area.width.max(1))) {
        let mut line = String::new();
        let mut skip = 0;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
            }
            skip = cell.cell_width().max(skip).saturating_sub(1);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}
