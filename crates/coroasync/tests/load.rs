//! Load: a million tasks spawned and finished, ten million switches, and memory
//! back near where it started once they are done (slots and wakers reused).
//!
//! `#[ignore]`d, since they want a release build: `.ci/run` runs them with
//! `cargo test --release -p coroasync --test load -- --ignored`, and again under
//! `valgrind --leak-check=full` at a smaller `LOAD_SCALE` to prove nothing leaks.

use coroasync::{EventLoop, Trace, spawn, yield_now};

/// 1 for the full load; the leak check runs at a fraction of it.
fn scale() -> usize {
    std::env::var("LOAD_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000)
}

fn quiet_loop() -> EventLoop {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_slow_step(None)
}

#[test]
#[ignore = "a million tasks: run in release mode (see .ci/run)"]
fn a_million_tasks_are_spawned_and_finished_and_their_memory_comes_back() {
    let tasks = 1_000 * scale();
    let lp = quiet_loop();
    // Warm up, so the slab and queues have grown once.
    lp.run_until_complete(async move {
        let handles: Vec<_> = (0..tasks).map(|i| spawn(async move { i })).collect();
        for handle in handles {
            handle.await.unwrap();
        }
    })
    .unwrap();
    let info = allocation_counter::measure(|| {
        let sum = lp
            .run_until_complete(async move {
                let handles: Vec<_> = (0..tasks).map(|i| spawn(async move { i })).collect();
                let mut sum = 0;
                for handle in handles {
                    sum += handle.await.unwrap();
                }
                sum
            })
            .unwrap();
        assert_eq!(sum, tasks * (tasks - 1) / 2);
    });
    // Everything the second million allocated was given back: tasks, futures,
    // handles; wakers and slots came from the first million's.
    assert!(info.bytes_current <= 4096, "{info:?}");
    assert!(lp.tasks().is_empty());
}

/// `tasks` tasks that yield `yields` times each; returns the switches made.
fn switches(lp: &EventLoop, tasks: usize, yields: usize) -> usize {
    lp.run_until_complete(async move {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                spawn(async move {
                    for _ in 0..yields {
                        yield_now().await;
                    }
                    yields
                })
            })
            .collect();
        let mut switches = 0;
        for handle in handles {
            switches += handle.await.unwrap();
        }
        switches
    })
    .unwrap()
}

#[test]
#[ignore = "ten million switches: run in release mode (see .ci/run)"]
fn ten_million_switches_give_back_all_they_take() {
    let (tasks, yields) = (1_000, 10 * scale());
    let lp = quiet_loop();
    // Warm up: the slab, the ready queue and the waker pool grow once.
    assert_eq!(switches(&lp, tasks, 10), tasks * 10);
    let info = allocation_counter::measure(|| {
        assert_eq!(switches(&lp, tasks, yields), tasks * yields);
    });
    // Each task allocated its cell and its future, and gave both back; the
    // switches themselves allocated nothing.
    assert!(info.bytes_current <= 4096, "{info:?}");
    assert!(info.count_total <= 3 * tasks as u64 + 16, "{info:?}");
}
