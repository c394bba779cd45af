//! `corolab show`: each statement of a lesson's Python beside the Rust it
//! became, as its pairing declares ([`Lesson::pairing`]), fitted to the terminal,
//! or each above the other when it is too narrow; then the whole files, the Rust
//! being the lesson's example and the definitions of what the Python defines
//! ([`Lesson::definitions_listing`]).
//!
//! Widths are counted in characters: the sources are ASCII but for the box
//! drawing, which takes one column a character.

use corolab::{Cell, Lesson};

/// The narrowest a column may be before the two are stacked.
const MIN_COLUMN: usize = 40;

/// The width used when neither `--width`, `$COLUMNS` nor a terminal says.
const DEFAULT_WIDTH: usize = 100;

/// The narrowest width `show` lays out for: below it a column cannot hold even
/// a short line of code.
pub const MIN_WIDTH: u16 = 20;

/// How far a wrapped line's continuation is indented beyond the line itself.
const CONTINUATION: usize = 4;

/// The width to fit: `$COLUMNS` if set (as `ls` reads it), else the width of the
/// terminal that standard output, or else standard error, is (so `| less` still
/// fits the screen), else 100.
pub fn terminal_width() -> usize {
    let terminal = || {
        let (terminal_size::Width(width), _) = terminal_size::terminal_size()
            .or_else(|| terminal_size::terminal_size_of(std::io::stderr()))?;
        Some(usize::from(width))
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse().ok())
        .or_else(terminal)
        .unwrap_or(DEFAULT_WIDTH);
    width.max(usize::from(MIN_WIDTH))
}

/// The lesson's Python beside its Rust in `width` columns: first each Python
/// statement beside its Rust twin, a pair a row ([`Lesson::pairing`]), then the
/// whole files, one after the other. No line is wider than `width`, and lines
/// are broken between words.
pub fn side_by_side(lesson: &Lesson, width: usize) -> String {
    let python_title = match lesson.source {
        None => "Python: none, this lesson has no original".to_owned(),
        Some(note) => format!("Python (from {})", note.name),
    };
    let rust_title = format!("Rust (examples/{}.rs)", lesson.example());
    let mut out = String::new();
    if lesson.has_pairing() {
        out.push_str(&paired(lesson, width, &python_title, &rust_title));
        out.push('\n');
        let whole = format!("The whole files: examples/{}.py", lesson.example());
        out.push_str(&stacked(&whole, lesson.python(), width));
        out.push('\n');
    } else if !lesson.python().is_empty() {
        out.push_str(&stacked(&python_title, lesson.python(), width));
        out.push('\n');
    }
    // The crates' definitions of what the Python defines, after the lesson's own.
    let rust = format!("{}{}", lesson.rust, lesson.definitions_listing());
    let title = if lesson.python().is_empty() {
        format!("{python_title}\n{rust_title}")
    } else {
        rust_title
    };
    out.push_str(&stacked(&title, &rust, width));
    out
}

/// The rows of the lesson's pairing as lines of text: each side's code, and
/// where a row's Rust comes from another file than the row before, a comment
/// naming it first.
pub fn pairing_cells(lesson: &Lesson) -> Vec<(String, String)> {
    let rows = match lesson.pairing() {
        Ok(rows) => rows,
        Err(error) => {
            return vec![(
                format!("(the pairing is out of date: {error})"),
                String::new(),
            )];
        }
    };
    let example = format!("examples/{}.rs", lesson.example());
    let mut file = example.as_str().to_owned();
    let mut cells = Vec::new();
    for row in rows {
        let python = text_of(&row.python);
        let mut rust = text_of(&row.rust);
        if let Cell::Code { file: from, .. } = &row.rust
            && *from != file
        {
            rust = format!("// from {from}\n{rust}");
            file.clone_from(from);
        }
        cells.push((python, rust));
    }
    cells
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Code { code, .. } => code.clone(),
        Cell::Missing(why) => format!("— {why}\n"),
    }
}

/// The pairing in two columns, or, where they would be too narrow, each
/// Python cell above its Rust, which a bar in the margin marks.
fn paired(lesson: &Lesson, width: usize, python_title: &str, rust_title: &str) -> String {
    let cells = pairing_cells(lesson);
    let column = width.saturating_sub(3) / 2;
    let mut out = String::new();
    if column < MIN_COLUMN {
        let rule = "─".repeat(width.min(80));
        let title = format!("Line by line: {python_title}, each above its {rust_title}");
        for line in wrap(&title, width).into_iter().chain([rule.clone()]) {
            out.push_str(&line);
            out.push('\n');
        }
        for (n, (python, rust)) in cells.iter().enumerate() {
            if n > 0 {
                out.push_str(&format!("{}\n", "┈".repeat(width.min(80))));
            }
            for line in wrap(python, width) {
                out.push_str(line.trim_end());
                out.push('\n');
            }
            for line in wrap(rust, width - 2) {
                out.push_str(format!("{BAR}{line}").trim_end());
                out.push('\n');
            }
        }
        return out;
    }
    beside(
        &mut out,
        &wrap(python_title, column),
        &wrap(rust_title, column),
        column,
    );
    out.push_str(&format!(
        "{}─┼─{}\n",
        "─".repeat(column),
        "─".repeat(column)
    ));
    for (n, (python, rust)) in cells.iter().enumerate() {
        if n > 0 {
            out.push_str(&format!(
                "{}┈┼┈{}\n",
                "┈".repeat(column),
                "┈".repeat(column)
            ));
        }
        beside(&mut out, &wrap(python, column), &wrap(rust, column), column);
    }
    out
}

/// What marks a Rust line when each Python cell is above its Rust.
pub const BAR: &str = "│ ";

/// `text` under `title` and a rule, in `width` columns.
fn stacked(title: &str, text: &str, width: usize) -> String {
    let mut out = String::new();
    let rule = "─".repeat(width.min(80));
    for line in wrap(title, width)
        .into_iter()
        .chain([rule])
        .chain(wrap(text, width))
    {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Writes `left` and `right` side by side, `left` padded to `column`.
fn beside(out: &mut String, left: &[String], right: &[String], column: usize) {
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map_or("", String::as_str);
        let r = right.get(i).map_or("", String::as_str);
        out.push_str(format!("{} │ {r}", pad(l, column)).trim_end());
        out.push('\n');
    }
}

/// `text`'s lines, each broken between words into lines of at most `width`
/// characters. A continuation keeps the line's indentation and adds a little, so
/// it reads as part of the line above (less where the word would not fit); only
/// a word longer than a whole line is cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in text.lines() {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let mut margin = indent;
        let mut current = String::new();
        // Whether `current` holds no word yet.
        let mut fresh = true;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let word_len = word.chars().count();
            if !fresh && current.chars().count() + 1 + word_len > width {
                lines.push(std::mem::take(&mut current));
                margin = indent + CONTINUATION;
                fresh = true;
            }
            if fresh {
                // Less margin rather than a cut word.
                let room = width.saturating_sub(word_len);
                current = " ".repeat(margin.min(width / 2).min(room));
            } else {
                current.push(' ');
            }
            fresh = false;
            for c in word.chars() {
                if current.chars().count() == width {
                    lines.push(std::mem::take(&mut current));
                }
                current.push(c);
            }
        }
        lines.push(current);
    }
    lines
}

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_keeps_the_indentation() {
        assert_eq!(
            wrap("    let total = first + second;", 20),
            ["    let total =", "        first +", "        second;"]
        );
    }

    #[test]
    fn wrap_cuts_only_a_word_longer_than_the_line() {
        assert_eq!(wrap("ab abcdefghij", 6), ["ab", "abcdef", "ghij"]);
        assert_eq!(wrap("a\n\n  b", 6), ["a", "", "  b"]);
    }
}
