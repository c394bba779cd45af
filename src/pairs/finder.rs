//! How a pairing's fragments are found: each side's fragments in turn, in the
//! texts of that side, and the lines of the Python no pair covers.

use std::ops::Range;

use super::{Cell, Side};

/// A text a side's fragments are looked for in, with the file it comes from.
pub(super) struct Piece {
    pub(super) file: String,
    pub(super) text: String,
}

/// Where the search for the next fragment of one side stands.
pub(super) struct Finder {
    pieces: Vec<Piece>,
    /// Which piece and where in it the previous fragment ended.
    at: (usize, usize),
    /// Whether a fragment may be found before the previous one.
    anywhere: bool,
}

impl Finder {
    /// A search through `pieces` from their start: in order, or, if
    /// `anywhere`, falling back to the start for what is not found after the
    /// previous fragment.
    pub(super) fn new(pieces: Vec<Piece>, anywhere: bool) -> Self {
        Self {
            pieces,
            at: (0, 0),
            anywhere,
        }
    }

    /// The cell `side` covers and the lines it spans in its piece (counted
    /// from 0), or what went wrong.
    pub(super) fn cell(&mut self, side: Side, what: &str) -> Result<(Cell, Range<usize>), String> {
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
        let code: String = text[line_start..line_end]
            .lines()
            // Doc comments are the page's prose, and the whole file keeps them.
            .filter(|line| {
                let line = line.trim();
                !line.is_empty() && !line.starts_with("///") && !line.starts_with("//!")
            })
            .flat_map(|line| [line, "\n"])
            .collect();
        if code.is_empty() {
            return Err(format!(
                "the {what} fragment {first:?} is found only in a doc comment, in {}",
                self.pieces[piece].file
            ));
        }
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

/// The lines of `python` (numbered from 1) in none of the `covered` ranges
/// (counted from 0), but for blank lines, comments and a driver's lines: a block
/// under a `# driver` comment, up to the next blank line, or a line ending in one.
pub(super) fn unpaired<'a>(python: &'a str, covered: &[Range<usize>]) -> Vec<(usize, &'a str)> {
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

#[cfg(test)]
mod tests {
    use super::{Cell, Finder, Piece, Range, Side, unpaired};

    fn finder(text: &str, anywhere: bool) -> Finder {
        let pieces = vec![Piece {
            file: "f.py".to_owned(),
            text: text.to_owned(),
        }];
        Finder::new(pieces, anywhere)
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
    fn a_fragment_found_only_in_a_doc_comment_is_refused() {
        let mut f = finder("/// `run(x)` runs it\nfn run() {}\n", true);
        let error = f.cell(code("run(x)", None), "Rust").unwrap_err();
        assert!(error.contains("only in a doc comment"), "{error}");
    }

    #[test]
    fn only_blank_lines_comments_and_the_driver_may_go_unpaired() {
        let python = "# driver: set up\nimport a\n\n# a comment\nx = 1\ny = 2  # driver\nz = 3\n";
        let covered = [Range { start: 6, end: 7 }];
        assert_eq!(unpaired(python, &covered), [(5, "x = 1")]);
        assert_eq!(unpaired(python, &[4..5, 6..7]), []);
    }
}
