//! `corolab`: list the lessons, run one, show its Python beside its Rust, draw
//! its timeline, or explore the orders its event loop may run it in.

use std::io::Write;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use coroasync::Order;
use corolab::{Flags, LESSONS, Lesson, Stage, find_lesson};

mod show;
mod step;

/// Python's coroutine machinery, rebuilt in Rust twice, one lesson at a time.
#[derive(Debug, Parser)]
#[command(name = "corolab", version, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What the exit status says, for scripts (README.md says it too).
const EXIT_STATUS: &str = "Exit status:
  0  done; also when the reader of a pipe stops reading (`| head`)
  1  the output could not be written
  2  no such lesson, a flag the lesson does not take, a value that does not parse,
     or `step` without a terminal (`--print` needs none)
  3  `timeline` or `step` of a lesson that runs no scheduler; `explore` or
     `run --order` of a lesson that runs no coroasync event loop";

#[derive(Debug, Subcommand)]
enum Command {
    /// The lessons, in course order: name, the note their Python comes from,
    /// title, and the flags they take.
    List,
    /// Run a lesson, printing as it goes.
    Run {
        /// The lesson (see `corolab list`).
        lesson: String,
        /// Run on the virtual clock: no waiting, the same output every time.
        #[arg(long = "virtual")]
        virtual_time: bool,
        /// Run the event loop in the order shuffled from this seed, on the
        /// virtual clock: replays what `corolab explore` reports for the seed.
        #[arg(long, value_name = "SEED")]
        order: Option<u64>,
        /// The lesson's own flags, after `--` (`-- --found 5`, `-- --found=5`);
        /// `-- --help` lists them, and `corolab list` shows which lessons take
        /// flags.
        #[arg(last = true)]
        flags: Vec<String>,
    },
    /// Each Python statement beside the Rust it became, then the whole files.
    Show {
        /// The lesson.
        lesson: String,
        /// The width to fit, at least 20 [default: $COLUMNS, else the
        /// terminal's width, else 100].
        #[arg(long, value_parser = clap::value_parser!(u16).range(i64::from(show::MIN_WIDTH)..))]
        width: Option<u16>,
    },
    /// The lesson's trace as a timeline: one lane per task, one row per step.
    Timeline {
        /// The lesson.
        lesson: String,
        /// Write an SVG picture to this file instead.
        #[arg(long)]
        svg: Option<PathBuf>,
        /// Only these steps, numbered from 1, both ends included: `10..40`,
        /// `10..` (to the end), `..40` (from the start) or `7` (one step).
        #[arg(long, value_name = "A..B", value_parser = parse_steps)]
        steps: Option<RangeInclusive<usize>>,
        /// Show every step: do not fold the stretches where the run goes on as
        /// before into one `⋮ N steps` row.
        #[arg(long)]
        all: bool,
        /// Add a column with what each step printed (the SVG always shows it
        /// when the mouse is over a step's mark).
        #[arg(long)]
        output: bool,
        /// Add a column with why each step ran and stopped: who woke the task
        /// (`← Task-1`, `← a timer`) and what it then waited on (`→ Queue.get`).
        #[arg(long)]
        why: bool,
    },
    /// Does the output depend on the order? Runs the lesson under many shuffled
    /// orders of its event loop (virtual clock) and shows each different output
    /// against asyncio's, with the seed that replays it (`run --order SEED`).
    Explore {
        /// The lesson.
        lesson: String,
        /// How many shuffled orders to run.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        runs: u32,
        /// The first seed; the runs use SEED, SEED+1, …
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// The lesson's own flags, after `--`, as for `run`.
        #[arg(last = true)]
        flags: Vec<String>,
    },
    /// Watch the lesson's scheduler one step at a time, in the terminal: the
    /// queue, the timers, the tasks, the output and the sources (`?` lists
    /// the keys).
    Step {
        /// The lesson.
        lesson: String,
        /// Write the screens of these steps as text instead, no terminal
        /// needed: `1..5`, `10..` (to the end) or `7`.
        #[arg(long, value_name = "A..B", value_parser = parse_steps)]
        print: Option<RangeInclusive<usize>>,
        /// The width of the printed screens.
        #[arg(long, default_value_t = 80, requires = "print",
              value_parser = clap::value_parser!(u16).range(40..=1000))]
        width: u16,
        /// The height of the printed screens.
        #[arg(long, default_value_t = 24, requires = "print",
              value_parser = clap::value_parser!(u16).range(12..=1000))]
        height: u16,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    corolab::quiet_panics();
    let outcome = match cli.command {
        Command::List => emit(&list()),
        Command::Run {
            lesson,
            virtual_time,
            order,
            flags,
        } => with_lesson(&lesson, |lesson| run(lesson, virtual_time, order, flags)),
        Command::Explore {
            lesson,
            runs,
            seed,
            flags,
        } => with_lesson(&lesson, |lesson| explore(lesson, runs, seed, flags)),
        Command::Show { lesson, width } => with_lesson(&lesson, |lesson| {
            let width = width.map_or_else(show::terminal_width, usize::from);
            emit(&show::side_by_side(lesson, width))
        }),
        Command::Timeline {
            lesson,
            svg,
            steps,
            all,
            output,
            why,
        } => with_lesson(&lesson, |lesson| {
            let drawing = Drawing {
                steps,
                fold: !all,
                output,
                why,
            };
            timeline(lesson, &drawing, svg.as_deref())
        }),
        Command::Step {
            lesson,
            print,
            width,
            height,
        } => with_lesson(&lesson, |lesson| {
            match step::command(lesson, print.map(|steps| (steps, width, height))) {
                Ok(text) => emit(&text.unwrap_or_default()),
                Err(error) => Err(Failure::Status(error.status, error.message)),
            }
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// Why `corolab` stopped short, and its exit status.
#[derive(Debug)]
enum Failure {
    /// Status 1: the output could not be written.
    Write(String),
    /// Status 2: a lesson or flag that does not exist (the message is printed).
    Usage(String),
    /// Status 3: `timeline` of a lesson that runs no scheduler.
    NoTimeline(&'static str),
    /// The status given, with its message (`step`'s failures).
    Status(u8, String),
}

impl Failure {
    fn report(self) -> ExitCode {
        match self {
            Self::Write(message) => {
                eprintln!("corolab: {message}");
                ExitCode::FAILURE
            }
            Self::Usage(message) => {
                eprintln!("corolab: {message}");
                ExitCode::from(2)
            }
            Self::NoTimeline(name) => {
                eprintln!(
                    "corolab: {name} runs no scheduler, so there is no timeline to draw\n  \
                     `corolab run {name}` shows what it prints"
                );
                ExitCode::from(3)
            }
            Self::Status(status, message) => {
                eprintln!("corolab: {message}");
                ExitCode::from(status)
            }
        }
    }
}

/// The lessons, one a line: name, source note, title, and flags if it takes any.
fn list() -> String {
    let name_width = LESSONS.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let source_width = corolab::SOURCE_NOTES
        .iter()
        .map(|note| note.name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for lesson in LESSONS {
        let source = lesson.source.map_or("—", |note| note.name);
        let mut line = format!(
            "{:<name_width$}  {source:<source_width$}  {}",
            lesson.name, lesson.title
        );
        if !lesson.flags.is_empty() {
            let flags: Vec<String> = lesson
                .flags
                .iter()
                .map(|f| format!("--{}", f.name))
                .collect();
            line.push_str(&format!("  [{}]", flags.join(" ")));
        }
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// `corolab run`: the lesson's flags are read against its declarations first, so
/// `-- --help` lists them and a mistake stops the run before it starts.
fn run(
    lesson: &Lesson,
    virtual_time: bool,
    seed: Option<u64>,
    flags: Vec<String>,
) -> Result<(), Failure> {
    let program = format!("corolab run {} --", lesson.name);
    let flags =
        Flags::for_lesson(&program, lesson.flags, flags).unwrap_or_else(|error| error.exit());
    // A shuffled order is replayed on the virtual clock, where `explore` found it.
    let virtual_time = virtual_time || flags.is_virtual() || seed.is_some();
    let order = seed.map_or(Order::Fifo, |seed| Order::Shuffled { seed });
    let stage = Stage::new(lesson.kind, virtual_time, true, flags).with_order(order);
    (lesson.run)(&stage);
    if seed.is_some() && !stage.runs_a_loop() {
        return Err(Failure::Status(
            3,
            format!(
                "{} runs no coroasync event loop: --order changed nothing",
                lesson.name
            ),
        ));
    }
    Ok(())
}

/// `corolab explore`: the report, or why the lesson has no order to explore.
fn explore(
    lesson: &'static Lesson,
    runs: u32,
    seed: u64,
    flags: Vec<String>,
) -> Result<(), Failure> {
    let program = format!("corolab explore {} --", lesson.name);
    let flags =
        Flags::for_lesson(&program, lesson.flags, flags).unwrap_or_else(|error| error.exit());
    // The lessons' tasks panic on purpose; a hundred runs need not say so each time.
    std::panic::set_hook(Box::new(|_| {}));
    let found = corolab::explore(lesson, &flags, seed, runs);
    corolab::quiet_panics();
    match found {
        Ok(found) => emit(&found.to_string()),
        Err(error @ corolab::ExploreError::NoLoop { .. }) => {
            Err(Failure::Status(3, error.to_string()))
        }
        Err(error) => Err(Failure::Usage(error.to_string())),
    }
}

/// How `corolab timeline` draws: which steps, folded or not, with output or not.
#[derive(Debug)]
struct Drawing {
    steps: Option<RangeInclusive<usize>>,
    fold: bool,
    output: bool,
    why: bool,
}

/// `corolab timeline`: the chart, or the SVG written to `svg`.
fn timeline(lesson: &Lesson, drawing: &Drawing, svg: Option<&Path>) -> Result<(), Failure> {
    let mut timeline = lesson.run_captured(Flags::default()).trace().timeline();
    if timeline.steps() == 0 {
        return Err(Failure::NoTimeline(lesson.name));
    }
    if let Some(steps) = &drawing.steps {
        timeline = timeline
            .only_steps(steps.clone())
            .map_err(|error| Failure::Usage(format!("--steps: {error}")))?;
    }
    if drawing.fold {
        timeline = timeline.folded();
    }
    if drawing.output {
        timeline = timeline.with_output();
    }
    if drawing.why {
        timeline = timeline.with_why();
    }
    let timeline = timeline.titled(&format!("{} — {}", lesson.name, lesson.title));
    match svg {
        Some(path) => std::fs::write(path, timeline.to_svg())
            .map_err(|error| Failure::Write(format!("cannot write {}: {error}", path.display()))),
        None => emit(&timeline.to_string()),
    }
}

/// Reads `--steps`: `A..B`, `A..`, `..B` or `A`, steps numbered from 1.
fn parse_steps(text: &str) -> Result<RangeInclusive<usize>, String> {
    let number = |part: &str, default: usize| -> Result<usize, String> {
        if part.is_empty() {
            return Ok(default);
        }
        part.parse().map_err(|_| {
            format!("{part:?} is not a step number: write A..B, as in 10..40 (steps count from 1)")
        })
    };
    let (first, last) = match text.split_once("..") {
        Some((first, last)) => (
            number(first, 1)?,
            number(last.strip_prefix('=').unwrap_or(last), usize::MAX)?,
        ),
        None => {
            let step = number(text, 1)?;
            (step, step)
        }
    };
    if first == 0 {
        return Err("steps count from 1: write 1.., not 0..".to_owned());
    }
    if first > last {
        return Err(format!(
            "{first} comes after {last}: write the first step first"
        ));
    }
    Ok(first..=last)
}

/// Writes `text` to standard output. A closed pipe is not a failure: the reader
/// (`| head`) took what it wanted, and `corolab` ends quietly with status 0.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Write(
            format!("cannot write to standard output: {error}"),
        )),
        _ => Ok(()),
    }
}

/// Runs `then` with the lesson called `name`; an unknown name is a usage error
/// that lists the close matches.
fn with_lesson(
    name: &str,
    then: impl FnOnce(&'static Lesson) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let Some(lesson) = find_lesson(name) else {
        let close: Vec<&str> = LESSONS
            .iter()
            .map(|lesson| lesson.name)
            .filter(|candidate| is_close(name, candidate))
            .collect();
        let mut message = format!("there is no lesson called {name:?}");
        if !close.is_empty() {
            message.push_str(&format!("\n  did you mean: {}", close.join(", ")));
        }
        message.push_str("\n  `corolab list` shows them all");
        return Err(Failure::Usage(message));
    };
    then(lesson)
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
