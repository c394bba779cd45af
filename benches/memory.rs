//! W3 (memory): heap bytes per parked task at 1,000,000 tasks, for every
//! contender, each in the setup its W1 row names. Counted by a counting global
//! allocator (allocation-counter, installed in this binary) around building the
//! tasks and running each to its first pause, where it waits for ever on a
//! future that is never ready; the executor's overhead is what is left beyond
//! the future's own size, which is printed beside it. Handles are dropped
//! wherever the executor lets a task run on without one (async-executor's
//! `detach`), so they are not counted. Not a criterion bench: it measures
//! bytes, not time. Prints a table, tab-separated with `--tsv`.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

const TASKS: usize = 1_000_000;

type Started = Arc<AtomicUsize>;

/// The future every executor runs: count its start, then wait for ever.
async fn parked(started: Started) {
    started.fetch_add(1, Ordering::Relaxed);
    std::future::pending::<()>().await;
}

fn all_started(started: &Started) -> bool {
    started.load(Ordering::Relaxed) >= TASKS
}

/// Runs `build` (which returns what keeps the tasks alive) and reports its bytes.
fn measure<T>(tsv: bool, name: &str, future_size: usize, build: impl FnOnce() -> T) {
    let mut kept = None;
    let info = allocation_counter::measure(|| kept = Some(build()));
    let heap = info.bytes_current as f64 / TASKS as f64;
    let overhead = heap - future_size as f64;
    if tsv {
        println!("{name}\t{heap:.1}\t{future_size}\t{overhead:.1}");
    } else {
        println!("{name:<20} {heap:>12.1} {future_size:>8} {overhead:>10.1}");
    }
    drop(kept);
}

fn genawaiter_raw() -> VecDeque<impl Sized> {
    let mut generators: VecDeque<_> = (0..TASKS)
        .map(|_| {
            genawaiter::rc::Gen::new(|co: genawaiter::rc::Co<()>| async move {
                loop {
                    co.yield_(()).await;
                }
            })
        })
        .collect();
    for generator in &mut generators {
        generator.resume();
    }
    generators
}

fn corogen() -> corogen::Scheduler<()> {
    let mut scheduler: corogen::Scheduler<()> = corogen::Scheduler::new();
    for _ in 0..TASKS {
        scheduler.add(corogen::Gen::new(|co| async move {
            loop {
                co.yield_(()).await;
            }
            #[allow(unreachable_code)]
            Ok::<(), Infallible>(())
        }));
    }
    scheduler.run_steps(TASKS);
    scheduler
}

fn coroasync() -> coroasync::EventLoop {
    let event_loop = common::coroasync_loop();
    let started = Started::default();
    for _ in 0..TASKS {
        event_loop.spawn(parked(Arc::clone(&started)));
    }
    while !all_started(&started) {
        let _ = event_loop.tick();
    }
    event_loop
}

fn tokio(runtime: tokio::runtime::Runtime) -> tokio::runtime::Runtime {
    let started = Started::default();
    runtime.block_on(async {
        for _ in 0..TASKS {
            tokio::spawn(parked(Arc::clone(&started)));
        }
        while !all_started(&started) {
            tokio::task::yield_now().await;
        }
    });
    runtime
}

fn tokio_localset() -> (tokio::runtime::Runtime, tokio::task::LocalSet) {
    let runtime = common::tokio_timed(false);
    let local = tokio::task::LocalSet::new();
    let started = Started::default();
    for _ in 0..TASKS {
        local.spawn_local(parked(Arc::clone(&started)));
    }
    runtime.block_on(local.run_until(async {
        while !all_started(&started) {
            tokio::task::yield_now().await;
        }
    }));
    (runtime, local)
}

fn async_executor() -> async_executor::LocalExecutor<'static> {
    let executor = async_executor::LocalExecutor::new();
    let started = Started::default();
    for _ in 0..TASKS {
        executor.spawn(parked(Arc::clone(&started))).detach();
    }
    common::tick_until_idle(&executor);
    assert!(all_started(&started));
    executor
}

fn localpool() -> futures::executor::LocalPool {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let started = Started::default();
    for _ in 0..TASKS {
        let _ = pool.spawner().spawn_local(parked(Arc::clone(&started)));
    }
    pool.run_until_stalled();
    assert!(all_started(&started));
    pool
}

fn main() {
    let tsv = std::env::args().any(|a| a == "--tsv");
    if !tsv {
        println!(
            "{:<20} {:>12} {:>8} {:>10}",
            "contender", "heap B/task", "future", "overhead"
        );
    }
    let future_size = std::mem::size_of_val(&parked(Started::default()));
    let gen_size = size_of::<genawaiter::rc::Gen<(), (), std::future::Pending<()>>>();
    measure(tsv, "state-machine", 8, || {
        (0..TASKS).collect::<VecDeque<usize>>()
    });
    measure(tsv, "genawaiter-raw", gen_size, genawaiter_raw);
    measure(tsv, "corogen", gen_size, corogen);
    measure(tsv, "coroasync", future_size, coroasync);
    measure(tsv, "tokio", future_size, || tokio(common::tokio_plain()));
    measure(tsv, "tokio-localset-time", future_size, tokio_localset);
    measure(tsv, "async-executor", future_size, async_executor);
    measure(tsv, "localpool", future_size, localpool);
}
