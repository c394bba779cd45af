//! The workloads every contender runs, identical for each: W1 (switch), W2
//! (spawn), W4 (timers), W5 (queue). Each function runs one whole workload and
//! returns a checksum, so nothing is optimised away and every contender can be
//! checked to have done the same work.
#![allow(dead_code)] // each bench binary uses some of them

use std::collections::VecDeque;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

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

/// A W1 contender: its name, and the workload run with `(tasks, yields)`.
pub type SwitchContender = (&'static str, fn(usize, usize) -> usize);

/// A W2 contender: its name, and the workload run with `n`.
pub type SpawnContender = (&'static str, fn(usize) -> usize);

/// The W1 contenders, in the order the docs list them.
pub const SWITCH: &[SwitchContender] = &[
    ("state-machine", w1_state_machine),
    ("genawaiter-raw", w1_genawaiter_raw),
    ("corogen", w1_corogen),
    ("coroasync", w1_coroasync),
    ("coroasync-defaults", w1_coroasync_defaults),
    ("tokio", w1_tokio),
    ("async-executor", w1_async_executor),
    ("localpool", w1_localpool),
];

// ---- W1: `tasks` tasks, each yielding `yields` times, round robin ----

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

/// A coroasync loop as a benchmark runs it: virtual clock, trace off, and the
/// slow-step check off (its clock reading per step is measured separately, as
/// `coroasync-defaults`).
pub fn coroasync_loop() -> coroasync::EventLoop {
    coroasync::EventLoop::with_virtual_clock()
        .with_trace(coroasync::Trace::off())
        .with_slow_step(None)
}

pub fn w1_coroasync(tasks: usize, yields: usize) -> usize {
    w1_coroasync_on(coroasync_loop(), tasks, yields)
}

/// coroasync with every default on: the slow-step check reads the clock once a
/// step.
pub fn w1_coroasync_defaults(tasks: usize, yields: usize) -> usize {
    let event_loop = coroasync::EventLoop::with_virtual_clock().with_trace(coroasync::Trace::off());
    w1_coroasync_on(event_loop, tasks, yields)
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

pub fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime")
}

pub fn w1_tokio(tasks: usize, yields: usize) -> usize {
    let local = tokio::task::LocalSet::new();
    tokio_runtime().block_on(local.run_until(async move {
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

pub fn w1_async_executor(tasks: usize, yields: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            executor.spawn(async move {
                for _ in 0..yields {
                    futures_lite::future::yield_now().await;
                }
                yields + 1
            })
        })
        .collect();
    futures_lite::future::block_on(executor.run(async move {
        let mut switches = 0;
        for handle in handles {
            switches += handle.await;
        }
        switches
    }))
}

pub fn w1_localpool(tasks: usize, yields: usize) -> usize {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let spawner = pool.spawner();
    let handles: Vec<_> = (0..tasks)
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
        .collect();
    pool.run_until(async move {
        let mut switches = 0;
        for handle in handles {
            switches += handle.await;
        }
        switches
    })
}

// ---- W2: spawn `n` trivial tasks and collect every result ----

pub const SPAWN: &[SpawnContender] = &[
    ("coroasync", w2_coroasync),
    ("tokio", w2_tokio),
    ("async-executor", w2_async_executor),
    ("localpool", w2_localpool),
];

pub fn w2_coroasync(n: usize) -> usize {
    coroasync_loop()
        .run_until_complete(async move {
            let handles: Vec<_> = (0..n).map(|i| coroasync::spawn(async move { i })).collect();
            let mut sum = 0;
            for handle in handles {
                sum += handle.await.unwrap_or(0);
            }
            sum
        })
        .unwrap_or(0)
}

pub fn w2_tokio(n: usize) -> usize {
    let local = tokio::task::LocalSet::new();
    tokio_runtime().block_on(local.run_until(async move {
        let handles: Vec<_> = (0..n)
            .map(|i| tokio::task::spawn_local(async move { i }))
            .collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap_or(0);
        }
        sum
    }))
}

pub fn w2_async_executor(n: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    futures_lite::future::block_on(executor.run(async {
        let handles: Vec<_> = (0..n).map(|i| executor.spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        sum
    }))
}

pub fn w2_localpool(n: usize) -> usize {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let spawner = pool.spawner();
    pool.run_until(async move {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                spawner
                    .spawn_local_with_handle(async move { i })
                    .expect("the pool takes the task")
            })
            .collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await;
        }
        sum
    })
}

// ---- W4: `n` sleeps of pseudo-random durations ----

/// Durations from 1 to `max_ms` milliseconds, the same for every contender.
pub fn durations(n: usize, max_ms: u64) -> Rc<Vec<Duration>> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    Rc::new(
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                Duration::from_micros(1000 + state % (max_ms * 1000))
            })
            .collect(),
    )
}

pub fn w4_coroasync(event_loop: coroasync::EventLoop, durations: Rc<Vec<Duration>>) -> usize {
    event_loop
        .run_until_complete(async move {
            let handles: Vec<_> = (0..durations.len())
                .map(|i| {
                    let d = durations[i];
                    coroasync::spawn(async move {
                        coroasync::sleep(d).await;
                        1
                    })
                })
                .collect();
            let mut woke = 0;
            for handle in handles {
                woke += handle.await.unwrap_or(0);
            }
            woke
        })
        .unwrap_or(0)
}

pub fn w4_tokio(paused: bool, durations: Rc<Vec<Duration>>) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(paused)
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    runtime.block_on(local.run_until(async move {
        let handles: Vec<_> = (0..durations.len())
            .map(|i| {
                let d = durations[i];
                tokio::task::spawn_local(async move {
                    tokio::time::sleep(d).await;
                    1
                })
            })
            .collect();
        let mut woke = 0;
        for handle in handles {
            woke += handle.await.unwrap_or(0);
        }
        woke
    }))
}

// ---- W5: `items` through a bounded queue, `producers` × `consumers` ----

pub fn w5_coroasync(items: usize, capacity: usize, producers: usize, consumers: usize) -> usize {
    coroasync_loop()
        .run_until_complete(async move {
            let queue = coroasync::Queue::new(capacity);
            let per_producer = items / producers;
            let per_consumer = items / consumers;
            for _ in 0..producers {
                let queue = queue.clone();
                coroasync::spawn(async move {
                    for i in 0..per_producer {
                        queue.put(i).await;
                    }
                });
            }
            let takers: Vec<_> = (0..consumers)
                .map(|_| {
                    let queue = queue.clone();
                    coroasync::spawn(async move {
                        let mut sum = 0;
                        for _ in 0..per_consumer {
                            sum += queue.get().await;
                        }
                        sum
                    })
                })
                .collect();
            let mut sum = 0;
            for taker in takers {
                sum += taker.await.unwrap_or(0);
            }
            sum
        })
        .unwrap_or(0)
}

pub fn w5_tokio(items: usize, capacity: usize, producers: usize, consumers: usize) -> usize {
    let local = tokio::task::LocalSet::new();
    tokio_runtime().block_on(local.run_until(async move {
        let (tx, rx) = tokio::sync::mpsc::channel(capacity);
        // mpsc has one receiver: the consumers share it, as asyncio's getters share
        // a queue.
        let rx = Rc::new(tokio::sync::Mutex::new(rx));
        let per_producer = items / producers;
        let per_consumer = items / consumers;
        for _ in 0..producers {
            let tx = tx.clone();
            tokio::task::spawn_local(async move {
                for i in 0..per_producer {
                    if tx.send(i).await.is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let takers: Vec<_> = (0..consumers)
            .map(|_| {
                let rx = Rc::clone(&rx);
                tokio::task::spawn_local(async move {
                    let mut sum = 0;
                    for _ in 0..per_consumer {
                        sum += rx.lock().await.recv().await.unwrap_or(0);
                    }
                    sum
                })
            })
            .collect();
        let mut sum = 0;
        for taker in takers {
            sum += taker.await.unwrap_or(0);
        }
        sum
    }))
}

pub fn w5_async_channel(
    items: usize,
    capacity: usize,
    producers: usize,
    consumers: usize,
) -> usize {
    let executor = async_executor::LocalExecutor::new();
    let (tx, rx) = async_channel::bounded(capacity);
    let per_producer = items / producers;
    let per_consumer = items / consumers;
    for _ in 0..producers {
        let tx = tx.clone();
        executor
            .spawn(async move {
                for i in 0..per_producer {
                    if tx.send(i).await.is_err() {
                        break;
                    }
                }
            })
            .detach();
    }
    drop(tx);
    let takers: Vec<_> = (0..consumers)
        .map(|_| {
            let rx = rx.clone();
            executor.spawn(async move {
                let mut sum = 0;
                for _ in 0..per_consumer {
                    sum += rx.recv().await.unwrap_or(0);
                }
                sum
            })
        })
        .collect();
    futures_lite::future::block_on(executor.run(async move {
        let mut sum = 0;
        for taker in takers {
            sum += taker.await;
        }
        sum
    }))
}
