//! The `corolab` binary: each subcommand, its errors and exit statuses, a closed
//! pipe, and the lessons' own flags (`show` has tests/show.rs).

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
    // `cargo test --test cli` builds the binary but not the examples; `cargo test`
    // builds both. (A file time says nothing sure about staleness: cargo may leave
    // an up-to-date example older than a library it rewrote.)
    assert!(
        path.exists(),
        "{} is missing: build the examples (`cargo test` without `--test`, or \
         `cargo build --examples`)",
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
        svg.starts_with("<svg") && svg.contains(">Task-2<") && svg.trim_end().ends_with("</svg>")
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
        "--seconds",
        "100000",
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
fn help_lists_the_exit_statuses() {
    let output = corolab(&["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for status in [
        "0  done",
        "1  the output",
        "2  no such lesson",
        "3  `timeline`",
    ] {
        assert!(help.contains(status), "{status} in {help}");
    }
}

/// The `(x, class, text)` of each `<text>` in an SVG, hover titles left out.
fn svg_texts(svg: &str) -> Vec<(f64, String, String)> {
    let attribute = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..start + tag[start..].find('"')?].to_owned())
    };
    svg.split("<text")
        .skip(1)
        .map(|rest| {
            let (tag, body) = rest.split_once('>').unwrap();
            let body = &body[..body.find("</text>").unwrap()];
            let shown = body.rsplit("</title>").next().unwrap();
            let x = attribute(tag, "x").unwrap().parse().unwrap();
            let class = attribute(tag, "class").unwrap_or_default();
            let shown = shown.replace("&lt;", "<").replace("&gt;", ">");
            (
                x,
                class,
                shown.replace("&quot;", "\"").replace("&amp;", "&"),
            )
        })
        .collect()
}

fn svg_size(svg: &str) -> (f64, f64) {
    let tag = &svg[..svg.find('>').unwrap()];
    let number = |name: &str| {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..start + tag[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    (number("width"), number("height"))
}

fn timeline_svg(args: &[&str]) -> String {
    let path = std::env::temp_dir().join(format!("corolab-{}-{}.svg", args[0], std::process::id()));
    let mut all = vec!["timeline"];
    all.extend(args);
    all.extend(["--svg", path.to_str().unwrap()]);
    let output = corolab(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);
    svg
}

#[test]
fn the_svg_is_titled_with_the_lesson_and_its_lanes_with_task_names() {
    let svg = timeline_svg(&["gather-failure"]);
    let lesson = corolab::find_lesson("gather-failure").unwrap();
    let title = format!("{} — {}", lesson.name, lesson.title);
    assert!(svg.contains(&format!("<title>{title}</title>")), "{svg}");
    let texts = svg_texts(&svg);
    let lanes: Vec<&str> = texts
        .iter()
        .filter(|(_, class, _)| class == "lane")
        .map(|(_, _, text)| text.as_str())
        .collect();
    assert_eq!(
        lanes,
        [
            "Task-1", "Task-2", "Task-3", "Task-4", "Task-5", "Task-6", "Task-7"
        ]
    );
    assert!(
        texts
            .iter()
            .any(|(_, _, text)| text == "✗ the task panicked: child2…")
    );
}

#[test]
fn no_lesson_timeline_has_a_clipped_text() {
    for lesson in LESSONS {
        let timeline = lesson.run_captured(Flags::default()).trace().timeline();
        let svg = timeline.folded().titled(lesson.title).to_svg();
        let (width, _) = svg_size(&svg);
        let texts = svg_texts(&svg);
        let mut lanes: Vec<f64> = texts
            .iter()
            .filter(|(_, class, _)| class == "lane")
            .map(|(x, _, _)| *x)
            .collect();
        lanes.push(width);
        for (x, class, text) in &texts {
            // A monospace character advances 0.6 of the font's 13 pixels.
            let end = x + 0.6 * 13.0 * text.chars().count() as f64;
            assert!(end <= width, "{}: {text:?} leaves the picture", lesson.name);
            if class == "lane" || class == "mark" {
                let next = lanes.iter().find(|&&lane| lane > *x).unwrap();
                assert!(
                    end < *next,
                    "{}: {text:?} runs into the next lane",
                    lesson.name
                );
                assert!(text.chars().count() <= 28, "{}: {text:?}", lesson.name);
            }
        }
    }
}

#[test]
fn a_long_run_folds_to_a_picture_of_reasonable_size() {
    let folded = timeline_svg(&["primes-and-messages"]);
    let all = timeline_svg(&["primes-and-messages", "--all"]);
    let (_, folded_height) = svg_size(&folded);
    let (_, all_height) = svg_size(&all);
    assert!(folded_height < 1000.0, "{folded_height}");
    assert!(folded.len() < 16_000, "{} bytes", folded.len());
    assert!(
        all_height > 80_000.0,
        "{all_height}: every one of 4392 steps"
    );
    let narrowed = timeline_svg(&["primes-and-messages", "--steps", "100..120"]);
    let steps: Vec<String> = svg_texts(&narrowed)
        .into_iter()
        .filter(|(_, class, _)| class == "step" || class == "fold")
        .map(|(_, _, text)| text)
        .collect();
    assert_eq!(steps.first().map(String::as_str), Some("100"));
    assert!(
        steps.iter().all(|text| text != "99" && text != "121"),
        "{steps:?}"
    );
}

#[test]
fn timeline_steps_narrows_the_text_and_keeps_the_step_numbers() {
    let output = corolab(&[
        "timeline",
        "primes-and-messages",
        "--steps",
        "10..12",
        "--all",
    ]);
    assert!(output.status.success());
    let numbers: Vec<String> = stdout(&output)
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .take_while(|first| first.parse::<usize>().is_ok())
        .collect();
    assert_eq!(numbers, ["10", "11", "12"]);
}

#[test]
fn a_bad_range_of_steps_is_a_usage_error_that_says_why() {
    for (steps, says) in [
        ("20..10", "20 comes after 10"),
        ("x..3", "\"x\" is not a step number"),
        ("0..3", "steps count from 1"),
        (
            "5000..",
            "steps 5000.. start past the end: the run has 4392 steps",
        ),
    ] {
        let output = corolab(&["timeline", "primes-and-messages", "--steps", steps]);
        assert_eq!(output.status.code(), Some(2), "{steps}");
        assert!(output.stdout.is_empty(), "{steps}");
        assert!(
            stderr(&output).contains(says),
            "{steps}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn timeline_output_adds_what_each_step_printed() {
    let output = corolab(&[
        "timeline",
        "primes-and-messages",
        "--output",
        "--steps",
        "8..8",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.lines().next().unwrap().ends_with("  printed"),
        "{text}"
    );
    assert!(
        text.lines().nth(1).unwrap().ends_with("  Found: 11"),
        "{text}"
    );
}

#[test]
fn timeline_why_adds_who_woke_each_step_and_what_it_then_waited_on() {
    let output = corolab(&["timeline", "producer-consumer", "--why", "--steps", "1..8"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().ends_with("  why"), "{text}");
    assert!(
        text.lines().any(|line| line.contains("→ Queue.get")),
        "a consumer waits on the queue: {text}"
    );
    assert!(
        text.lines().any(|line| line.contains("← a timer")),
        "a sleep ends: {text}"
    );
}
