//! The trace drawn as lanes, as text and as SVG.

mod build;
mod cell;
mod shape;
mod svg;
mod text;

use std::time::Duration;

use crate::Event;

pub use shape::StepsError;

/// A trace drawn as lanes: one column per task, one row per step.
///
/// Each row marks the task that ran (`●`), or how its step ended (`✓ value`,
/// `✗ message`, `⊘ cancelled`); tasks waiting their turn show `┆`, sleeping ones
/// `z`, finished ones nothing. When a virtual clock jumps, a row says the new time.
/// A lane is labelled with its task's name where the trace knows one (asyncio's
/// `Task-1`, or the name it was spawned with), else `task N`. A reader sees the
/// round-robin at a glance.
///
/// A long run can be narrowed to some steps ([`Timeline::only_steps`]) and its
/// steady stretches folded ([`Timeline::folded`]); each step can show what it
/// printed ([`Timeline::with_output`] in the text, a hover title in the SVG), and
/// why: what woke its task and what the task then waited on, from the trace's
/// `WokenBy` and `Waiting` events ([`Timeline::with_why`] in the text; in the SVG
/// the hover title, and an arrow from the waker's step).
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
    /// The picture's heading (the SVG's title), if given.
    title: Option<String>,
    /// One label per lane, in the order the tasks were first seen.
    labels: Vec<String>,
    rows: Vec<Row>,
    /// Whether the text shows what each step printed.
    output: bool,
    /// Whether the text shows why each step ran and what it then waited on.
    why: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Step(Step),
    Clock(Duration),
    /// Steps left out by [`Timeline::folded`].
    Folded(Fold),
}

/// One step of one task: the marks of every lane, and what the step printed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// The step's number in the whole run, from 1.
    number: usize,
    /// The lane that ran, or ended.
    lane: usize,
    /// One mark per lane, whole: renderings shorten them.
    cells: Vec<String>,
    /// The lines the step printed.
    printed: Vec<String>,
    /// What the task waited on when the step ended pending (`Queue.get`).
    waits_on: Option<String>,
    /// What woke the task for this step (`Task-3`, `Task-3's end`, `a timer`),
    /// and the number of the waker's step before it, if a task's step did.
    woken_by: Option<(String, Option<usize>)>,
}

impl Step {
    /// What woke the step's task and what it then waited on, for the text's why
    /// column: `← Task-3  → Queue.get`.
    fn why(&self) -> String {
        let woken = self.woken_by.iter().map(|(by, _)| format!("← {by}"));
        let waits = self.waits_on.iter().map(|on| format!("→ {on}"));
        woken.chain(waits).collect::<Vec<_>>().join("  ")
    }
}

/// A run of steady steps shown as one row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fold {
    /// The first and last step folded.
    first: usize,
    last: usize,
    /// The clock's first and last time inside the fold, if it moved there.
    clock: Option<(Duration, Duration)>,
}

impl Fold {
    /// What the folded row says: `⋮ 40 steps (12–51)`, with the clock if it moved.
    fn describe(&self) -> String {
        let steps = self.last - self.first + 1;
        let mut text = format!("⋮ {steps} steps ({}–{})", self.first, self.last);
        if let Some((from, to)) = self.clock {
            text.push_str(&format!(
                ", t = {:.3} → {:.3} s",
                from.as_secs_f64(),
                to.as_secs_f64()
            ));
        }
        text
    }
}

const LEGEND: &str = "● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping";

impl Timeline {
    /// Draws the timeline of `events`, oldest first.
    pub fn new(events: &[Event]) -> Self {
        let (labels, rows) = build::lanes_and_rows(events);
        Self {
            title: None,
            labels,
            rows,
            output: false,
            why: false,
        }
    }

    /// The same timeline with a heading, which the SVG shows at its top and names
    /// itself by (its `<title>`).
    ///
    /// ```
    /// use corotrace::{Event, TaskId, Timeline};
    ///
    /// let task = TaskId::new(0);
    /// let svg = Timeline::new(&[Event::Running { task }]).titled("fib — Fibonacci").to_svg();
    /// assert!(svg.contains("<title>fib — Fibonacci</title>"));
    /// ```
    pub fn titled(mut self, title: &str) -> Self {
        self.title = Some(title.to_owned());
        self
    }

    /// The same timeline, its text with one more column: the lines each step
    /// printed, one a row.
    pub fn with_output(mut self) -> Self {
        self.output = true;
        self
    }

    /// The same timeline, its text with one more column, before the printed
    /// lines if shown: what woke each step's task (`← Task-3`, `← Task-3's end`,
    /// `← a timer`; nothing for its turn after a yield) and what it then waited
    /// on (`→ Queue.get`), from the trace's `WokenBy` and `Waiting` events.
    ///
    /// ```
    /// use corotrace::{Cause, Event, TaskId, Timeline};
    ///
    /// let (a, b) = (TaskId::new(0), TaskId::new(1));
    /// let timeline = Timeline::new(&[
    ///     Event::Running { task: a },
    ///     Event::Waiting { task: a, on: "Queue.get".into() },
    ///     Event::Running { task: b },
    ///     Event::Woken { task: a },
    ///     Event::WokenBy { task: a, by: Cause::Task(b) },
    ///     Event::Completed { task: b, value: "None".into() },
    ///     Event::Running { task: a },
    /// ])
    /// .with_why();
    /// assert_eq!(
    ///     timeline.to_string().lines().take(4).collect::<Vec<_>>(),
    ///     [
    ///         "step  task 0  task 1  why",
    ///         "   1  ●               → Queue.get",
    ///         "   2  ┆       ✓ None",
    ///         "   3  ●               ← task 1",
    ///     ]
    /// );
    /// ```
    pub fn with_why(mut self) -> Self {
        self.why = true;
        self
    }

    /// How many steps the timeline shows, folded ones included.
    pub fn steps(&self) -> usize {
        self.rows
            .iter()
            .map(|row| match row {
                Row::Step(_) => 1,
                Row::Clock(_) => 0,
                Row::Folded(fold) => fold.last - fold.first + 1,
            })
            .sum()
    }

    /// The lanes' labels, left to right.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
}
