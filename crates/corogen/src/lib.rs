//! Coroutines as generators: the notebook's hand-rolled `Task` and round-robin
//! `Scheduler`, rebuilt in Rust on [genawaiter](https://docs.rs/genawaiter)'s
//! generators.
//!
//! Everything a program needs is re-exported here (the trace's types included),
//! so a crate that depends on `corogen` alone can write every example below.
//!
//! # The map
//!
//! - The scheduler: [`Scheduler`] resumes each [`Task`] in turn (or out of turn:
//!   `send`, `throw`), records what happened in a [`Trace`] that prints as the
//!   notebook prints, and files every task as completed, failed or closed;
//!   [`Step`] and [`TaskState`] say what a step did, the errors what a call refused,
//!   and [`Snapshot`] what the scheduler holds.
//! - The generators: [`Gen`] and [`Co`], genawaiter's, with [`GeneratorState`].
//! - Time: [`Clock`], read by the sleeps, as [`SystemClock`] or [`VirtualClock`].
//! - [`notebook`]: the notes' programs, used by the lessons (`fib`, the searches,
//!   `async_sleep`, `async_is_prime`, the repeating message).
//!
//! A Python generator function becomes a function returning a
//! [`Gen`]; `yield` becomes `co.yield_(()).await`; `yield
//! from helper()` becomes `helper(&co).await`, an `async fn` lent the
//! generator's `Co` (see [`notebook::async_sleep`]).
//!
//! ```
//! use corogen::notebook::{async_search, fib};
//! use corogen::{Scheduler, Trace};
//!
//! let trace = Trace::capture();
//! let mut scheduler = Scheduler::with_trace(trace.clone());
//! scheduler.add(async_search(trace.clone(), fib(), |x| x.to_string().len() >= 3));
//! scheduler.add(async_search(trace.clone(), fib(), |x| x.to_string().len() >= 4));
//! scheduler.run_to_completion();
//!
//! let results: Vec<_> = scheduler.completed().map(|(id, v)| (id.get(), *v)).collect();
//! assert_eq!(results, [(0, 123), (1, 1364)]);
//! assert!(trace.text().starts_with("Running task 0\ninitializing generator\n"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// A fallible public function says when it fails, in an `# Errors` section.
#![warn(clippy::missing_errors_doc)]

mod clock;
mod control;
mod error;
mod generator;
mod id;
mod inspect;
mod results;
mod retire;
mod scheduler;
mod send;
mod step;
mod task;
mod throw;

pub mod notebook;
// The notebook's programs, re-exported from `notebook` alone.
mod fib;
mod primes;
mod search;
mod sleep;

pub use clock::{Clock, SystemClock, VirtualClock};
pub use error::{CloseError, ControlRefusal, ResultError, SendError, SendRefusal, ThrowError};
pub use generator::{Co, Gen, IntoIter};
pub use id::TaskId;
pub use inspect::{Inspected, Snapshot, TaskSnapshot};
pub use scheduler::Scheduler;
pub use step::{Step, TaskState};
pub use task::{Resumed, Routine, Task};
pub use throw::Thrown;

/// The trace's vocabulary, re-exported so a program needs only this crate:
/// [`Trace`] records, [`Event`] is what it records, [`Timeline`] draws it, [`Echo`]
/// says what it prints as it goes (its events name a task by its number, the
/// [`TaskId::trace_id`] of corogen's [`TaskId`]); [`NotFound`] is what a search
/// that finds nothing fails with.
pub use corotrace::{Cause, Echo, Event, NotFound, Timeline, Trace};

/// Values written as Python writes them: [`PyRepr`] for a result type of your
/// own (see [`Scheduler::render_results_with`]), [`Py`] its `Display`, and
/// [`py_str_if_known`] what the trace uses for the common types.
pub use corotrace::{Py, PyRepr, py_str_if_known};

/// What a resume returns: [`GeneratorState::Yielded`] with the value a body
/// handed out at a `co.yield_`, or [`GeneratorState::Complete`] with what it
/// returned. Re-exported from genawaiter.
pub use genawaiter::GeneratorState;
