//! The `corolab` binary: each subcommand, its errors and exit statuses, a closed
//! pipe, the width `show` fits, and the lessons' own flags.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use corolab::{Flags, LESSONS};

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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn list_names_every_lesson_in_course_order() {
    let output = corolab(&["list"]);
    assert!(output.status.success());
    let names: Vec<String> = stdout(&output)
        .lines()
        .map(|line| {
            line.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let expected: Vec<&str> = LESSONS.iter().map(|l| l.name).collect();
    assert_eq!(names, expected);
}

#[test]
fn list_names_each_lessons_source_note_and_its_flags() {
    let text = stdout(&corolab(&["list"]));
    let line = |name: &str| {
        text.lines()
            .find(|line| line.split_whitespace().next() == Some(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(line("fib").split_whitespace().nth(1), Some("study-note"));
    assert_eq!(line("embed-game").split_whitespace().nth(1), Some("—"));
    assert!(line("primes-and-messages").ends_with("[--found]"));
    assert!(line("character-move").ends_with("[--frames --seed]"));
    assert!(!line("hello-world").contains("--"));
    assert!(!text.contains("seed 0"));
}

#[test]
fn run_prints_the_lesson_as_it_goes() {
    let output = corolab(&["run", "scheduler-two-tasks", "--virtual"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("Running task 0\ninitializing generator\n"));
    assert!(text.ends_with("Task 1 completed with result: 1364\n"));
}

fn found_lines(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|line| line.starts_with("Found"))
        .map(String::from)
        .collect()
}

#[test]
fn run_passes_the_lessons_own_flags_either_way_they_are_written() {
    for flags in [["--found", "3"].as_slice(), &["--found=3"]] {
        let mut args = vec!["run", "primes-and-messages", "--virtual", "--"];
        args.extend(flags);
        let output = corolab(&args);
        assert!(output.status.success(), "{flags:?}: {}", stderr(&output));
        assert_eq!(found_lines(&output), ["Found: 2", "Found: 3", "Found: 7"]);
    }
}

/// The example binaries `cargo test` builds beside the `corolab` binary.
fn example(name: &str) -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_corolab"));
    let path = bin
        .with_file_name("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    // `cargo test --test cli` builds the binary but not the examples: an example
    // older than the library it links is stale.
    let built = |path: &std::path::Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let library = bin.with_file_name("libcorolab.rlib");
    assert!(
        built(&path).is_some() && built(&path) >= built(&library),
        "{} is missing or older than the corolab library: build the examples (`cargo test` \
         without `--test`, or `cargo build --examples`)",
        path.display()
    );
    path
}

#[test]
fn a_lessons_help_lists_its_flags_with_their_defaults() {
    let by_corolab = corolab(&["run", "character-move", "--", "--help"]);
    let by_example = Command::new(example("character_move"))
        .arg("--help")
        .output()
        .expect("the example runs");
    for (output, usage) in [
        (by_corolab, "Usage: corolab run character-move --"),
        (by_example, "Usage: character_move"),
    ] {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let help = stdout(&output);
        assert!(help.starts_with(usage), "{help}");
        for expected in ["--frames <N>", "[default: 10]", "--seed <N>", "--virtual"] {
            assert!(help.contains(expected), "{expected} in {help}");
        }
        assert!(!help.contains("MAIN FLOW"), "the lesson did not run");
    }
}

#[test]
fn a_flag_the_lesson_does_not_take_is_an_error_naming_those_it_does() {
    let output = corolab(&["run", "character-move", "--virtual", "--", "--bogus", "3"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("'--bogus'"), "{error}");
    assert!(
        error.contains("[--frames N] [--seed N] [--virtual]"),
        "{error}"
    );
    assert!(output.stdout.is_empty(), "the lesson did not run");

    let example = Command::new(example("fib"))
        .args(["--virtual", "--found", "3"])
        .output()
        .expect("the example runs");
    assert_eq!(example.status.code(), Some(2));
    assert!(stderr(&example).contains("Usage: fib [--virtual]"));
}

#[test]
fn a_value_that_does_not_parse_is_an_error() {
    for value in ["--found=many", "--found=-3"] {
        let output = corolab(&["run", "primes-and-messages", "--virtual", "--", value]);
        assert_eq!(output.status.code(), Some(2), "{value}");
        let error = stderr(&output);
        assert!(
            error.contains("for '--found <N>': expected a number"),
            "{error}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_malformed_lesson_flag_is_exit_code_2() {
    let output = corolab(&["run", "fib", "--", "found"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unexpected argument 'found'"));
}

#[test]
fn timeline_draws_lanes_in_text_and_svg() {
    let output = corolab(&["timeline", "scheduler-two-tasks"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("step  task 0  task 1\n"));
    assert!(text.contains("✓ 1364"));

    let path = std::env::temp_dir().join(format!("corolab-timeline-{}.svg", std::process::id()));
    let output = corolab(&["timeline", "manager", "--svg", path.to_str().unwrap()]);
    assert!(output.status.success());
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);
    assert!(
        svg.starts_with("<svg") && svg.contains("task 1") && svg.trim_end().ends_with("</svg>")
    );
}

#[test]
fn timeline_of_a_lesson_without_a_scheduler_says_so() {
    for name in ["fib", "embed-game"] {
        let output = corolab(&["timeline", name]);
        assert_eq!(output.status.code(), Some(3), "{name}");
        assert!(output.stdout.is_empty(), "{name}: no empty chart");
        let error = stderr(&output);
        assert!(error.contains("runs no scheduler"), "{error}");
        assert!(error.contains(&format!("`corolab run {name}`")), "{error}");
    }
    let path = std::env::temp_dir().join(format!("corolab-none-{}.svg", std::process::id()));
    let output = corolab(&["timeline", "fib", "--svg", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3));
    assert!(!path.exists(), "no empty picture either");
}

#[test]
fn timeline_refuses_exactly_the_lessons_whose_timeline_is_empty() {
    for lesson in LESSONS {
        let steps = lesson
            .run_captured(Flags::default())
            .trace()
            .timeline()
            .steps();
        let output = corolab(&["timeline", lesson.name]);
        let expected = if steps == 0 { 3 } else { 0 };
        assert_eq!(output.status.code(), Some(expected), "{}", lesson.name);
    }
}

#[test]
fn an_unknown_lesson_is_exit_code_2_with_close_matches() {
    let output = corolab(&["run", "scheduler-two"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(
        error.contains("there is no lesson called \"scheduler-two\""),
        "{error}"
    );
    assert!(error.contains("scheduler-two-tasks"), "{error}");
    assert!(output.stdout.is_empty());

    let typo = corolab(&["show", "hello-wrld"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("did you mean: hello-world"));
}

/// Runs `corolab args` with its standard output a pipe whose reader is gone
/// before the program has started up, so its first write fails, as a write after
/// `head` exits does. (Should the program write first, the pipe holds the few
/// lines and the outcome is the same.)
fn into_a_closed_pipe(args: &[&str]) -> Output {
    let mut child = corolab_command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("it ends")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for args in [
        ["list"].as_slice(),
        &["timeline", "manager"],
        &["run", "primes-and-messages", "--virtual"],
        &["run", "primes-and-messages"],
        &["show", "manager"],
        &["run", "character-move", "--", "--help"],
    ] {
        let output = into_a_closed_pipe(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn a_reader_that_stops_after_one_line_ends_the_lesson_quietly() {
    // Far more output than a pipe holds, so the lesson is still writing when the
    // reader goes.
    let args = [
        "run",
        "embed-traffic-lights",
        "--virtual",
        "--",
        "--seconds=100000",
    ];
    let mut child = corolab_command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut first)
        .expect("a line");
    assert!(first.starts_with("t= 0s"), "{first}");
    let output = child.wait_with_output().expect("it ends");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_exit_code_1() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let output = corolab_command(&["list"])
        .stdout(full)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot write to standard output"));
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
                assert_words_kept(lesson.rust, &lines[second + 1..].join("\n"), width, &what);
            } else {
                let rule = lines.iter().position(|l| l.contains("─┼─"));
                let body = &lines[rule.expect("a rule under the titles") + 1..];
                let side = |left| {
                    let cells: Vec<String> =
                        body.iter().map(|l| column_of(l, column, left)).collect();
                    cells.join("\n")
                };
                assert_words_kept(lesson.python(), &side(true), column, &what);
                assert_words_kept(lesson.rust, &side(false), column, &what);
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
    assert!(output.status.success(), "{}", stderr(&output));
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
