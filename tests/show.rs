//! `corolab show`: each Python statement beside its Rust twin, then the whole
//! files, fitted to the width of the terminal (or `$COLUMNS`, or `--width`),
//! lines broken only between words.

use std::process::{Command, Output, Stdio};

use corolab::{Cell, LESSONS, Lesson};

fn corolab_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_corolab"));
    command.args(args).env_remove("COLUMNS");
    command
}

fn corolab(args: &[&str]) -> Output {
    corolab_command(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn show_puts_each_python_statement_beside_its_rust_or_above_it() {
    let wide = stdout(&corolab(&["show", "fib", "--width", "120"]));
    let first = wide.lines().next().unwrap_or_default();
    assert!(first.contains("Python (from study-note)") && first.contains("Rust (examples/fib.rs)"));
    // A row holds a statement and its twin, whatever their line numbers.
    assert!(
        wide.lines()
            .any(|l| l.starts_with("  yield a ") && l.ends_with("│         co.yield_(a).await;"))
    );
    assert!(
        wide.lines()
            .any(|l| l.starts_with("from itertools import islice ")
                && l.contains("│ — Rust's iterators have `take`"))
    );

    let narrow = stdout(&corolab(&["show", "fib", "--width", "60"]));
    assert!(narrow.starts_with("Line by line: Python (from study-note)"));
    let lines: Vec<&str> = narrow.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "  yield a")
        .expect("the statement");
    assert_eq!(
        lines[at + 1],
        "│         co.yield_(a).await;",
        "its twin just below"
    );
    assert!(
        narrow.contains("\nRust (examples/fib.rs)\n"),
        "the whole file follows"
    );
}

#[test]
fn show_follows_the_rust_with_the_definitions_the_python_defines() {
    let shown = stdout(&corolab(&["show", "fib", "--width", "60"]));
    let rust = shown
        .split_once("\nRust (examples/fib.rs)\n")
        .expect("the whole Rust comes last")
        .1;
    let definitions = rust
        .split_once("// From crates/corogen/src/fib.rs:")
        .expect("after the example, where fib is defined")
        .1;
    assert!(definitions.contains("pub fn fib() -> impl FusedIterator<Item = u64> {"));
    assert!(definitions.contains("co.yield_(b).await;"));

    let plain = stdout(&corolab(&["show", "hello-world", "--width", "60"]));
    assert!(
        !plain.contains("// From crates/"),
        "hello-world defines nothing"
    );
}

/// Checks that `shown` holds the words of `source` in order, each whole unless
/// it is longer than `width`, which only then may come in pieces.
fn assert_words_kept(source: &str, shown: &str, width: usize, what: &str) {
    let mut shown = shown.split_whitespace();
    for word in source.split_whitespace() {
        let mut got = shown.next().unwrap_or_default().to_owned();
        if word.chars().count() > width {
            while got.len() < word.len() && word.starts_with(&got) {
                got.push_str(shown.next().unwrap_or_default());
            }
        }
        assert_eq!(got, word, "{what}: a word was cut, lost or changed");
    }
    assert_eq!(shown.next(), None, "{what}: words were added");
}

/// The column each line of `show`'s side-by-side layout holds: `left` or not.
fn column_of(line: &str, column: usize, left: bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let (l, r) = chars.split_at(column.min(chars.len()));
    let text: String = if left {
        l
    } else {
        r.get(3..).unwrap_or_default()
    }
    .iter()
    .collect();
    text
}

/// The text of a pairing's cell as `show` prints it: where the Rust comes from
/// another file than the row before's (`file`), a comment naming it first.
fn cell_text(cell: &Cell, file: &mut String) -> String {
    match cell {
        Cell::Code { code, file: from } if from != file => {
            file.clone_from(from);
            format!("// from {from}\n{code}")
        }
        Cell::Code { code, .. } => code.clone(),
        Cell::Missing(why) => format!("— {why}"),
    }
}

/// Checks the paired view of `shown` (the lines before the whole files) against
/// the lesson's pairing: a row each, every word of each cell in its place.
fn assert_pairs_kept(lesson: &Lesson, paired: &[&str], width: usize, what: &str) {
    let rows = lesson.pairing().expect("the pairing resolves");
    let column = (width - 3) / 2;
    let stacked = column < 40;
    let separator = |l: &&str| {
        if stacked {
            !l.is_empty() && l.chars().all(|c| c == '┈')
        } else {
            l.contains("┈┼┈")
        }
    };
    let chunks: Vec<&[&str]> = paired.split(separator).collect();
    assert_eq!(chunks.len(), rows.len(), "{what}: a row a pair");
    let mut file = format!("examples/{}.rs", lesson.example());
    for (chunk, row) in chunks.iter().zip(&rows) {
        let (python, rust): (Vec<String>, Vec<String>) = if stacked {
            let (rust, python): (Vec<&str>, Vec<&str>) =
                chunk.iter().partition(|l| l.starts_with(BAR));
            (
                python.iter().map(|l| l.to_string()).collect(),
                rust.iter().map(|l| l[BAR.len()..].to_string()).collect(),
            )
        } else {
            (
                chunk.iter().map(|l| column_of(l, column, true)).collect(),
                chunk.iter().map(|l| column_of(l, column, false)).collect(),
            )
        };
        let cell_width = if stacked { width - 2 } else { column };
        let python_text = cell_text(
            &row.python,
            &mut format!("examples/{}.py", lesson.example()),
        );
        assert_words_kept(&python_text, &python.join("\n"), cell_width, what);
        let rust_text = cell_text(&row.rust, &mut file);
        assert_words_kept(&rust_text, &rust.join("\n"), cell_width, what);
    }
}

const BAR: &str = "│ ";

#[test]
fn show_never_exceeds_the_width_and_breaks_only_between_words() {
    for lesson in LESSONS {
        let rust = format!("{}{}", lesson.rust, lesson.definitions_listing());
        for width in [40, 60, 80, 83, 120, 140, 160] {
            let shown = stdout(&corolab(&[
                "show",
                lesson.name,
                "--width",
                &width.to_string(),
            ]));
            let what = format!("{} at {width}", lesson.name);
            for line in shown.lines() {
                assert!(line.chars().count() <= width, "{what}: {line:?}");
            }
            let lines: Vec<&str> = shown.lines().collect();
            let rules: Vec<usize> = (0..lines.len())
                .filter(|&i| !lines[i].is_empty() && lines[i].chars().all(|c| c == '─'))
                .collect();
            let rust_rule = *rules.last().expect("a rule under the Rust's title");
            assert_words_kept(&rust, &lines[rust_rule + 1..].join("\n"), width, &what);
            if !lesson.has_pairing() {
                continue;
            }
            let python_rule = rules[rules.len() - 2];
            let python = format!(
                "{}\nRust (examples/{}.rs)",
                lesson.python(),
                lesson.example()
            );
            let python_shown = lines[python_rule + 1..rust_rule].join("\n");
            assert_words_kept(&python, &python_shown, width, &what);
            let first_rule = lines
                .iter()
                .position(|l| l.contains("─┼─") || !l.is_empty() && l.chars().all(|c| c == '─'))
                .expect("a rule under the titles");
            let end = lines
                .iter()
                .position(|l| l.starts_with("The whole files"))
                .expect("the whole files after the pairs");
            assert_pairs_kept(lesson, &lines[first_rule + 1..end - 1], width, &what);
        }
    }
}

/// `corolab show fib` in a pseudo-terminal `columns` wide, through
/// `script`, with no `COLUMNS` in its environment (bash does not export it).
#[cfg(target_os = "linux")]
fn show_in_a_terminal(columns: usize) -> String {
    let bin = env!("CARGO_BIN_EXE_corolab");
    let script = format!("stty cols {columns} rows 40; exec env -u COLUMNS '{bin}' show fib");
    let output = Command::new("script")
        .args(["-qec", &script, "/dev/null"])
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("script(1), from util-linux, runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output).replace("\r\n", "\n")
}

#[cfg(target_os = "linux")]
#[test]
fn show_fits_the_terminal_it_prints_to() {
    for columns in [123, 140] {
        let shown = show_in_a_terminal(columns);
        let widest = shown.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            widest <= columns && widest > 110,
            "{widest} columns used of {columns}"
        );
    }
    let narrow = show_in_a_terminal(70);
    assert!(!narrow.contains("─┼─"), "stacked in 70 columns");
    assert!(narrow.lines().all(|l| l.chars().count() <= 70));
}

#[test]
fn columns_and_width_say_the_width_when_given() {
    let widest = |output: Output| {
        stdout(&output)
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    let by_columns = corolab_command(&["show", "fib"])
        .env("COLUMNS", "90")
        .output()
        .expect("the binary runs");
    assert!((84..=90).contains(&widest(by_columns)));
    let by_flag = corolab_command(&["show", "fib", "--width", "150"])
        .env("COLUMNS", "90")
        .output()
        .expect("the binary runs");
    assert!((120..=150).contains(&widest(by_flag)));
    let too_narrow = corolab(&["show", "fib", "--width", "5"]);
    assert_eq!(too_narrow.status.code(), Some(2));
}
