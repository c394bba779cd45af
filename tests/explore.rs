//! `corolab explore` and `corolab run --order`: what explore reports is what the
//! reported seeds replay, an order-independent lesson says so, and bad input gets
//! a clear error and a documented status.

use std::process::{Command, Output};

use coroasync::Order;
use corolab::{Flags, explore, find_lesson, run_in_order, unified_diff};

fn corolab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolab"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The report's outputs other than asyncio's: each seed and the diff shown for it.
fn reported_diffs(report: &str) -> Vec<(u64, String)> {
    let mut found = Vec::new();
    for section in report.split("\nOutput ").skip(1) {
        let Some((_, after)) = section.split_once("first with seed ") else {
            continue;
        };
        let seed = after
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|digits| digits.parse().ok())
            .expect("a seed after `first with seed`");
        let diff = section
            .split_once('\n')
            .map(|(_, body)| body.trim_end_matches('\n').to_owned() + "\n")
            .expect("a diff under the header");
        found.push((seed, diff));
    }
    found
}

#[test]
fn each_reported_seed_replays_exactly_the_reported_output() {
    // Two children that finish at the same virtual instant: a race by design.
    let report = corolab(&["explore", "nursery", "--runs", "20", "--seed", "5"]);
    assert!(report.status.success(), "{}", stderr(&report));
    let report = stdout(&report);
    let fifo = corolab(&["run", "nursery", "--virtual"]);
    let fifo = stdout(&fifo);
    for line in fifo.lines() {
        assert!(report.contains(&format!("\n  {line}\n")), "{report}");
    }
    let diffs = reported_diffs(&report);
    assert!(!diffs.is_empty(), "no second output: {report}");
    assert!(report.contains(&format!("printed {} different outputs", diffs.len() + 1)));
    for (seed, diff) in diffs {
        assert!((5..25).contains(&seed), "seed {seed} was not run");
        let replay = corolab(&["run", "nursery", "--order", &seed.to_string()]);
        assert!(replay.status.success(), "{}", stderr(&replay));
        let replayed = stdout(&replay);
        assert_ne!(replayed, fifo);
        let name = format!("seed {seed}");
        assert_eq!(
            unified_diff(&fifo, &replayed, "asyncio's order", &name),
            diff
        );
    }
}

#[test]
fn every_outcome_is_what_its_seed_prints_and_the_runs_add_up() {
    let lesson = find_lesson("event-gather").unwrap();
    let flags = Flags::default();
    let found = explore(lesson, &flags, 100, 15).unwrap();
    assert_eq!(found.outcomes.iter().map(|o| o.runs).sum::<u32>(), 15);
    let flags = Flags::for_lesson(lesson.name, lesson.flags, [""; 0]).unwrap();
    let (fifo, ran_loop) = run_in_order(lesson, &flags, Order::Fifo);
    assert!(ran_loop);
    assert_eq!(found.outcomes[0].output, fifo);
    assert!(found.outcomes[0].fifo);
    for outcome in &found.outcomes[1..] {
        let seed = outcome.first_seed.expect("every other output has a seed");
        assert!((100..115).contains(&seed));
        let (replayed, _) = run_in_order(lesson, &flags, Order::Shuffled { seed });
        assert_eq!(replayed, outcome.output);
    }
    for (i, outcome) in found.outcomes.iter().enumerate() {
        assert!(
            found.outcomes[..i]
                .iter()
                .all(|o| o.output != outcome.output)
        );
    }
}

#[test]
fn a_lesson_with_one_task_is_order_independent() {
    let lesson = find_lesson("hello-world").unwrap();
    let found = explore(lesson, &Flags::default(), 0, 10).unwrap();
    assert!(found.is_order_independent());
    assert_eq!(found.outcomes[0].runs, 10);
    let report = corolab(&["explore", "hello-world", "--runs", "10"]);
    assert!(report.status.success());
    assert!(
        stdout(&report).contains("does not depend on the order"),
        "{}",
        stdout(&report)
    );
}

#[test]
fn the_lessons_flags_reach_the_runs_and_the_replay_commands() {
    let report = corolab(&[
        "explore",
        "embed-traffic-lights",
        "--runs",
        "5",
        "--",
        "--seconds",
        "4",
    ]);
    assert!(report.status.success(), "{}", stderr(&report));
    let report = stdout(&report);
    let replays: Vec<&str> = report
        .lines()
        .filter(|line| line.contains("`corolab run"))
        .collect();
    for line in replays {
        assert!(
            line.contains(" -- ") && line.contains("--seconds=4"),
            "{line}"
        );
    }
}

#[test]
fn a_lesson_without_an_event_loop_exits_3_and_says_why() {
    for (lesson, why) in [
        ("scheduler-two-tasks", "corogen's round-robin scheduler"),
        ("input-provider", "drives its coroutines by hand"),
    ] {
        let output = corolab(&["explore", lesson]);
        assert_eq!(output.status.code(), Some(3), "{lesson}");
        assert!(stdout(&output).is_empty());
        assert!(
            stderr(&output).contains("no order to shuffle"),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains(why), "{}", stderr(&output));
    }
    let replay = corolab(&["run", "fib", "--order", "3"]);
    assert_eq!(replay.status.code(), Some(3));
    assert!(stderr(&replay).contains("--order changed nothing"));
}

#[test]
fn bad_input_gets_status_2_and_no_panic() {
    for args in [
        &["explore", "nursery", "--runs", "0"][..],
        &["explore", "nursery", "--runs", "many"],
        &["explore", "nursery", "--seed", "-1"],
        &["explore", "nursery", "--seed", "18446744073709551616"],
        &["explore", "no-such-lesson"],
        &["explore", "nursery", "--", "--no-such-flag"],
        &["run", "nursery", "--order", "x"],
    ] {
        let output = corolab(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
    }
}

#[test]
fn seeds_wrap_around_at_the_top_of_u64() {
    let lesson = find_lesson("nursery").unwrap();
    let found = explore(lesson, &Flags::default(), u64::MAX - 1, 4).unwrap();
    assert_eq!(found.outcomes.iter().map(|o| o.runs).sum::<u32>(), 4);
    assert!(
        found
            .to_string()
            .contains(&format!("seeds {} to 1", u64::MAX - 1))
    );
}
