//! Narrowing a timeline to some steps, and folding its steady stretches.

use std::fmt;
use std::ops::RangeInclusive;

use super::{Fold, Row, Step, Timeline};

/// Fewer steady steps than this in a row are shown as they are: folding them
/// would hide more than it saves.
const FOLD_AT_LEAST: usize = 6;

/// Why [`Timeline::only_steps`] could not narrow a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepsError {
    /// The range is empty, or starts at 0 (steps are numbered from 1).
    Empty {
        /// The range asked for.
        asked: RangeInclusive<usize>,
    },
    /// The range starts after the run's last step.
    PastTheEnd {
        /// The range asked for.
        asked: RangeInclusive<usize>,
        /// How many steps the run has.
        steps: usize,
    },
}

impl fmt::Display for StepsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty { asked } => write!(
                f,
                "steps {} name no step: steps are numbered from 1, and the first \
                 comes before the last",
                Range(asked)
            ),
            Self::PastTheEnd { asked, steps } => write!(
                f,
                "steps {} start past the end: the run has {steps} steps",
                Range(asked)
            ),
        }
    }
}

impl std::error::Error for StepsError {}

/// A range of steps as it was asked for: `10..40`, or `10..` if it runs to the end.
struct Range<'a>(&'a RangeInclusive<usize>);

impl fmt::Display for Range<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..", self.0.start())?;
        if *self.0.end() != usize::MAX {
            write!(f, "{}", self.0.end())?;
        }
        Ok(())
    }
}

impl Timeline {
    /// The same timeline with only the steps numbered in `steps` (from 1, both
    /// ends included; an end past the last step stops at it), and the clock
    /// rows among them. Steps keep their numbers.
    ///
    /// # Errors
    ///
    /// [`StepsError`] when the range is empty, starts at 0, or starts past the
    /// last step.
    ///
    /// ```
    /// use corotrace::{Event, TaskId, Timeline};
    ///
    /// let task = TaskId::new(0);
    /// let timeline = Timeline::new(&vec![Event::Running { task }; 10]);
    /// assert_eq!(timeline.only_steps(4..=6).unwrap().steps(), 3);
    /// assert!(timeline.only_steps(11..=20).is_err());
    /// ```
    pub fn only_steps(&self, steps: RangeInclusive<usize>) -> Result<Self, StepsError> {
        if *steps.start() == 0 || steps.is_empty() {
            return Err(StepsError::Empty { asked: steps });
        }
        let total = self.steps();
        if *steps.start() > total {
            return Err(StepsError::PastTheEnd {
                asked: steps,
                steps: total,
            });
        }
        let mut rows = Vec::new();
        // A clock row is kept while the kept steps are under way, and the last
        // one before them, so the first kept step has its time.
        let mut clock_before = None;
        for row in &self.rows {
            match row {
                Row::Step(step) if steps.contains(&step.number) => {
                    rows.extend(clock_before.take());
                    rows.push(row.clone());
                }
                Row::Step(step) if step.number > *steps.end() => break,
                Row::Clock(_) if rows.is_empty() => clock_before = Some(row.clone()),
                Row::Clock(_) => rows.push(row.clone()),
                _ => {}
            }
        }
        while matches!(rows.last(), Some(Row::Clock(_))) {
            rows.pop();
        }
        Ok(Self {
            rows,
            ..self.clone()
        })
    }

    /// The same timeline with each steady stretch folded into one row that says
    /// how many steps it holds (`⋮ 40 steps (12–51)`, and the clock's span if it
    /// moved). A step is steady if it printed nothing, ended nothing, and its
    /// lanes look as in one of the last few steps (as many as there are lanes):
    /// the round-robin is going on as before. At least six in a row fold.
    ///
    /// ```
    /// use corotrace::{Event, TaskId, Timeline};
    ///
    /// let task = TaskId::new(0);
    /// let folded = Timeline::new(&vec![Event::Running { task }; 100]).folded();
    /// assert_eq!(folded.steps(), 100);
    /// assert!(folded.to_string().contains("⋮ 99 steps (2–100)"));
    /// ```
    pub fn folded(&self) -> Self {
        let window = self.labels.len().max(1);
        let mut rows: Vec<Row> = Vec::new();
        // The run of steady rows not yet written, and the last steps seen.
        let mut pending: Vec<Row> = Vec::new();
        let mut recent: Vec<&Step> = Vec::new();
        for row in &self.rows {
            match row {
                Row::Step(step) => {
                    let steady = step.printed.is_empty()
                        && step.cells[step.lane] == "●"
                        && recent.iter().any(|seen| seen.cells == step.cells);
                    if steady {
                        pending.push(row.clone());
                    } else {
                        flush(&mut rows, &mut pending);
                        rows.push(row.clone());
                    }
                    recent.push(step);
                    if recent.len() > window {
                        recent.remove(0);
                    }
                }
                Row::Clock(_) if pending.is_empty() => rows.push(row.clone()),
                Row::Clock(_) => pending.push(row.clone()),
                Row::Folded(_) => {
                    flush(&mut rows, &mut pending);
                    rows.push(row.clone());
                    recent.clear();
                }
            }
        }
        flush(&mut rows, &mut pending);
        Self {
            rows,
            ..self.clone()
        }
    }
}

/// Writes the steady rows in `pending` to `rows`: folded into one if there are
/// enough of them, as they are if not. Clock rows after the last steady step
/// are written after the fold, so the next step shown has its time.
fn flush(rows: &mut Vec<Row>, pending: &mut Vec<Row>) {
    let mut trailing = Vec::new();
    while matches!(pending.last(), Some(Row::Clock(_))) {
        trailing.extend(pending.pop());
    }
    let numbers: Vec<usize> = pending
        .iter()
        .filter_map(|row| match row {
            Row::Step(step) => Some(step.number),
            _ => None,
        })
        .collect();
    if numbers.len() >= FOLD_AT_LEAST {
        let times: Vec<_> = pending
            .iter()
            .filter_map(|row| match row {
                Row::Clock(now) => Some(*now),
                _ => None,
            })
            .collect();
        rows.push(Row::Folded(Fold {
            first: numbers[0],
            last: numbers[numbers.len() - 1],
            clock: times.first().zip(times.last()).map(|(a, b)| (*a, *b)),
        }));
        pending.clear();
    } else {
        rows.append(pending);
    }
    rows.extend(trailing.into_iter().rev());
}
