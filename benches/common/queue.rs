//! W5: `items` through a bounded queue, `producers` × `consumers`. tokio's
//! mpsc has one receiver, shared here behind a `Mutex` in an `Rc`, so its tasks
//! are local: tokio runs in a `LocalSet` on a runtime with its time driver.

use std::rc::Rc;

use super::coroasync_loop;

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
    super::tokio_timed(false).block_on(local.run_until(async move {
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
