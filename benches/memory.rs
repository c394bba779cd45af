//! W3 (memory): bytes per pending task at 1,000,000 tasks, for every W1 contender.
//! Counted by a counting global allocator (allocation-counter) around building
//! the tasks and running each to its first pause, and by the process's resident
//! memory. Prints a table; not a criterion bench, since it measures bytes, not time.

use std::cell::Cell;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::rc::Rc;

mod common;

const TASKS: usize = 1_000_000;

/// The future every executor runs: count its start, then wait for ever.
async fn parked(started: Rc<Cell<usize>>) {
    started.set(started.get() + 1);
    std::future::pending::<()>().await;
}

fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// Runs `build` (which returns what keeps the tasks alive) and reports its bytes.
fn measure<T>(name: &str, future_size: usize, build: impl FnOnce() -> T) {
    let before = resident_bytes();
    let mut kept = None;
    let info = allocation_counter::measure(|| kept = Some(build()));
    let after = resident_bytes();
    let heap = info.bytes_current as f64 / TASKS as f64;
    println!(
        "{name:<16} {heap:>10.1} {:>12.1} {future_size:>8} {:>10.1}",
        after.saturating_sub(before) as f64 / TASKS as f64,
        heap - future_size as f64,
    );
    drop(kept);
}

fn main() {
    println!(
        "{:<16} {:>10} {:>12} {:>8} {:>10}",
        "contender", "heap B/task", "RSS B/task", "future", "overhead"
    );
    let future_size = std::mem::size_of_val(&parked(Rc::default()));

    measure("state-machine", 8, || {
        (0..TASKS).collect::<VecDeque<usize>>()
    });

    let gen_size = {
        let generator = genawaiter::rc::Gen::new(|co: genawaiter::rc::Co<()>| async move {
            loop {
                co.yield_(()).await;
            }
        });
        std::mem::size_of_val(&generator)
    };
    measure("genawaiter-raw", gen_size, || {
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
    });

    measure("corogen", gen_size, || {
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
    });

    measure("coroasync", future_size, || {
        let event_loop = common::coroasync_loop();
        let started = Rc::new(Cell::new(0));
        for _ in 0..TASKS {
            event_loop.spawn(parked(Rc::clone(&started)));
        }
        while started.get() < TASKS {
            let _ = event_loop.tick();
        }
        event_loop
    });

    measure("tokio", future_size, || {
        let runtime = common::tokio_runtime();
        let local = tokio::task::LocalSet::new();
        let started = Rc::new(Cell::new(0));
        for _ in 0..TASKS {
            local.spawn_local(parked(Rc::clone(&started)));
        }
        runtime.block_on(local.run_until(async {
            while started.get() < TASKS {
                tokio::task::yield_now().await;
            }
        }));
        (runtime, local)
    });

    measure("async-executor", future_size, || {
        let executor = async_executor::LocalExecutor::new();
        let started = Rc::new(Cell::new(0));
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| executor.spawn(parked(Rc::clone(&started))))
            .collect();
        futures_lite::future::block_on(executor.run(async {
            while started.get() < TASKS {
                futures_lite::future::yield_now().await;
            }
        }));
        (executor, tasks)
    });

    measure("localpool", future_size, || {
        use futures::task::LocalSpawnExt;
        let mut pool = futures::executor::LocalPool::new();
        let started = Rc::new(Cell::new(0));
        for _ in 0..TASKS {
            let _ = pool.spawner().spawn_local(parked(Rc::clone(&started)));
        }
        pool.run_until_stalled();
        pool
    });
}
