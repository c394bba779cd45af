//! From events to rows: the lanes' states as the trace goes.

use super::{Row, Step};
use crate::{Event, TaskId};

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
    labels: Vec<String>,
    states: Vec<Lane>,
}

impl Lanes {
    fn of(&mut self, task: TaskId) -> usize {
        self.tasks
            .iter()
            .position(|&t| t == task)
            .unwrap_or_else(|| {
                self.tasks.push(task);
                self.labels.push(format!("task {task}"));
                self.states.push(Lane::Waiting);
                self.tasks.len() - 1
            })
    }

    fn marks(&self) -> Vec<String> {
        self.states.iter().map(|s| s.mark().to_owned()).collect()
    }
}

/// The lanes' labels and the rows that `events` draw.
pub(super) fn lanes_and_rows(events: &[Event]) -> (Vec<String>, Vec<Row>) {
    let mut lanes = Lanes::default();
    let mut rows: Vec<Row> = Vec::new();
    // The row of the step under way, so its ending and its lines land there.
    let mut open: Option<usize> = None;
    let mut number = 0;

    for event in events {
        let ended = match event {
            Event::Added { task } => {
                lanes.of(*task);
                None
            }
            Event::Named { task, name } => {
                let lane = lanes.of(*task);
                lanes.labels[lane].clone_from(name);
                None
            }
            Event::Running { task } => {
                let lane = lanes.of(*task);
                lanes.states[lane] = Lane::Waiting;
                let mut cells = lanes.marks();
                cells[lane] = "●".to_owned();
                number += 1;
                rows.push(Row::Step(Step {
                    number,
                    lane,
                    cells,
                    printed: Vec::new(),
                }));
                open = Some(rows.len() - 1);
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
            Event::Completed { task, value } => {
                Some((*task, format!("✓ {}", super::cell::tidy_type_names(value))))
            }
            Event::Failed { task, message } => Some((*task, format!("✗ {message}"))),
            Event::Cancelled { task } => Some((*task, "⊘ cancelled".to_owned())),
            Event::Closed { task } => Some((*task, "⊘ closed".to_owned())),
            Event::ClockMoved { now } => {
                rows.push(Row::Clock(*now));
                open = None;
                None
            }
            Event::Printed { task, line } => {
                if let Some(Row::Step(step)) = open.map(|row| &mut rows[row])
                    && task.is_some_and(|t| lanes.tasks.get(step.lane) == Some(&t))
                {
                    step.printed.push(line.clone());
                }
                None
            }
        };
        if let Some((task, text)) = ended {
            let lane = lanes.of(task);
            lanes.states[lane] = Lane::Finished;
            match open.map(|row| &mut rows[row]) {
                Some(Row::Step(step)) if step.lane == lane => step.cells[lane] = text,
                // Ended outside its own step (cancelled while waiting): a row of
                // its own says so.
                _ => {
                    let mut cells = lanes.marks();
                    cells[lane] = text;
                    number += 1;
                    rows.push(Row::Step(Step {
                        number,
                        lane,
                        cells,
                        printed: Vec::new(),
                    }));
                    open = None;
                }
            }
        }
    }
    (lanes.labels, rows)
}
