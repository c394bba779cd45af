//! Coroutines as futures: the programs of the asyncio notes, on a hand-written,
//! single-threaded event loop.
//!
//! Where `corogen` drives generators with a round-robin scheduler, this crate makes
//! the migration the notes make: `yield from` becomes `.await`, and the scheduler
//! becomes an [`EventLoop`] with asyncio's toolbox: tasks, [`sleep`], [`gather`](fn@gather),
//! [`wait`], [`wait_for`] (and tokio's [`timeout`]), [`shield`], cancellation, [`Event`], [`Queue`],
//! [`Lock`], [`Semaphore`], [`as_completed`], [`to_thread`] and [`TaskGroup`]; [`race`](fn@race),
//! cancel scopes ([`CancelScope`], [`fail_after`]) and the cancel guard ([`on_cancel`]);
//! task-local values ([`ContextVar`], Python's `contextvars`);
//! and a loop on a thread of its own that other threads submit work to, [`LoopThread`].
//! The notes' own programs (`is_prime`, `search`, `print_matches`,
//! `repetitive_message`), used by the lessons, live with the course
//! (`corolab::notebook`): they are what the lessons run on the loop, not part of it.
//!
//! ```
//! use std::time::Duration;
//! use coroasync::{gather, say, sleep, EventLoop, Trace};
//!
//! async fn child(name: &'static str, secs: u64) -> &'static str {
//!     say!("  {name}: started! sleeping now...");
//!     sleep(Duration::from_secs(secs)).await;
//!     say!("  {name}: exiting!");
//!     name
//! }
//!
//! let trace = Trace::capture();
//! let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
//! let names = lp.run_until_complete(async {
//!     gather([child("child1", 1), child("child2", 2)]).await
//! });
//! assert_eq!(names, Ok(Ok(vec!["child1", "child2"])));
//! assert_eq!(
//!     trace.output(),
//!     "  child1: started! sleeping now...\n  child2: started! sleeping now...\n\
//!      \x20 child1: exiting!\n  child2: exiting!\n"
//! );
//! ```
//!
//! Everything runs on one thread, and `#![forbid(unsafe_code)]` holds: wakers are
//! `std::task::Wake` implementations, and a wake from another thread goes through
//! a mutex-guarded inbox that unparks the loop.
//!
//! # Features
//!
//! - `futures` (off by default): `futures-core`'s `Stream` for [`AsCompleted`] and
//!   for a queue's receiving end (`Queue::into_stream`, ending at
//!   [`Queue::shutdown`]), and `futures-sink`'s `Sink` for its sending end
//!   (`Queue::into_sink`), so `StreamExt`, `SinkExt` and the ecosystem's other
//!   combinators take them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// A fallible public function says when it fails, in an `# Errors` section.
#![warn(clippy::missing_errors_doc)]

// The layers, bottom up: each module imports only from the layers below it
// (docs/coroasync.md draws them). Tests in `tests/layering.rs` hold this.
//
// 1. Plain data and leaves, importing nothing else of the crate.
mod cancel; // the cancel flag a task shares with its wait-list entries
mod diagnostics; // deadlocks, slow steps, failures nobody looked at
mod error;
mod pool; // the worker threads of `to_thread`
mod snapshot; // the loop's state as data
mod tick; // what one pass did
mod timers; // the clock and the timer store
mod unwind; // catching a task's panic
mod waiting; // what a pending task waits on
mod waker; // wakers, and the inbox other threads wake through
mod watchdog; // the slow-step timer
// 2. A task as the loop holds it; it reaches its loop only through `Schedule`.
mod cell;
// 3. The scheduler: the task slab, the ready queue, one pass of the loop.
mod core;
// 4. Which loop runs on this thread, for the free functions below.
mod context;
// 5. What tasks use: handles, sleeping, waiting, task-local values.
mod context_var;
mod interrupt; // how an awaitable hears of its task's cancellation
mod task;
mod time;
mod waiters; // the wait lists of the primitives
mod watch; // a combinator's watch over several tasks
// 6. asyncio's toolbox, each primitive a module.
mod as_completed;
mod barrier;
mod blocking;
mod condition;
mod event;
mod gather;
mod group;
mod guard;
mod lock;
mod print; // `say!`'s printing, kept by `to_thread`'s workers too
mod queue;
mod race;
mod scope;
mod settled;
mod shield;
#[cfg(feature = "futures")]
mod streams;
mod timeout;
mod wait;
// 7. The loop's public face, and a loop on a thread of its own.
mod event_loop;
mod loop_thread;
mod submitted;
// The notes' programs the lessons use.

pub use as_completed::{AsCompleted, NextCompleted, as_completed};
pub use barrier::Barrier;
pub use blocking::{ToThread, run_blocking, to_thread};
pub use condition::{Condition, ConditionAcquire, ConditionGuard, ConditionWait};
pub use context_var::{ContextVar, ResetError, Token};
pub use core::Order;
pub use diagnostics::{BlockedTask, Deadlock, Diagnostic};
pub use error::{
    BrokenBarrierError, Elapsed, QueueEmpty, QueueFull, QueueShutDown, RealClock, RunError,
    SpawnError, TaskDoneError, TaskError, ZeroParties,
};
pub use event::{Event, EventWait};
pub use event_loop::{EventLoop, Frame, run};
pub use gather::{Gather, GatherSettled, gather, gather_settled};
pub use group::{GroupError, GroupJoin, TaskGroup};
pub use guard::{CancelGuard, catch_cancel, on_cancel};
pub use lock::{Acquire, Lock, LockGuard, Semaphore, SemaphorePermit};
pub use loop_thread::{LoopClosed, LoopHandle, LoopThread};
pub use queue::{Get, Put, Queue, QueueRecv, QueueSend};
pub use race::{First, Race, RaceAll, race};
pub use scope::{CancelScope, FailAfter, Scoped, fail_after, move_on_after};
pub use shield::{Shield, ShieldFuture, shield};
pub use snapshot::{LoopSnapshot, ReadyEntry, TaskSnapshot, TaskState, TimerSnapshot};
#[cfg(feature = "futures")]
pub use streams::{QueueSink, QueueStream};
pub use submitted::{Submitted, WaitError};
pub use task::{
    IntoTask, Join, Task, TaskDone, TaskRef, all_tasks, current_task, spawn, spawn_named, try_spawn,
};
pub use tick::Tick;
pub use time::{Sleep, YieldNow, now, sleep, yield_now};
pub use timeout::{Timeout, timeout};
pub use wait::{ReturnWhen, Wait, WaitFor, Waitable, wait, wait_for};

// The trace's vocabulary, so that a program (and every example here) needs only
// this crate: a path into `corotrace` fails to resolve in a crate that does not
// depend on it (tests/doc_paths.rs keeps the examples to these). Not inlined: the
// pages and examples of these items are `corotrace`'s own.
/// What a [`Trace`] records, as [`Trace::events`] hands it out: `corotrace`'s
/// `Event`, renamed so it does not clash with asyncio's [`Event`].
#[doc(no_inline)]
pub use corotrace::Event as TraceEvent;
#[doc(no_inline)]
pub use corotrace::{Cause, Echo, NotFound, TaskId, Timeline, Trace};
/// Values written as Python writes them (`value.py_str()`), as the trace writes
/// a task's value.
#[doc(no_inline)]
pub use corotrace::{Py, PyRepr};

/// What the crate's macros expand to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::gather::{GatherTuple, TaskTuple, gather_tuple};
    pub use crate::print::print;
    pub use crate::race::{RaceTuple, race_tuple};
    pub use crate::settled::{SettleTuple, settle_tuple};
}
