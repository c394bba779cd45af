//! Each lesson's Python, statement by statement, beside the Rust it became: the
//! rows of the "Line by line" section of its page and of `corolab show`. A lesson's
//! pairing is a small table (in `pairs/`, a file for each part of the course) of
//! pairs of fragments: the first a piece of text of `examples/NAME.py`, the
//! second a piece of its Rust, either the example file or a definition cut from
//! the crates ([`Lesson::excerpts`], or one the table names with `also`). A
//! fragment `"a" ..= "b"` covers the lines from the one holding `a` to the one
//! holding `b`; a side written `- "why"` has no twin, and says why. The Python
//! side is the notebook's own text, so nothing marks it: no comments to clutter
//! the code a reader comes for.
//!
//! The fragments are found verbatim, each Python one after the previous one
//! (the table follows the Python's order), each Rust one after the previous Rust
//! one or else anywhere in the lesson's Rust (where the Rust puts things in
//! another order). A test resolves every table and checks that every statement of
//! the Python is in some pair, except a driver's lines (a block under a `#
//! driver` comment, up to a blank line, or a line ending in one): so when either
//! side changes, the test names the lesson and the fragment no longer found, and a
//! new Python statement cannot go unpaired.

use std::fmt;
use std::ops::Range;

use crate::items;
use crate::{LESSONS, Lesson};
use finder::{Finder, Piece, unpaired};

mod context;
mod event_loop;
mod finder;
mod futures;
mod gather_wait;
mod generators;
mod page;
mod scheduler;
mod threads_queues;
mod toolbox;

/// One side of a pair, as the table declares it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Side {
    /// The lines from the one holding `first` to the one holding `last`.
    Code {
        first: &'static str,
        last: Option<&'static str>,
    },
    /// No twin on this side, and why.
    Missing(&'static str),
}

/// A pair of the table: a Python side and a Rust side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub(crate) python: Side,
    pub(crate) rust: Side,
}

/// A definition the pairing reads beyond the page's own ([`Lesson::excerpts`]):
/// `item` of `file`, whose text is `source`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Also {
    pub(crate) file: &'static str,
    pub(crate) item: &'static str,
    pub(crate) source: &'static str,
}

/// One lesson's pairing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pairing {
    pub(crate) lesson: &'static str,
    pub(crate) also: &'static [Also],
    pub(crate) pairs: &'static [Pair],
}

/// `side!("a")`, `side!("a" ..= "b")`, `side!(- "why")`.
macro_rules! side {
    (- $why:literal) => {
        $crate::pairs::Side::Missing($why)
    };
    ($first:literal) => {
        $crate::pairs::Side::Code {
            first: $first,
            last: None,
        }
    };
    ($first:literal ..= $last:literal) => {
        $crate::pairs::Side::Code {
            first: $first,
            last: Some($last),
        }
    };
}

/// `pairs![(python side) (rust side), …]`, each side as [`side!`] reads it.
macro_rules! pairs {
    ($( ( $($python:tt)+ ) ( $($rust:tt)+ ) ),* $(,)?) => {
        &[$($crate::pairs::Pair {
            python: $crate::pairs::side!($($python)+),
            rust: $crate::pairs::side!($($rust)+),
        }),*]
    };
}

/// `also!("crates/corogen/src/scheduler.rs", "Scheduler::step")`, from a file of
/// `src/pairs/`.
macro_rules! also {
    ($file:literal, $item:literal) => {
        $crate::pairs::Also {
            file: $file,
            item: $item,
            source: include_str!(concat!("../../", $file)),
        }
    };
}

pub(crate) use {also, pairs, side};

/// Every pairing, in no particular order.
fn pairings() -> impl Iterator<Item = &'static Pairing> {
    [
        generators::PAIRINGS,
        scheduler::PAIRINGS,
        futures::PAIRINGS,
        event_loop::PAIRINGS,
        gather_wait::PAIRINGS,
        threads_queues::PAIRINGS,
        toolbox::PAIRINGS,
        context::PAIRINGS,
    ]
    .into_iter()
    .flatten()
}

/// One row of a lesson's pairing, as shown: a Python statement (or a small
/// block) and its Rust twin, each as whole lines of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The Python lines.
    pub python: Cell,
    /// The Rust lines.
    pub rust: Cell,
}

/// One side of a [`Row`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Whole lines of the source, without blank ones, each ending in `\n`.
    Code {
        /// The lines.
        code: String,
        /// The file they come from: `examples/fib.py`, `crates/corogen/src/fib.rs`.
        file: String,
    },
    /// No twin on this side; the text says why.
    Missing(&'static str),
}

/// A pairing that no longer matches its sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairError {
    /// The lesson.
    pub lesson: &'static str,
    /// Which pair of its table, counted from 1.
    pub pair: usize,
    /// What is wrong.
    pub what: String,
}

impl fmt::Display for PairError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: pair {} of its table (src/pairs/): {}",
            self.lesson, self.pair, self.what
        )
    }
}

impl std::error::Error for PairError {}

impl Lesson {
    /// Whether this lesson has a pairing: every lesson with a Python original.
    pub fn has_pairing(&self) -> bool {
        pairings().any(|pairing| pairing.lesson == self.name)
    }

    /// The lesson's Python beside its Rust, a statement (or a small block) a
    /// row: empty for a lesson without Python.
    ///
    /// ```
    /// let fib = corolab::find_lesson("fib").unwrap();
    /// let rows = fib.pairing().unwrap();
    /// let corolab::Cell::Code { code, .. } = &rows[0].python else { panic!() };
    /// assert_eq!(code, "def fib():\n");
    /// let corolab::Cell::Code { code, file } = &rows[0].rust else { panic!() };
    /// assert!(code.starts_with("pub fn fib() -> impl FusedIterator<Item = u64> {\n"));
    /// assert_eq!(file, "crates/corogen/src/fib.rs");
    /// ```
    pub fn pairing(&self) -> Result<Vec<Row>, PairError> {
        Ok(self.resolve()?.0)
    }

    /// The rows, and the lines of the Python each covers (counted from 0).
    fn resolve(&self) -> Result<(Vec<Row>, Vec<Range<usize>>), PairError> {
        let Some(pairing) = pairings().find(|pairing| pairing.lesson == self.name) else {
            return Ok((Vec::new(), Vec::new()));
        };
        let error = |pair: usize, what: String| PairError {
            lesson: self.name,
            pair,
            what,
        };
        let mut python = Finder::new(
            vec![Piece {
                file: format!("examples/{}.py", self.example()),
                text: self.python.to_owned(),
            }],
            false,
        );
        let mut rust = Finder::new(
            self.rust_pieces(pairing).map_err(|what| error(0, what))?,
            true,
        );
        let mut rows = Vec::new();
        let mut covered = Vec::new();
        for (n, pair) in pairing.pairs.iter().enumerate() {
            let (python, lines) = python
                .cell(pair.python, "Python")
                .map_err(|w| error(n + 1, w))?;
            let (rust, _) = rust.cell(pair.rust, "Rust").map_err(|w| error(n + 1, w))?;
            rows.push(Row { python, rust });
            covered.push(lines);
        }
        Ok((rows, covered))
    }

    /// The Rust the pairing's fragments are looked for in: the example, the
    /// definitions its page shows, and those its table adds.
    fn rust_pieces(&self, pairing: &Pairing) -> Result<Vec<Piece>, String> {
        let mut pieces = vec![Piece {
            file: format!("examples/{}.rs", self.example()),
            text: self.rust.to_owned(),
        }];
        for excerpt in self.excerpts().map_err(|error| error.to_string())? {
            pieces.push(Piece {
                file: excerpt.file.to_owned(),
                text: excerpt.code,
            });
        }
        for also in pairing.also {
            let item = items::find(also.source, also.item)
                .map_err(|error| format!("{}: `{}`: {error}", also.file, also.item))?;
            let text = also.source[item.lines]
                .lines()
                .filter(|line| !line.trim_start().starts_with("///"))
                .flat_map(|line| [line, "\n"])
                .collect();
            pieces.push(Piece {
                file: also.file.to_owned(),
                text,
            });
        }
        Ok(pieces)
    }

    /// The lines of the Python (numbered from 1) that no pair covers and no
    /// driver comment exempts: empty when the pairing is whole.
    pub fn unpaired_python(&self) -> Result<Vec<(usize, &'static str)>, PairError> {
        let (_, covered) = self.resolve()?;
        Ok(unpaired(self.python, &covered))
    }
}

/// Every lesson's pairing checked: each lesson with Python has one, each
/// fragment is found, and no Python statement is left out. Returns every problem
/// found, one a line, each naming its lesson.
pub fn check_pairings() -> Vec<String> {
    let mut problems = Vec::new();
    for pairing in pairings() {
        if !LESSONS.iter().any(|lesson| lesson.name == pairing.lesson) {
            problems.push(format!("{}: a pairing for no such lesson", pairing.lesson));
        }
    }
    for lesson in LESSONS {
        let has_python = !lesson.python.is_empty();
        if has_python != lesson.has_pairing() {
            problems.push(format!(
                "{}: {} (src/pairs/)",
                lesson.name,
                if has_python {
                    "has Python but no pairing"
                } else {
                    "has a pairing but no Python"
                }
            ));
            continue;
        }
        match lesson.unpaired_python() {
            Err(error) => problems.push(error.to_string()),
            Ok(unpaired) => problems.extend(unpaired.into_iter().map(|(n, line)| {
                format!(
                    "{}: examples/{}.py line {n} is in no pair: {line:?}",
                    lesson.name,
                    lesson.example()
                )
            })),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_lesson_with_python_pairs_every_statement_with_its_rust() {
        let problems = super::check_pairings();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
