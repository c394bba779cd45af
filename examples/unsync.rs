//! From `friday-talk`, `unsync`: functions that run on an event loop on a thread of its
//! own, called from plain code that blocks on their results. The loop thread is
//! coroasync's `LoopThread`; `Submitted::wait` is the notes' `.result()`.

use std::time::Duration;

use coroasync::{EventLoop, LoopThread, Submitted, Trace, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `@unsync def non_async_function(seconds)`: a plain function, run on one of the
/// loop's worker threads. (`pause` is `seconds`, or nothing on virtual time, where
/// a worker's job takes no time.)
fn non_async_function(unsync: &LoopThread, pause: Duration) -> Submitted<u32> {
    let job = move || {
        std::thread::sleep(pause);
        1
    };
    unsync.submit_blocking(job).expect("the loop runs")
}

/// `@unsync async def async_function(seconds)`: a coroutine, run on the loop. The
/// closure crosses to the loop's thread; the future is made there.
fn async_function(unsync: &LoopThread, seconds: Duration) -> Submitted<u32> {
    let coroutine = move || async move {
        sleep(seconds).await;
        5
    };
    unsync.submit(coroutine).expect("the loop runs")
}

/// `@unsync(cpu_bound=True) def slow_function()`: on a worker thread too (unsync
/// uses a process).
fn slow_function(unsync: &LoopThread) -> Submitted<f64> {
    let job = || {
        let a = 10f64.powi(101);
        let b = 10f64.powi(100);
        a / b
    };
    unsync.submit_blocking(job).expect("the loop runs")
}

/// `time.time()`, read on the loop's clock: real, or virtual.
fn loop_time(unsync: &LoopThread) -> Duration {
    let now = || async { coroasync::now() };
    unsync
        .submit(now)
        .expect("the loop runs")
        .wait()
        .expect("it reads its clock")
}

/// The cell: three calls, each waited for in turn, added up.
pub fn lesson(stage: &Stage) {
    let on_virtual_time = stage.is_virtual();
    let order = stage.order();
    let make_loop = move || {
        let event_loop = if on_virtual_time {
            EventLoop::with_virtual_clock()
        } else {
            EventLoop::new()
        };
        event_loop.with_order(order).with_trace(Trace::off())
    };
    let unsync = LoopThread::spawn_with(make_loop).expect("a thread starts");
    let half = if on_virtual_time {
        Duration::ZERO
    } else {
        Duration::from_millis(500)
    };

    let start = loop_time(&unsync);
    let sum = slow_function(&unsync).wait().expect("it returns")
        + f64::from(
            async_function(&unsync, Duration::from_secs(1))
                .wait()
                .expect("it returns"),
        )
        + f64::from(
            non_async_function(&unsync, half)
                .wait()
                .expect("it returns"),
        );
    stage.say(format_args!("{sum:?}"));
    let took = loop_time(&unsync) - start;
    stage.say(format_args!("Executed in {:?} seconds", took.as_secs_f64()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
