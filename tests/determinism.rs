//! A run on the virtual clock is the same every time, threads included: every
//! lesson, run again and again, prints the same output and draws the same
//! timeline, byte for byte.
//!
//! The default test repeats each lesson a few times; CI also runs the ignored one,
//! in release mode, 50 times each (`DETERMINISM_RUNS` sets the count):
//!
//! ```sh
//! cargo test --release --test determinism -- --ignored
//! ```

use corolab::{Flags, LESSONS, Lesson};

/// What a run shows: its output, its whole trace, and its timeline.
fn run(lesson: &Lesson) -> (String, String, String) {
    let stage = lesson.run_captured(Flags::default());
    let trace = stage.trace();
    (stage.output(), trace.text(), trace.timeline().to_string())
}

fn every_lesson_runs_the_same(runs: usize) {
    let mut differing = Vec::new();
    for lesson in LESSONS {
        let first = run(lesson);
        for attempt in 2..=runs {
            if run(lesson) != first {
                differing.push(format!("{} (run {attempt} of {runs})", lesson.name));
                break;
            }
        }
    }
    assert!(
        differing.is_empty(),
        "these lessons printed or drew something else on a later run: {differing:?}"
    );
}

#[test]
fn every_lesson_runs_the_same_a_few_times() {
    every_lesson_runs_the_same(3);
}

#[test]
#[ignore = "50 runs of every lesson: CI runs it in release mode"]
fn every_lesson_runs_the_same_many_times() {
    let runs = std::env::var("DETERMINISM_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(50);
    every_lesson_runs_the_same(runs);
}
