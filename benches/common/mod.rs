//! The workloads every contender runs, identical for each: W1 (switch), W2
//! (spawn), W4 (timers), W5 (queue). Each function runs one whole workload and
//! returns a checksum, so nothing is optimised away and every contender can be
//! checked to have done the same work.
//!
//! Every peer runs in its fastest ordinary single-threaded setup, and the slower
//! setups it is often used in are kept as extra contenders with the setup in
//! their names:
//! - tokio: a current-thread `Runtime` with no driver the workload does not need,
//!   `block_on` with `tokio::spawn` (no `LocalSet`); `tokio-localset-time` is a
//!   `LocalSet` with `spawn_local` on a runtime with its time driver on.
//! - async-executor: a `LocalExecutor` driven by `try_tick()` until it returns
//!   false; `async-executor-run` drives it with `run()` under `block_on`.
//! - futures: a `LocalPool` run with `run_until_stalled()`; `localpool-run-until`
//!   with `run_until()` on the collecting future.
#![allow(dead_code)] // each bench binary uses some of them

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

mod queue;
mod spawn;
mod switch;
mod timers;

#[allow(unused_imports)] // each bench binary uses some of them
pub use queue::*;
#[allow(unused_imports)]
pub use spawn::*;
#[allow(unused_imports)]
pub use switch::*;
#[allow(unused_imports)]
pub use timers::*;

/// A `yield_now` for executors that lack one: wake, and pause once.
pub struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

pub fn yield_now() -> YieldNow {
    YieldNow(false)
}

/// A contender: its name, and the workload run with two sizes (W1: tasks and
/// yields; W2 and W4: the count, and a second size they ignore).
pub type Contender = (&'static str, fn(usize, usize) -> usize);

/// A coroasync loop as a benchmark runs it: virtual clock, trace off, and the
/// slow-step check off (`EventLoop::new()` with its defaults is measured
/// separately, as `coroasync-defaults`).
pub fn coroasync_loop() -> coroasync::EventLoop {
    coroasync::EventLoop::with_virtual_clock()
        .with_trace(coroasync::Trace::off())
        .with_slow_step(None)
}

/// tokio's fastest single-threaded runtime for a workload without timers: no
/// driver at all.
pub fn tokio_plain() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime")
}

/// tokio's current-thread runtime with its time driver, paused or not.
pub fn tokio_timed(paused: bool) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(paused)
        .build()
        .expect("a tokio runtime")
}

/// Runs a `LocalExecutor` the fastest way it offers on one thread: a tick at a
/// time until no task is ready.
pub fn tick_until_idle(executor: &async_executor::LocalExecutor<'_>) {
    while executor.try_tick() {}
}

/// Sums the results of tasks that have all finished (their handles are polled
/// once each).
pub fn sum_finished<H: Future<Output = usize>>(handles: Vec<H>) -> usize {
    futures_lite::future::block_on(sum_all(handles))
}

/// Awaits each handle in turn and sums the results.
pub async fn sum_all<H: Future<Output = usize>>(handles: Vec<H>) -> usize {
    let mut sum = 0;
    for handle in handles {
        sum += handle.await;
    }
    sum
}
