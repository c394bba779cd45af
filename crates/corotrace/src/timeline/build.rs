//! From events to rows: the lanes' states as the trace goes.

use super::{Row, Step};
use crate::{Cause, Event, TaskId};

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
    /// The number of each lane's latest step, where a wake it makes starts.
    last_step: Vec<Option<usize>>,
    /// What woke each lane's task since its last step.
    woken_by: Vec<Option<(String, Option<usize>)>>,
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
                self.last_step.push(None);
                self.woken_by.push(None);
                self.tasks.len() - 1
            })
    }

    /// The label of the lane of task number `number`, if it has one.
    fn label_of(&self, number: u64) -> Option<&str> {
        let lane = self.tasks.iter().position(|t| t.get() == number)?;
        Some(&self.labels[lane])
    }

    /// `on` (`task 2`, `tasks 2 and 3`, `Queue.get`) with each task named by its
    /// lane's label: `Task-3`, `Task-3 and Task-4`.
    fn readable(&self, on: &str) -> String {
        let label = |number: &str| {
            let number = number.parse().ok()?;
            self.label_of(number).map(str::to_owned)
        };
        if let Some(number) = on.strip_prefix("task ") {
            return label(number).unwrap_or_else(|| on.to_owned());
        }
        let Some(list) = on.strip_prefix("tasks ") else {
            return on.to_owned();
        };
        let (rest, last) = list.rsplit_once(" and ").unwrap_or(("", list));
        let numbers = rest.split(", ").filter(|n| !n.is_empty()).chain([last]);
        match numbers.map(label).collect::<Option<Vec<_>>>() {
            Some(labels) => match labels.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => on.to_owned(),
            },
            None => on.to_owned(),
        }
    }

    fn marks(&self) -> Vec<String> {
        self.states.iter().map(|s| s.mark().to_owned()).collect()
    }
}

/// The rows drawn so far, and the step under way.
#[derive(Default)]
struct Rows {
    lanes: Lanes,
    rows: Vec<Row>,
    /// The row of the step under way, so its ending and its lines land there.
    open: Option<usize>,
    /// The last step's number.
    number: usize,
}

impl Rows {
    /// Opens a row for a step of `lane`, marked `mark` there.
    fn step(&mut self, lane: usize, mark: String) {
        let mut cells = self.lanes.marks();
        cells[lane] = mark;
        self.number += 1;
        self.lanes.last_step[lane] = Some(self.number);
        self.rows.push(Row::Step(Step {
            number: self.number,
            lane,
            cells,
            printed: Vec::new(),
            waits_on: None,
            woken_by: self.lanes.woken_by[lane].take(),
        }));
        self.open = Some(self.rows.len() - 1);
    }

    /// Marks how `task` ended: in its own step's row, or (cancelled while
    /// waiting) in a row of its own.
    fn end(&mut self, task: TaskId, text: String) {
        let lane = self.lanes.of(task);
        self.lanes.states[lane] = Lane::Finished;
        match self.open.map(|row| &mut self.rows[row]) {
            Some(Row::Step(step)) if step.lane == lane => step.cells[lane] = text,
            _ => {
                self.step(lane, text);
                self.open = None;
            }
        }
    }

    /// Keeps what `task` waits on, in its step's row.
    fn wait(&mut self, task: TaskId, on: &str) {
        let lane = self.lanes.of(task);
        if let Some(Row::Step(step)) = self.open.map(|row| &mut self.rows[row])
            && step.lane == lane
        {
            step.waits_on = Some(self.lanes.readable(on));
        }
    }

    /// Keeps what woke `task`, for its next step, with the waker's latest step.
    fn woken(&mut self, task: TaskId, by: Cause) {
        let lane = self.lanes.of(task);
        let from = by
            .task()
            .map(|waker| self.lanes.of(waker))
            .filter(|&waker| waker != lane)
            .and_then(|waker| self.lanes.last_step[waker]);
        let said = match by {
            Cause::Task(waker) => self.lanes.readable(&format!("task {waker}")),
            Cause::End(waker) => format!("{}'s end", self.lanes.readable(&format!("task {waker}"))),
            other => other.to_string(),
        };
        self.lanes.woken_by[lane] = Some((said, from));
    }

    /// Keeps a line the running step printed; the host's lines are not a step's.
    fn print(&mut self, task: Option<TaskId>, line: &str) {
        if let Some(Row::Step(step)) = self.open.map(|row| &mut self.rows[row])
            && task.is_some_and(|t| self.lanes.tasks.get(step.lane) == Some(&t))
        {
            step.printed.push(line.to_owned());
        }
    }
}

/// The lanes' labels and the rows that `events` draw.
pub(super) fn lanes_and_rows(events: &[Event]) -> (Vec<String>, Vec<Row>) {
    let mut rows = Rows::default();
    for event in events {
        match event {
            Event::Added { task } => {
                rows.lanes.of(*task);
            }
            Event::Named { task, name } => {
                let lane = rows.lanes.of(*task);
                rows.lanes.labels[lane].clone_from(name);
            }
            Event::Running { task } => {
                let lane = rows.lanes.of(*task);
                rows.lanes.states[lane] = Lane::Waiting;
                rows.step(lane, "●".to_owned());
            }
            Event::Sleeping { task, .. } => {
                let lane = rows.lanes.of(*task);
                rows.lanes.states[lane] = Lane::Sleeping;
            }
            Event::Woken { task } => {
                let lane = rows.lanes.of(*task);
                rows.lanes.states[lane] = Lane::Waiting;
            }
            Event::Completed { task, value } => {
                rows.end(*task, format!("✓ {}", super::cell::tidy_type_names(value)));
            }
            Event::Failed { task, message } => rows.end(*task, format!("✗ {message}")),
            Event::Cancelled { task } => rows.end(*task, "⊘ cancelled".to_owned()),
            Event::Closed { task } => rows.end(*task, "⊘ closed".to_owned()),
            Event::ClockMoved { now } => {
                rows.rows.push(Row::Clock(*now));
                rows.open = None;
            }
            Event::Printed { task, line } => rows.print(*task, line),
            Event::Waiting { task, on } => rows.wait(*task, on),
            Event::WokenBy { task, by } => rows.woken(*task, *by),
            Event::Spawned { .. } => {}
        }
    }
    (rows.lanes.labels, rows.rows)
}
