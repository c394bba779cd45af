use std::fmt;

use crate::{Event, TaskId};

/// A trace drawn as lanes: one column per task, one row per step.
///
/// Each row marks the task that ran (`●`), or how its step ended (`✓ value`,
/// `✗ message`); the tasks waiting their turn show `┆`, finished ones nothing.
/// A reader sees the round-robin at a glance.
///
/// ```
/// use corotrace::{Event, TaskId, Timeline};
///
/// let (a, b) = (TaskId::new(0), TaskId::new(1));
/// let timeline = Timeline::new(&[
///     Event::Added { task: a },
///     Event::Added { task: b },
///     Event::Running { task: a },
///     Event::Running { task: b },
///     Event::Running { task: a },
///     Event::Completed { task: a, value: "123".into() },
///     Event::Running { task: b },
///     Event::Failed { task: b, message: "Not found".into() },
/// ]);
/// assert_eq!(
///     timeline.to_string(),
///     "\
/// step  task 0  task 1
///    1  ●       ┆
///    2  ┆       ●
///    3  ✓ 123   ┆
///    4          ✗ Not found
/// ● ran a step  ✓ completed  ✗ failed  ┆ waiting
/// "
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    lanes: Vec<TaskId>,
    rows: Vec<Vec<String>>,
}

/// Cells longer than this are cut, so one long value cannot widen a lane past reading.
const MAX_CELL: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lane {
    Waiting,
    Finished,
}

impl Timeline {
    /// Draws the timeline of `events`, oldest first.
    pub fn new(events: &[Event]) -> Self {
        let mut lanes: Vec<TaskId> = Vec::new();
        let mut states: Vec<Lane> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        // The row and lane of the step under way, so its ending can mark that cell.
        let mut open: Option<(usize, usize)> = None;

        let mut lane_of = |task: TaskId, states: &mut Vec<Lane>| {
            lanes.iter().position(|&t| t == task).unwrap_or_else(|| {
                lanes.push(task);
                states.push(Lane::Waiting);
                lanes.len() - 1
            })
        };

        for event in events {
            match event {
                Event::Added { task } => {
                    lane_of(*task, &mut states);
                }
                Event::Running { task } => {
                    let lane = lane_of(*task, &mut states);
                    let row = states
                        .iter()
                        .enumerate()
                        .map(|(i, state)| match (i == lane, state) {
                            (true, _) => "●".to_owned(),
                            (false, Lane::Waiting) => "┆".to_owned(),
                            (false, Lane::Finished) => String::new(),
                        })
                        .collect();
                    rows.push(row);
                    open = Some((rows.len() - 1, lane));
                }
                Event::Completed { task, value } => {
                    let lane = lane_of(*task, &mut states);
                    states[lane] = Lane::Finished;
                    mark_end(&mut rows, open, lane, format!("✓ {value}"));
                }
                Event::Failed { task, message } => {
                    let lane = lane_of(*task, &mut states);
                    states[lane] = Lane::Finished;
                    mark_end(&mut rows, open, lane, format!("✗ {message}"));
                }
                Event::Printed { .. } => {}
            }
        }
        Self { lanes, rows }
    }

    /// How many steps the timeline shows.
    pub fn steps(&self) -> usize {
        self.rows.len()
    }
}

/// Writes how a task ended into the cell of the step that ended it.
fn mark_end(rows: &mut [Vec<String>], open: Option<(usize, usize)>, lane: usize, text: String) {
    let text = if text.chars().count() > MAX_CELL {
        let mut cut: String = text.chars().take(MAX_CELL - 1).collect();
        cut.push('…');
        cut
    } else {
        text
    };
    if let Some((row, running)) = open
        && running == lane
    {
        rows[row][lane] = text;
    }
}

impl fmt::Display for Timeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<String> = self.lanes.iter().map(|t| format!("task {t}")).collect();
        let step_width = self.rows.len().to_string().len().max("step".len());
        let widths: Vec<usize> = (0..self.lanes.len())
            .map(|lane| {
                self.rows
                    .iter()
                    .filter_map(|row| row.get(lane))
                    .map(|cell| cell.chars().count())
                    .chain([headers[lane].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();

        let mut line = String::new();
        let mut write_row = |f: &mut fmt::Formatter<'_>, first: &str, cells: &[String]| {
            line.clear();
            line.push_str(&format!("{first:>step_width$}"));
            for (cell, width) in cells.iter().zip(&widths) {
                line.push_str(&format!("  {cell:<width$}"));
            }
            writeln!(f, "{}", line.trim_end())
        };

        write_row(f, "step", &headers)?;
        for (step, cells) in self.rows.iter().enumerate() {
            write_row(f, &(step + 1).to_string(), cells)?;
        }
        writeln!(f, "● ran a step  ✓ completed  ✗ failed  ┆ waiting")
    }
}
