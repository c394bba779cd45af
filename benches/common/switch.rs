//! W1: `tasks` tasks, each yielding `yields` times, round robin. Each task
//! returns `yields + 1`, so the checksum is the number of switches.

use std::collections::VecDeque;
use std::convert::Infallible;

use super::{
    Contender, coroasync_loop, sum_all, sum_finished, tick_until_idle, tokio_plain, yield_now,
};

/// The W1 contenders, in the order the docs list them.
pub const SWITCH: &[Contender] = &[
    ("state-machine", w1_state_machine),
    ("genawaiter-raw", w1_genawaiter_raw),
    ("corogen", w1_corogen),
    ("coroasync", w1_coroasync),
    ("coroasync-defaults", w1_coroasync_defaults),
    ("tokio", w1_tokio),
    ("tokio-localset-time", w1_tokio_localset),
    ("async-executor", w1_async_executor),
    ("async-executor-run", w1_async_executor_run),
    ("localpool", w1_localpool),
    ("localpool-run-until", w1_localpool_run_until),
];

/// The floor: hand-written state machines in a `VecDeque`.
pub fn w1_state_machine(tasks: usize, yields: usize) -> usize {
    let mut queue: VecDeque<usize> = (0..tasks).map(|_| yields).collect();
    let mut switches = 0;
    while let Some(left) = queue.pop_front() {
        switches += 1;
        if left > 0 {
            queue.push_back(std::hint::black_box(left - 1));
        }
    }
    switches
}

/// genawaiter's generators in a `VecDeque`, with nothing around them.
pub fn w1_genawaiter_raw(tasks: usize, yields: usize) -> usize {
    use genawaiter::GeneratorState;
    use genawaiter::rc::Gen;
    let mut queue: VecDeque<_> = (0..tasks)
        .map(|_| {
            Gen::new(move |co| async move {
                for _ in 0..yields {
                    co.yield_(()).await;
                }
            })
        })
        .collect();
    let mut switches = 0;
    while let Some(mut generator) = queue.pop_front() {
        switches += 1;
        if let GeneratorState::Yielded(()) = generator.resume() {
            queue.push_back(generator);
        }
    }
    switches
}

/// corogen's `Scheduler`, trace off.
pub fn w1_corogen(tasks: usize, yields: usize) -> usize {
    use corogen::{Gen, Scheduler};
    let mut scheduler: Scheduler<()> = Scheduler::new();
    for _ in 0..tasks {
        scheduler.add(Gen::new(move |co| async move {
            for _ in 0..yields {
                co.yield_(()).await;
            }
            Ok::<(), Infallible>(())
        }));
    }
    let mut switches = 0;
    while scheduler.step().is_some() {
        switches += 1;
    }
    switches
}

/// coroasync, trace and slow-step check off.
pub fn w1_coroasync(tasks: usize, yields: usize) -> usize {
    w1_coroasync_on(coroasync_loop(), tasks, yields)
}

/// coroasync as `EventLoop::new()` makes it: real clock, the echo trace, the
/// slow-step check.
pub fn w1_coroasync_defaults(tasks: usize, yields: usize) -> usize {
    w1_coroasync_on(coroasync::EventLoop::new(), tasks, yields)
}

fn w1_coroasync_on(event_loop: coroasync::EventLoop, tasks: usize, yields: usize) -> usize {
    event_loop
        .run_until_complete(async move {
            let handles: Vec<_> = (0..tasks)
                .map(|_| {
                    coroasync::spawn(async move {
                        for _ in 0..yields {
                            coroasync::yield_now().await;
                        }
                        yields + 1
                    })
                })
                .collect();
            let mut switches = 0;
            for handle in handles {
                switches += handle.await.unwrap_or(0);
            }
            switches
        })
        .unwrap_or(0)
}

/// tokio at its fastest: current-thread runtime without drivers, `tokio::spawn`.
pub fn w1_tokio(tasks: usize, yields: usize) -> usize {
    tokio_plain().block_on(async move {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                tokio::spawn(async move {
                    for _ in 0..yields {
                        tokio::task::yield_now().await;
                    }
                    yields + 1
                })
            })
            .collect();
        let mut switches = 0;
        for handle in handles {
            switches += handle.await.unwrap_or(0);
        }
        switches
    })
}

/// tokio through a `LocalSet`, its time driver on.
pub fn w1_tokio_localset(tasks: usize, yields: usize) -> usize {
    let local = tokio::task::LocalSet::new();
    super::tokio_timed(false).block_on(local.run_until(async move {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                tokio::task::spawn_local(async move {
                    for _ in 0..yields {
                        tokio::task::yield_now().await;
                    }
                    yields + 1
                })
            })
            .collect();
        let mut switches = 0;
        for handle in handles {
            switches += handle.await.unwrap_or(0);
        }
        switches
    }))
}

fn w1_async_executor_tasks<'a>(
    executor: &async_executor::LocalExecutor<'a>,
    tasks: usize,
    yields: usize,
) -> Vec<async_executor::Task<usize>> {
    (0..tasks)
        .map(|_| {
            executor.spawn(async move {
                for _ in 0..yields {
                    futures_lite::future::yield_now().await;
                }
                yields + 1
            })
        })
        .collect()
}

/// async-executor at its fastest: `try_tick()` until it returns false.
pub fn w1_async_executor(tasks: usize, yields: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    let handles = w1_async_executor_tasks(&executor, tasks, yields);
    tick_until_idle(&executor);
    sum_finished(handles)
}

/// async-executor through `run()` under `block_on`.
pub fn w1_async_executor_run(tasks: usize, yields: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    let handles = w1_async_executor_tasks(&executor, tasks, yields);
    futures_lite::future::block_on(executor.run(sum_all(handles)))
}

fn w1_localpool_tasks(
    pool: &futures::executor::LocalPool,
    tasks: usize,
    yields: usize,
) -> Vec<futures::future::RemoteHandle<usize>> {
    use futures::task::LocalSpawnExt;
    let spawner = pool.spawner();
    (0..tasks)
        .map(|_| {
            spawner
                .spawn_local_with_handle(async move {
                    for _ in 0..yields {
                        yield_now().await;
                    }
                    yields + 1
                })
                .expect("the pool takes the task")
        })
        .collect()
}

/// futures' `LocalPool`, run until no task can go on.
pub fn w1_localpool(tasks: usize, yields: usize) -> usize {
    let mut pool = futures::executor::LocalPool::new();
    let handles = w1_localpool_tasks(&pool, tasks, yields);
    pool.run_until_stalled();
    sum_finished(handles)
}

/// futures' `LocalPool`, run until the collecting future is done.
pub fn w1_localpool_run_until(tasks: usize, yields: usize) -> usize {
    let mut pool = futures::executor::LocalPool::new();
    let handles = w1_localpool_tasks(&pool, tasks, yields);
    pool.run_until(sum_all(handles))
}
