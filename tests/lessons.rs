//! Every lesson's output and timeline, on the virtual clock, as snapshots.
//!
//! The outputs were read against what the Python originals print: for the
//! lessons the parity tests also run (`tests/parity/lesson_*.py`, and the
//! programs they share with `gen_*` and the asyncio pairs), line for line; for
//! done-callback and shield, line for line against python3 on the same virtual
//! loop, but for the reprs the pages list; for the rest, against the seeds'
//! printed output, with the differences each lesson's page lists (seeded
//! randomness, reprs without addresses, Rust's panics for Python's exceptions).

use corolab::{Flags, LESSONS};

/// Long timelines are cut here: the first rows show the pattern.
const TIMELINE_LINES: usize = 120;

#[test]
fn every_lesson_prints_what_it_printed() {
    for lesson in LESSONS {
        let stage = lesson.run_captured(Flags::default());
        insta::assert_snapshot!(format!("{}__output", lesson.name), stage.output());
    }
}

#[test]
fn every_lesson_draws_the_timeline_it_drew() {
    for lesson in LESSONS {
        let stage = lesson.run_captured(Flags::default());
        let timeline = stage.trace().timeline().to_string();
        let lines: Vec<&str> = timeline.lines().collect();
        let shown = if lines.len() > TIMELINE_LINES {
            format!(
                "{}\n… {} lines in all\n",
                lines[..TIMELINE_LINES].join("\n"),
                lines.len()
            )
        } else {
            timeline.clone()
        };
        insta::assert_snapshot!(format!("{}__timeline", lesson.name), shown);
    }
}

#[test]
fn a_lesson_runs_the_same_twice() {
    for lesson in LESSONS {
        let first = lesson.run_captured(Flags::default()).output();
        let second = lesson.run_captured(Flags::default()).output();
        assert_eq!(
            first, second,
            "{} is not deterministic on virtual time",
            lesson.name
        );
    }
}

#[test]
fn lesson_names_are_unique_and_every_one_is_found() {
    for (i, lesson) in LESSONS.iter().enumerate() {
        assert!(LESSONS[..i].iter().all(|other| other.name != lesson.name));
        assert_eq!(
            corolab::find_lesson(lesson.name).map(|l| l.name),
            Some(lesson.name)
        );
        assert_eq!(
            corolab::find_lesson(&lesson.example()).map(|l| l.name),
            Some(lesson.name)
        );
    }
    assert!(corolab::find_lesson("no-such-lesson").is_none());
}

#[test]
fn every_lesson_declares_its_flags_once_with_help() {
    for lesson in LESSONS {
        for (i, flag) in lesson.flags.iter().enumerate() {
            assert!(
                !["virtual", "help"].contains(&flag.name),
                "{}: --{} is every lesson's",
                lesson.name,
                flag.name
            );
            assert!(
                lesson.flags[..i]
                    .iter()
                    .all(|other| other.name != flag.name),
                "{}: --{} twice",
                lesson.name,
                flag.name
            );
            assert!(!flag.help.is_empty(), "{}: --{}", lesson.name, flag.name);
        }
        let defaults = Flags::for_lesson(lesson.name, lesson.flags, [] as [&str; 0]);
        assert!(defaults.is_ok(), "{}: the defaults parse", lesson.name);
    }
}

#[test]
fn every_page_names_the_flags_its_lesson_takes() {
    for lesson in LESSONS {
        let run_it = lesson
            .page
            .lines()
            .find(|line| line.starts_with("Run it:"))
            .unwrap_or_default();
        for flag in lesson.flags {
            assert!(
                run_it.contains(&format!("`--{}`", flag.name)),
                "{}'s page names --{}",
                lesson.name,
                flag.name
            );
        }
        assert_eq!(
            run_it.contains("-- --help"),
            !lesson.flags.is_empty(),
            "{}",
            lesson.name
        );
    }
}
