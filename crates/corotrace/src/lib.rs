//! The trace both corolab schedulers write, and the little vocabulary they share.
//!
//! `corogen` (coroutines as generators) and `coroasync` (coroutines as futures)
//! record the same [`Event`]s through a shared [`Trace`] handle, so their traces
//! diff side by side. A trace renders as the notebook's own printed text
//! ([`Trace::text`]) or as a [`Timeline`] with one lane per task. A task's value
//! is written there as Python writes it: [`PyRepr`] renders values as Python's
//! `str()` and `repr()` do, for the traces and for the lessons. A [`replay::Replay`]
//! rebuilds from the events what the scheduler held at each step: its queue, its
//! timers, its tasks' states.
//!
//! A program that uses `corogen` or `coroasync` need not depend on this crate:
//! both re-export [`Trace`], [`TaskId`], [`PyRepr`] and [`Py`] (`corogen::Trace`,
//! `coroasync::PyRepr`), and `coroasync` also [`Echo`], [`Timeline`] and [`Event`], the last renamed
//! `TraceEvent` beside asyncio's `Event`. The examples here say `corotrace::`
//! because they are this crate's own.
//!
//! ```
//! use corotrace::{Event, TaskId, Trace};
//!
//! let trace = Trace::capture();
//! let task = TaskId::new(0);
//! trace.record(|| Event::Added { task });
//! trace.enter(task);
//! trace.print(format_args!("initializing generator"));
//! trace.record(|| Event::Completed { task, value: "123".into() });
//! trace.leave();
//!
//! assert_eq!(
//!     trace.text(),
//!     "Running task 0\n\
//!      initializing generator\n\
//!      ----------------------\n\
//!      Task 0 completed with result: 123\n"
//! );
//! ```
//!
//! # Features
//!
//! - `serde` (off by default): `Serialize` and `Deserialize` for [`Event`],
//!   [`TaskId`] and [`Echo`], so a trace's events can be written as JSON (an
//!   `insta::assert_json_snapshot!` of [`Trace::events`], say) and read back.
//! - `tracing` (off by default): `Trace::with_tracing`, which hands each event to
//!   `tracing`, in a span per task, so any `tracing` subscriber sees the run.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// A fallible public function says when it fails, in an `# Errors` section.
#![warn(clippy::missing_errors_doc)]

mod cause;
mod event;
mod id;
mod not_found;
mod panic;
mod pyrepr;
pub mod replay;
mod subscribers;
mod timeline;
mod trace;
#[cfg(feature = "tracing")]
mod tracing_bridge;

pub use cause::Cause;
pub use event::Event;
pub use id::TaskId;
pub use not_found::NotFound;
pub use panic::{panic_message, take_panic_message};
pub use pyrepr::{Py, PyRepr, py_str_if_known};
pub use timeline::{StepsError, Timeline};
pub use trace::{Echo, Trace};
#[cfg(feature = "tracing")]
pub use tracing_bridge::TARGET as TRACING_TARGET;
