//! The `corolab` binary: each subcommand, and the error for a lesson it does not
//! know.

use std::process::{Command, Output};

fn corolab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolab"))
        .args(args)
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
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
    let expected: Vec<&str> = corolab::LESSONS.iter().map(|l| l.name).collect();
    assert_eq!(names, expected);
}

#[test]
fn run_prints_the_lesson_as_it_goes() {
    let output = corolab(&["run", "scheduler-two-tasks", "--virtual"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("Running task 0\ninitializing generator\n"));
    assert!(text.ends_with("Task 1 completed with result: 1364\n"));
}

#[test]
fn run_passes_the_lessons_own_flags() {
    let output = corolab(&[
        "run",
        "primes-and-messages",
        "--virtual",
        "--",
        "--found",
        "3",
    ]);
    assert!(output.status.success());
    let found: Vec<String> = stdout(&output)
        .lines()
        .filter(|line| line.starts_with("Found"))
        .map(String::from)
        .collect();
    assert_eq!(found, ["Found: 2", "Found: 3", "Found: 7"]);
}

#[test]
fn show_puts_python_beside_rust_or_above_it() {
    let wide = stdout(&corolab(&["show", "hello-world", "--width", "120"]));
    let first = wide.lines().next().unwrap_or_default();
    assert!(
        first.contains("Python (seed 000)") && first.contains("Rust (examples/hello_world.rs)")
    );
    assert!(
        wide.lines()
            .any(|l| l.contains("print('hello')") && l.contains('│'))
    );

    let narrow = stdout(&corolab(&["show", "hello-world", "--width", "60"]));
    assert!(narrow.starts_with("Python (seed 000)\n"));
    assert!(!narrow.contains('│'));
    assert!(narrow.contains("Rust (examples/hello_world.rs)"));
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
fn an_unknown_lesson_is_exit_code_2_with_close_matches() {
    let output = corolab(&["run", "scheduler-two"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("there is no lesson called \"scheduler-two\""),
        "{error}"
    );
    assert!(error.contains("scheduler-two-tasks"), "{error}");
    assert!(output.stdout.is_empty());

    let typo = corolab(&["show", "hello-wrld"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("did you mean: hello-world"));
}

#[test]
fn a_malformed_lesson_flag_is_exit_code_2() {
    let output = corolab(&["run", "fib", "--", "found"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a flag"));
}
