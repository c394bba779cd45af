//! The corolab lessons: every coroutine example of the notes, as a Rust twin that
//! runs by hand (`cargo run --example NAME`), under the `corolab` binary, and in
//! the snapshot tests.
//!
//! A lesson is a function of a [`Stage`]: the stage decides real or virtual time,
//! echoing or capturing, and the flags. The lessons themselves live in `examples/`,
//! one file each, and are compiled into this library too, so the binary can run
//! them and the docs can show exactly their code ([`LESSONS`]).
//!
//! The schedulers live in the workspace's crates: `corogen` (coroutines as
//! generators), `coroasync` (coroutines as futures), and `corotrace` (the trace
//! both write).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The lessons in `examples/` say `corolab::…`, in the library as in their own
// binaries.
extern crate self as corolab;

mod definitions;
mod differences;
mod explore;
mod flags;
mod items;
mod lessons;
pub mod notebook;
mod pairs;
mod rng;
mod sources;
mod stage;
mod user_input;

pub use definitions::{Definition, DefinitionError, Excerpt};
pub use differences::{DIFFERENCES, Difference, Lines, differences_of, matches};
pub use explore::{
    Exploration, ExploreError, ORDER_RACES, Outcome, explore, run_in_order, unified_diff,
    why_order_matters,
};
pub use flags::{Flag, FlagError, Flags};
pub use items::ItemError;
pub use lessons::{LESSONS, Lesson, find_lesson};
pub use pairs::{Cell, PairError, Row, check_pairings};
pub use rng::SplitMix64;
pub use sources::{SOURCE_NOTES, SourceNote};
pub use stage::{Kind, Stage, StageClock, play, quiet_panics};
pub use user_input::{PacedInput, UserInput, movement, show_key};

// docs/embedding.md is code users copy: its snippets run as doctests, so the page
// cannot drift from the crates' API.
#[cfg(doctest)]
#[doc = include_str!("../docs/embedding.md")]
pub struct EmbeddingPageDoctests;
