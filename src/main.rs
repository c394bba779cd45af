//! `corolab`: list the lessons, run one, show its Python beside its Rust, or draw
//! its timeline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use corolab::{Flags, LESSONS, Lesson, Stage, find_lesson};

mod show;

/// Python's coroutine machinery, rebuilt in Rust twice, one lesson at a time.
#[derive(Debug, Parser)]
#[command(name = "corolab", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The lessons, in course order.
    List,
    /// Run a lesson, printing as it goes.
    Run {
        /// The lesson (see `corolab list`).
        lesson: String,
        /// Run on the virtual clock: no waiting, the same output every time.
        #[arg(long = "virtual")]
        virtual_time: bool,
        /// The lesson's own flags, after `--` (`-- --found 5`).
        #[arg(last = true)]
        flags: Vec<String>,
    },
    /// The Python and the Rust side by side.
    Show {
        /// The lesson.
        lesson: String,
        /// The terminal's width (default: $COLUMNS, else 100).
        #[arg(long)]
        width: Option<usize>,
    },
    /// The lesson's trace as a timeline: one lane per task, one row per step.
    Timeline {
        /// The lesson.
        lesson: String,
        /// Write an SVG picture to this file instead.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    corolab::quiet_panics();
    match cli.command {
        Command::List => {
            let width = LESSONS.iter().map(|l| l.name.len()).max().unwrap_or(0);
            for lesson in LESSONS {
                println!(
                    "{:<width$}  {:>3}  {}",
                    lesson.name, lesson.seed, lesson.title
                );
            }
            ExitCode::SUCCESS
        }
        Command::Run {
            lesson,
            virtual_time,
            flags,
        } => with_lesson(&lesson, |lesson| {
            let flags = Flags::parse(flags).map_err(|error| error.to_string())?;
            let stage = Stage::new(lesson.kind, virtual_time || flags.is_virtual(), true, flags);
            (lesson.run)(&stage);
            Ok(())
        }),
        Command::Show { lesson, width } => with_lesson(&lesson, |lesson| {
            let width = width
                .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
                .unwrap_or(100);
            print!("{}", show::side_by_side(lesson, width));
            Ok(())
        }),
        Command::Timeline { lesson, svg } => with_lesson(&lesson, |lesson| {
            let timeline = lesson.run_captured(Flags::default()).trace().timeline();
            match svg {
                Some(path) => std::fs::write(&path, timeline.to_svg())
                    .map_err(|error| format!("cannot write {}: {error}", path.display())),
                None => {
                    print!("{timeline}");
                    Ok(())
                }
            }
        }),
    }
}

/// Runs `then` with the lesson called `name`; an unknown name is an error that
/// lists the close matches, with exit code 2.
fn with_lesson(name: &str, then: impl FnOnce(&Lesson) -> Result<(), String>) -> ExitCode {
    let Some(lesson) = find_lesson(name) else {
        let close: Vec<&str> = LESSONS
            .iter()
            .map(|lesson| lesson.name)
            .filter(|candidate| is_close(name, candidate))
            .collect();
        eprintln!("corolab: there is no lesson called {name:?}");
        if !close.is_empty() {
            eprintln!("  did you mean: {}", close.join(", "));
        }
        eprintln!("  `corolab list` shows them all");
        return ExitCode::from(2);
    };
    match then(lesson) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("corolab: {error}");
            ExitCode::from(2)
        }
    }
}

/// Whether `candidate` is what someone typing `typed` probably meant.
fn is_close(typed: &str, candidate: &str) -> bool {
    let typed = typed.to_lowercase().replace('_', "-");
    candidate.contains(&typed)
        || typed.contains(candidate)
        || edit_distance(&typed, candidate) <= (candidate.len() / 4).max(2)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}
