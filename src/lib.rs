//! Support shared by the corolab lessons in `examples/`: a seeded random source,
//! so a lesson that rolls dice prints the same thing every run, and a small reader
//! for the lessons' few command-line flags.
//!
//! The schedulers themselves live in the workspace's crates: `corogen`
//! (coroutines as generators) and, beside it, the trace they write, `corotrace`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod flags;
mod rng;

pub use flags::{FlagError, Flags};
pub use rng::SplitMix64;
