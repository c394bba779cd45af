//! The timeline as text, for a terminal and for snapshots.

use std::borrow::Cow;
use std::fmt;

use super::cell::shorten;
use super::{LEGEND, Row, Timeline};

impl Timeline {
    /// The width of each lane's column, in characters: its longest mark or label.
    pub(super) fn lane_widths(&self) -> Vec<usize> {
        (0..self.labels.len())
            .map(|lane| {
                self.rows
                    .iter()
                    .filter_map(|row| match row {
                        Row::Step(step) => step.cells.get(lane),
                        _ => None,
                    })
                    .chain([&self.labels[lane]])
                    .map(|text| shorten(text).chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// The width of the why column: its widest text, or its header.
    fn why_width(&self) -> usize {
        (self.rows.iter())
            .filter_map(|row| match row {
                Row::Step(step) => Some(step.why().chars().count()),
                _ => None,
            })
            .fold("why".len(), usize::max)
    }

    /// The widest step number shown, at least as wide as the word `step`.
    pub(super) fn step_width(&self) -> usize {
        let last = self.rows.iter().rev().find_map(|row| match row {
            Row::Step(step) => Some(step.number),
            Row::Folded(fold) => Some(fold.last),
            Row::Clock(_) => None,
        });
        last.unwrap_or(0).to_string().len().max("step".len())
    }
}

impl fmt::Display for Timeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let widths = self.lane_widths();
        let step_width = self.step_width();
        let write_cells =
            |f: &mut fmt::Formatter<'_>, first: &str, cells: &[String], said: Option<&str>| {
                let mut line = format!("{first:>step_width$}");
                for (lane, width) in widths.iter().enumerate() {
                    let cell = cells.get(lane).map_or(Cow::Borrowed(""), |c| shorten(c));
                    line.push_str(&format!("  {cell:<width$}"));
                }
                if let Some(said) = said {
                    line.push_str(&format!("  {said}"));
                }
                writeln!(f, "{}", line.trim_end())
            };

        // The columns after the lanes: why (padded), then the printed lines.
        let why_width = self.why_width();
        let tail = |why: &str, printed: Option<&str>| {
            let mut tail = String::new();
            if self.why {
                tail.push_str(&format!("{why:<why_width$}  "));
            }
            tail.push_str(printed.unwrap_or(""));
            let tail = tail.trim_end().to_owned();
            (!tail.is_empty()).then_some(tail)
        };
        let header = tail("why", self.output.then_some("printed"));
        write_cells(f, "step", &self.labels, header.as_deref())?;
        for row in &self.rows {
            match row {
                Row::Step(step) => {
                    let mut lines = step.printed.iter().map(String::as_str);
                    let first = self.output.then(|| lines.next().unwrap_or(""));
                    let said = tail(&step.why(), first);
                    write_cells(f, &step.number.to_string(), &step.cells, said.as_deref())?;
                    if self.output {
                        for line in lines {
                            write_cells(f, "", &[], tail("", Some(line)).as_deref())?;
                        }
                    }
                }
                Row::Clock(now) => {
                    writeln!(f, "{:>step_width$}  t = {:.3} s", "", now.as_secs_f64())?
                }
                Row::Folded(fold) => writeln!(f, "{:>step_width$}  {}", "", fold.describe())?,
            }
        }
        writeln!(f, "{LEGEND}")
    }
}
