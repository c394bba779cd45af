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

        let said_header = self.output.then_some("printed");
        write_cells(f, "step", &self.labels, said_header)?;
        for row in &self.rows {
            match row {
                Row::Step(step) => {
                    let mut lines = step.printed.iter().map(String::as_str);
                    let first = self.output.then(|| lines.next().unwrap_or(""));
                    write_cells(f, &step.number.to_string(), &step.cells, first)?;
                    if self.output {
                        for line in lines {
                            write_cells(f, "", &[], Some(line))?;
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
