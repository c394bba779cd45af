//! `corolab show`: the Python beside the Rust, fitted to the width of the
//! terminal (or `$COLUMNS`, or `--width`), lines broken only between words.

use std::process::{Command, Output, Stdio};

use corolab::LESSONS;

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
fn show_puts_python_beside_rust_or_above_it() {
    let wide = stdout(&corolab(&["show", "hello-world", "--width", "120"]));
    let first = wide.lines().next().unwrap_or_default();
    assert!(
        first.contains("Python (from module-3)")
            && first.contains("Rust (examples/hello_world.rs)")
    );
    assert!(
        wide.lines()
            .any(|l| l.contains("print('hello')") && l.contains('│'))
    );

    let narrow = stdout(&corolab(&["show", "hello-world", "--width", "60"]));
    assert!(narrow.starts_with("Python (from module-3)\n"));
    assert!(!narrow.contains('│'));
    assert!(narrow.contains("Rust (examples/hello_world.rs)"));
}

#[test]
fn show_follows_the_rust_with_the_definitions_the_python_defines() {
    let shown = stdout(&corolab(&["show", "fib", "--width", "60"]));
    let rust = shown
        .split_once("Rust (examples/fib.rs)")
        .expect("the Rust comes second when stacked")
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

#[test]
fn show_never_exceeds_the_width_and_breaks_only_between_words() {
    for lesson in LESSONS {
        let rust_title = format!("Rust (examples/{}.rs)", lesson.example());
        let rust = format!("{}{}", lesson.rust, lesson.definitions_listing());
        for width in [40, 60, 80, 83, 120, 160] {
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
            let column = (width - 3) / 2;
            if column < 40 {
                let rules: Vec<usize> = (0..lines.len())
                    .filter(|&i| !lines[i].is_empty() && lines[i].chars().all(|c| c == '─'))
                    .collect();
                let [first, second] = rules[..] else {
                    panic!("{what}: two rules, under each title")
                };
                let python = format!("{}\n{rust_title}", lesson.python());
                assert_words_kept(&python, &lines[first + 1..second].join("\n"), width, &what);
                assert_words_kept(&rust, &lines[second + 1..].join("\n"), width, &what);
            } else {
                let rule = lines.iter().position(|l| l.contains("─┼─"));
                let body = &lines[rule.expect("a rule under the titles") + 1..];
                let side = |left| {
                    let cells: Vec<String> =
                        body.iter().map(|l| column_of(l, column, left)).collect();
                    cells.join("\n")
                };
                assert_words_kept(lesson.python(), &side(true), column, &what);
                assert_words_kept(&rust, &side(false), column, &what);
            }
        }
    }
}

/// `corolab show manager` in a pseudo-terminal `columns` wide, through
/// `script`, with no `COLUMNS` in its environment (bash does not export it).
#[cfg(target_os = "linux")]
fn show_in_a_terminal(columns: usize) -> String {
    let bin = env!("CARGO_BIN_EXE_corolab");
    let script = format!("stty cols {columns} rows 40; exec env -u COLUMNS '{bin}' show manager");
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
    assert!(!narrow.contains('│'), "stacked in 70 columns");
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
    let by_columns = corolab_command(&["show", "manager"])
        .env("COLUMNS", "90")
        .output()
        .expect("the binary runs");
    assert!((84..=90).contains(&widest(by_columns)));
    let by_flag = corolab_command(&["show", "manager", "--width", "150"])
        .env("COLUMNS", "90")
        .output()
        .expect("the binary runs");
    assert!((120..=150).contains(&widest(by_flag)));
    let too_narrow = corolab(&["show", "manager", "--width", "5"]);
    assert_eq!(too_narrow.status.code(), Some(2));
}
