//! `corolab explore`: runs a lesson under many shuffled orders of its event loop
//! and collects the different outputs they print, to show which lines depend on
//! asyncio's order (a race) and which do not.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use coroasync::Order;

use crate::{Flags, Kind, Lesson, Stage};

mod diff;
mod why;

pub use diff::unified_diff;
pub use why::{ORDER_RACES, why_order_matters};

/// One output a lesson printed, and under which orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What the lesson printed (with a last line saying so if it panicked).
    pub output: String,
    /// Whether asyncio's order prints it.
    pub fifo: bool,
    /// The first seed of the shuffled runs that printed it, if any did.
    pub first_seed: Option<u64>,
    /// How many of the shuffled runs printed it.
    pub runs: u32,
}

/// What [`explore`] found: asyncio's output first, then each other output in the
/// order the seeds first printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exploration {
    /// The lesson's name.
    pub lesson: &'static str,
    /// The flags it ran with (as `--name=value`), for the replay commands.
    pub flags: Vec<String>,
    /// The first seed; run `i` used `first_seed + i` (wrapping).
    pub first_seed: u64,
    /// How many shuffled runs there were.
    pub runs: u32,
    /// The different outputs, asyncio's first.
    pub outcomes: Vec<Outcome>,
}

/// Why a lesson cannot be explored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExploreError {
    /// It runs no `coroasync` event loop, so there is no order to shuffle.
    NoLoop {
        /// The lesson's name.
        lesson: &'static str,
        /// Its kind: generator lessons run `corogen`'s round-robin scheduler.
        kind: Kind,
    },
    /// `runs` was 0: nothing would be explored.
    NoRuns,
    /// The flags are not the lesson's (the message says which and why).
    Flags(String),
}

impl fmt::Display for ExploreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoLoop { lesson, kind } => {
                let why = match kind {
                    Kind::Generators => {
                        "it runs on corogen's round-robin scheduler, whose order is fixed"
                    }
                    Kind::Futures => "it drives its coroutines by hand",
                };
                write!(
                    f,
                    "{lesson} runs no coroasync event loop ({why}), so there is no order to shuffle\n  \
                     `corolab run {lesson}` shows what it prints"
                )
            }
            Self::NoRuns => f.write_str("--runs must be at least 1"),
            Self::Flags(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ExploreError {}

/// Runs `lesson` on the virtual clock in asyncio's order, then `runs` times under
/// the orders shuffled from seeds `first_seed`, `first_seed + 1`, …, and collects
/// the different outputs.
///
/// ```
/// use corolab::{Flags, explore, find_lesson};
///
/// let lesson = find_lesson("hello-world").unwrap();
/// let found = explore(lesson, &Flags::default(), 0, 5).unwrap();
/// assert_eq!(found.outcomes.len(), 1, "one task: nothing to reorder");
/// assert!(found.is_order_independent());
/// ```
///
/// # Errors
///
/// [`ExploreError::NoLoop`] for a lesson that runs no event loop,
/// [`ExploreError::NoRuns`] for `runs == 0`, [`ExploreError::Flags`] for flags
/// the lesson does not take.
pub fn explore(
    lesson: &'static Lesson,
    flags: &Flags,
    first_seed: u64,
    runs: u32,
) -> Result<Exploration, ExploreError> {
    if runs == 0 {
        return Err(ExploreError::NoRuns);
    }
    // Read against the lesson's declarations, so the defaults of flags not given
    // are there for it to read.
    let flags = &Flags::for_lesson(lesson.name, lesson.flags, flags.to_args())
        .map_err(|error| ExploreError::Flags(error.to_string()))?;
    let no_loop = ExploreError::NoLoop {
        lesson: lesson.name,
        kind: lesson.kind,
    };
    if lesson.kind == Kind::Generators {
        return Err(no_loop);
    }
    let (fifo, ran_loop) = run_in_order(lesson, flags, Order::Fifo);
    if !ran_loop {
        return Err(no_loop);
    }
    let mut outcomes = vec![Outcome {
        output: fifo,
        fifo: true,
        first_seed: None,
        runs: 0,
    }];
    for i in 0..runs {
        let seed = first_seed.wrapping_add(u64::from(i));
        let (output, _) = run_in_order(lesson, flags, Order::Shuffled { seed });
        match outcomes.iter_mut().find(|known| known.output == output) {
            Some(known) => {
                known.runs += 1;
                known.first_seed.get_or_insert(seed);
            }
            None => outcomes.push(Outcome {
                output,
                fifo: false,
                first_seed: Some(seed),
                runs: 1,
            }),
        }
    }
    Ok(Exploration {
        lesson: lesson.name,
        flags: flags.to_args(),
        first_seed,
        runs,
        outcomes,
    })
}

/// What `lesson` prints on the virtual clock in `order`, and whether it made an
/// event loop. A panic that escapes the lesson ends its output with a line that
/// says so: an order can break a lesson's assumption, and that is a finding too.
pub fn run_in_order(lesson: &Lesson, flags: &Flags, order: Order) -> (String, bool) {
    let stage = Stage::new(lesson.kind, true, false, flags.clone()).with_order(order);
    let ran = catch_unwind(AssertUnwindSafe(|| (lesson.run)(&stage)));
    let mut output = stage.output();
    if let Err(panic) = ran {
        let message = corotrace::panic_message(&*panic);
        output.push_str(&format!("(the lesson panicked: {message})\n"));
    }
    (output, stage.runs_a_loop())
}

impl Exploration {
    /// Whether every shuffled order printed what asyncio's order prints.
    pub fn is_order_independent(&self) -> bool {
        self.outcomes.len() == 1
    }

    /// The command that replays `seed`'s order.
    pub fn replay_command(&self, seed: u64) -> String {
        let mut command = format!("corolab run {} --order {seed}", self.lesson);
        if !self.flags.is_empty() {
            command.push_str(" -- ");
            command.push_str(&self.flags.join(" "));
        }
        command
    }

    fn seeds(&self) -> String {
        let last = self.first_seed.wrapping_add(u64::from(self.runs) - 1);
        if self.runs == 1 {
            format!("seed {}", self.first_seed)
        } else {
            format!("seeds {} to {last}", self.first_seed)
        }
    }
}

/// How many outputs the report shows in full; the rest get a line each.
const SHOWN: usize = 10;

/// The report `corolab explore` prints.
impl fmt::Display for Exploration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lesson, runs, seeds) = (self.lesson, self.runs, self.seeds());
        if self.is_order_independent() {
            return writeln!(
                f,
                "{lesson}: all {runs} shuffled orders ({seeds}, virtual clock) printed what \
                 asyncio's order prints.\nIts output does not depend on the order."
            );
        }
        writeln!(
            f,
            "{lesson}: {runs} shuffled orders ({seeds}, virtual clock) printed {} different \
             outputs.\nIts output depends on the order: asyncio's is one of several a \
             scheduler may pick.",
            self.outcomes.len()
        )?;
        if let Some(why) = why_order_matters(lesson) {
            writeln!(f, "Why: {why}")?;
        }
        let fifo = &self.outcomes[0];
        for (n, outcome) in self.outcomes.iter().enumerate() {
            let share = format!("{} of the {runs} shuffled runs", outcome.runs);
            if n == SHOWN {
                writeln!(f, "\nThe other outputs, shown by their replay commands:")?;
            }
            if n >= SHOWN {
                if let Some(seed) = outcome.first_seed {
                    writeln!(
                        f,
                        "  Output {}, {share}: `{}`",
                        n + 1,
                        self.replay_command(seed)
                    )?;
                }
                continue;
            }
            writeln!(f)?;
            match (outcome.fifo, outcome.first_seed) {
                (true, _) => {
                    writeln!(f, "Output 1, asyncio's order, and {share}:")?;
                    for line in outcome.output.lines() {
                        writeln!(f, "  {line}")?;
                    }
                }
                (false, Some(seed)) => {
                    writeln!(
                        f,
                        "Output {}, {share}, first with seed {seed} (`{}`), against asyncio's:",
                        n + 1,
                        self.replay_command(seed)
                    )?;
                    let name = format!("seed {seed}");
                    f.write_str(&unified_diff(
                        &fifo.output,
                        &outcome.output,
                        "asyncio's order",
                        &name,
                    ))?;
                }
                // Only asyncio's output can come from no seed.
                (false, None) => {}
            }
        }
        Ok(())
    }
}
