//! `corolab show`: the Python and the Rust of a lesson side by side, fitted to the
//! terminal, or one above the other when it is too narrow.

use corolab::Lesson;

/// The narrowest a column may be before the two are stacked.
const MIN_COLUMN: usize = 40;

/// The lesson's Python beside its Rust, in `width` columns.
pub fn side_by_side(lesson: &Lesson, width: usize) -> String {
    let python_title = if lesson.seed == "—" {
        "Python: none, this lesson has no original".to_owned()
    } else {
        format!("Python (seed {})", lesson.seed)
    };
    let rust_title = format!("Rust (examples/{}.rs)", lesson.example());
    let python = lesson.python();
    let rust = lesson.rust;

    let column = width.saturating_sub(3) / 2;
    if column < MIN_COLUMN {
        return format!(
            "{python_title}\n{}\n{python}\n{rust_title}\n{}\n{rust}",
            "─".repeat(width.min(80)),
            "─".repeat(width.min(80))
        );
    }
    let left = wrap(python, column);
    let right = wrap(rust, column);
    let mut out = format!(
        "{} │ {}\n{}─┼─{}\n",
        pad(&python_title, column),
        rust_title,
        "─".repeat(column),
        "─".repeat(column)
    );
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map_or("", String::as_str);
        let r = right.get(i).map_or("", String::as_str);
        out.push_str(format!("{} │ {r}", pad(l, column)).trim_end());
        out.push('\n');
    }
    out
}

/// `text`'s lines, each cut into pieces of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            lines.push(String::new());
        }
        for piece in chars.chunks(width.max(1)) {
            lines.push(piece.iter().collect());
        }
    }
    lines
}

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}
