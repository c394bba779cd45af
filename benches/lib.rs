//! corolab's benchmarks live in this package's bench targets (`switch.rs`,
//! `spawn.rs`, …), so that the lessons and the `corolab` binary never build a
//! peer crate. `docs/benchmarks.md` says how to run them.
#![forbid(unsafe_code)]
