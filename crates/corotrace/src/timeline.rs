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
                Event::Closed { task } => Some((*task, "⊘ closed".to_owned())),
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

impl Timeline {
    /// The timeline as an SVG picture: one column per task, one row per step, the
    /// same marks as the text, coloured (run blue, completed green, failed and
    /// cancelled red, sleeping grey), and the clock's jumps as dashed rules.
    ///
    /// ```
    /// use corotrace::{Event, TaskId, Timeline};
    ///
    /// let task = TaskId::new(0);
    /// let svg = Timeline::new(&[Event::Running { task }]).to_svg();
    /// assert!(svg.starts_with("<svg") && svg.contains("task 0"));
    /// ```
    pub fn to_svg(&self) -> String {
        const LANE: usize = 150;
        const ROW: usize = 20;
        const LEFT: usize = 60;
        const TOP: usize = 40;
        // Wide enough for the lanes, and for the legend along the bottom.
        let width = (LEFT + LANE * self.lanes.len().max(1) + 20).max(640);
        let height = TOP + ROW * (self.rows.len() + 1);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             font-family=\"monospace\" font-size=\"13\">\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        );
        for (i, task) in self.lanes.iter().enumerate() {
            let x = LEFT + LANE * i;
            svg.push_str(&format!(
                "<text x=\"{x}\" y=\"{}\" font-weight=\"bold\">task {task}</text>\n",
                TOP - 15
            ));
        }
        let mut step = 0;
        for (r, row) in self.rows.iter().enumerate() {
            let y = TOP + ROW * r + 12;
            match row {
                Row::Clock(now) => svg.push_str(&format!(
                    "<line x1=\"0\" y1=\"{}\" x2=\"{width}\" y2=\"{}\" stroke=\"#999\" \
                     stroke-dasharray=\"4 3\"/><text x=\"4\" y=\"{y}\" fill=\"#666\">\
                     t = {:.3} s</text>\n",
                    y - 14,
                    y - 14,
                    now.as_secs_f64()
                )),
                Row::Step(cells) => {
                    step += 1;
                    svg.push_str(&format!(
                        "<text x=\"4\" y=\"{y}\" fill=\"#666\">{step}</text>\n"
                    ));
                    for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                        let colour = match cell.chars().next() {
                            Some('●') => "#1f5fbf",
                            Some('✓') => "#1a7f37",
                            Some('✗' | '⊘') => "#c62828",
                            _ => "#999",
                        };
                        svg.push_str(&format!(
                            "<text x=\"{}\" y=\"{y}\" fill=\"{colour}\">{}</text>\n",
                            LEFT + LANE * i,
                            escape(cell)
                        ));
                    }
                }
            }
        }
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{}\" fill=\"#666\">{}</text>\n</svg>\n",
            height - 6,
            escape(LEGEND)
        ));
        svg
    }
}

/// Text made safe for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
