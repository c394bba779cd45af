use std::fmt;
use std::time::Duration;

use crate::{Event, TaskId};

/// A trace drawn as lanes: one column per task, one row per step.
///
/// Each row marks the task that ran (`●`), or how its step ended (`✓ value`,
/// `✗ message`, `⊘ cancelled`); tasks waiting their turn show `┆`, sleeping ones
/// `z`, finished ones nothing. When a virtual clock jumps, a row says the new time.
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
/// ● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping
/// "
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    lanes: Vec<TaskId>,
    rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Step(Vec<String>),
    Clock(Duration),
}

/// Cells longer than this are cut, so one long value cannot widen a lane past reading.
const MAX_CELL: usize = 24;

const LEGEND: &str = "● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lane {
    Waiting,
    Sleeping,
    Finished,
}

impl Lane {
    fn mark(self) -> &'static str {
        match self {
            Self::Waiting => "┆",
            Self::Sleeping => "z",
            Self::Finished => "",
        }
    }
}

/// The lanes as the events so far leave them.
#[derive(Default)]
struct Lanes {
    tasks: Vec<TaskId>,
    states: Vec<Lane>,
}

impl Lanes {
    fn of(&mut self, task: TaskId) -> usize {
        self.tasks
            .iter()
            .position(|&t| t == task)
            .unwrap_or_else(|| {
                self.tasks.push(task);
                self.states.push(Lane::Waiting);
                self.tasks.len() - 1
            })
    }
}

impl Timeline {
    /// Draws the timeline of `events`, oldest first.
    pub fn new(events: &[Event]) -> Self {
        let mut lanes = Lanes::default();
        let mut rows: Vec<Row> = Vec::new();
        // The row and lane of the step under way, so its ending can mark that cell.
        let mut open: Option<(usize, usize)> = None;

        for event in events {
            let ended = match event {
                Event::Added { task } => {
                    lanes.of(*task);
                    None
                }
                Event::Running { task } => {
                    let lane = lanes.of(*task);
                    lanes.states[lane] = Lane::Waiting;
                    let cells = (0..lanes.tasks.len())
                        .map(|i| {
                            if i == lane {
                                "●"
                            } else {
                                lanes.states[i].mark()
                            }
                        })
                        .map(str::to_owned)
                        .collect();
                    rows.push(Row::Step(cells));
                    open = Some((rows.len() - 1, lane));
                    None
                }
                Event::Sleeping { task, .. } => {
                    let lane = lanes.of(*task);
                    lanes.states[lane] = Lane::Sleeping;
                    None
                }
                Event::Woken { task } => {
                    let lane = lanes.of(*task);
                    lanes.states[lane] = Lane::Waiting;
                    None
                }
                Event::Completed { task, value } => Some((*task, format!("✓ {value}"))),
                Event::Failed { task, message } => Some((*task, format!("✗ {message}"))),
                Event::Cancelled { task } => Some((*task, "⊘ cancelled".to_owned())),
                Event::ClockMoved { now } => {
                    rows.push(Row::Clock(*now));
                    open = None;
                    None
                }
                Event::Printed { .. } => None,
            };
            if let Some((task, text)) = ended {
                let lane = lanes.of(task);
                lanes.states[lane] = Lane::Finished;
                let text = cut(text);
                match open {
                    Some((row, running)) if running == lane => {
                        if let Row::Step(cells) = &mut rows[row] {
                            cells[lane] = text;
                        }
                    }
                    // Ended outside its own step (cancelled while waiting): a row
                    // of its own says so.
                    _ => {
                        let mut cells: Vec<String> =
                            lanes.states.iter().map(|s| s.mark().to_owned()).collect();
                        cells[lane] = text;
                        rows.push(Row::Step(cells));
                        open = None;
                    }
                }
            }
        }
        Self {
            lanes: lanes.tasks,
            rows,
        }
    }

    /// How many steps the timeline shows.
    pub fn steps(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Step(_)))
            .count()
    }
}

fn cut(text: String) -> String {
    if text.chars().count() <= MAX_CELL {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_CELL - 1).collect();
    cut.push('…');
    cut
}

impl fmt::Display for Timeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<String> = self.lanes.iter().map(|t| format!("task {t}")).collect();
        let step_width = self.steps().to_string().len().max("step".len());
        let widths: Vec<usize> = (0..self.lanes.len())
            .map(|lane| {
                self.rows
                    .iter()
                    .filter_map(|row| match row {
                        Row::Step(cells) => cells.get(lane),
                        Row::Clock(_) => None,
                    })
                    .map(|cell| cell.chars().count())
                    .chain([headers[lane].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();

        let write_cells = |f: &mut fmt::Formatter<'_>, first: &str, cells: &[String]| {
            let mut line = format!("{first:>step_width$}");
            for (cell, width) in cells.iter().zip(&widths) {
                line.push_str(&format!("  {cell:<width$}"));
            }
            writeln!(f, "{}", line.trim_end())
        };

        write_cells(f, "step", &headers)?;
        let mut step = 0;
        for row in &self.rows {
            match row {
                Row::Step(cells) => {
                    step += 1;
                    write_cells(f, &step.to_string(), cells)?;
                }
                Row::Clock(now) => {
                    writeln!(f, "{:>step_width$}  t = {:.3} s", "", now.as_secs_f64())?
                }
            }
        }
        writeln!(f, "{LEGEND}")
    }
}
