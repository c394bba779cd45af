//! Each lesson's Python, statement by statement, beside the Rust it became: the
//! rows of the "Line by line" section of its page and of `corolab show`. A lesson's
//! pairing is a small table (in `pairs/`, one file per part of the course) of
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

mod futures;
mod generators;
mod page;
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
    generators::PAIRINGS
        .iter()
        .chain(futures::PAIRINGS)
        .chain(toolbox::PAIRINGS)
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

/// A text a side's fragments are looked for in, with the file it comes from.
struct Piece {
    file: String,
    text: String,
}

/// Where the search for the next fragment of one side stands.
struct Finder {
    pieces: Vec<Piece>,
    /// Which piece and where in it the previous fragment ended.
    at: (usize, usize),
    /// Whether a fragment may be found before the previous one.
    anywhere: bool,
}

impl Finder {
    /// The cell `side` covers and the lines it spans in its piece (counted
    /// from 0), or what went wrong.
    fn cell(&mut self, side: Side, what: &str) -> Result<(Cell, Range<usize>), String> {
        let (first, last) = match side {
            Side::Missing(why) => return Ok((Cell::Missing(why), 0..0)),
            Side::Code { first, last } => (first, last),
        };
        let (piece, start) = self.find(first).ok_or_else(|| {
            let order = if self.anywhere {
                "anywhere in"
            } else {
                "after the previous pair in"
            };
            format!(
                "the {what} fragment {first:?} is not found {order} {}",
                self.files()
            )
        })?;
        let text = &self.pieces[piece].text;
        let mut end = start + first.len();
        if let Some(last) = last {
            let found = text[end..].find(last).ok_or_else(|| {
                format!(
                    "the {what} fragment {last:?}, the end of {first:?}, is not found after \
                     it in {}",
                    self.pieces[piece].file
                )
            })?;
            end += found + last.len();
        }
        self.at = (piece, end);
        let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        // A fragment that ends with its line's newline ends on that line.
        let end = end - usize::from(text[..end].ends_with('\n'));
        let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
        let code = text[line_start..line_end]
            .lines()
            // Doc comments are the page's prose, and the whole file keeps them.
            .filter(|line| {
                let line = line.trim();
                !line.is_empty() && !line.starts_with("///") && !line.starts_with("//!")
            })
            .flat_map(|line| [line, "\n"])
            .collect();
        let lines =
            text[..line_start].matches('\n').count()..text[..line_end].matches('\n').count() + 1;
        let cell = Cell::Code {
            code,
            file: self.pieces[piece].file.clone(),
        };
        Ok((cell, lines))
    }

    /// Where `fragment` starts: after the previous fragment, else (where
    /// allowed) from the start of the first piece.
    fn find(&self, fragment: &str) -> Option<(usize, usize)> {
        let (piece, offset) = self.at;
        let after = std::iter::once((piece, offset))
            .chain((piece + 1..self.pieces.len()).map(|p| (p, 0)))
            .find_map(|(p, from)| Some((p, from + self.pieces[p].text[from..].find(fragment)?)));
        let anywhere = || {
            self.pieces
                .iter()
                .enumerate()
                .find_map(|(p, piece)| Some((p, piece.text.find(fragment)?)))
        };
        after.or_else(|| if self.anywhere { anywhere() } else { None })
    }

    fn files(&self) -> String {
        let files: Vec<&str> = self.pieces.iter().map(|p| p.file.as_str()).collect();
        files.join(", ")
    }
}

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
        let mut python = Finder {
            pieces: vec![Piece {
                file: format!("examples/{}.py", self.example()),
                text: self.python.to_owned(),
            }],
            at: (0, 0),
            anywhere: false,
        };
        let mut rust = Finder {
            pieces: self.rust_pieces(pairing).map_err(|what| error(0, what))?,
            at: (0, 0),
            anywhere: true,
        };
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

/// The lines of `python` (numbered from 1) in none of the `covered` ranges
/// (counted from 0), but for blank lines, comments and a driver's lines: a block
/// under a `# driver` comment, up to the next blank line, or a line ending in one.
fn unpaired<'a>(python: &'a str, covered: &[Range<usize>]) -> Vec<(usize, &'a str)> {
    let mut unpaired = Vec::new();
    let mut in_driver = false;
    for (n, line) in python.lines().enumerate() {
        let code = line.trim();
        in_driver = !code.is_empty() && (in_driver || code.starts_with("# driver"));
        let exempt =
            code.is_empty() || in_driver || code.starts_with('#') || line.contains("# driver");
        if !exempt && !covered.iter().any(|lines| lines.contains(&n)) {
            unpaired.push((n + 1, line));
        }
    }
    unpaired
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
    use super::{Cell, Finder, Piece, Range, Side, unpaired};

    fn finder(text: &str, anywhere: bool) -> Finder {
        let pieces = vec![Piece {
            file: "f.py".to_owned(),
            text: text.to_owned(),
        }];
        Finder {
            pieces,
            at: (0, 0),
            anywhere,
        }
    }

    fn code(first: &'static str, last: Option<&'static str>) -> Side {
        Side::Code { first, last }
    }

    #[test]
    fn a_side_covers_whole_lines_from_its_first_fragment_to_its_last() {
        let mut f = finder("a = 1\nif a:\n\n  b = 2\n  c = 3\nd = 4\n", false);
        let (cell, lines) = f.cell(code("if", Some("b =")), "Python").unwrap();
        assert_eq!(
            cell,
            Cell::Code {
                code: "if a:\n  b = 2\n".to_owned(),
                file: "f.py".to_owned()
            }
        );
        assert_eq!(lines, 1..4);
        // In order: what comes before the last fragment found is not found again.
        assert!(f.cell(code("a = 1", None), "Python").is_err());
        let (_, lines) = f.cell(code("c = 3\n", None), "Python").unwrap();
        assert_eq!(lines, 4..5, "a fragment's own newline ends its line");
    }

    #[test]
    fn a_fragment_not_found_is_named_with_where_it_was_looked_for() {
        let mut f = finder("x = 1\n", true);
        let error = f.cell(code("y = 2", None), "Rust").unwrap_err();
        assert_eq!(
            error,
            "the Rust fragment \"y = 2\" is not found anywhere in f.py"
        );
        let error = f.cell(code("x", Some("z")), "Rust").unwrap_err();
        assert!(error.contains("\"z\", the end of \"x\""), "{error}");
    }

    #[test]
    fn only_blank_lines_comments_and_the_driver_may_go_unpaired() {
        let python = "# driver: set up\nimport a\n\n# a comment\nx = 1\ny = 2  # driver\nz = 3\n";
        let covered = [Range { start: 6, end: 7 }];
        assert_eq!(unpaired(python, &covered), [(5, "x = 1")]);
        assert_eq!(unpaired(python, &[4..5, 6..7]), []);
    }

    #[test]
    fn every_lesson_with_python_pairs_every_statement_with_its_rust() {
        let problems = super::check_pairings();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
