//! W2: spawn `n` trivial tasks (task `i` returns `i`) and collect every result.
//! The second size is ignored.

use super::{Contender, coroasync_loop, sum_all, sum_finished, tick_until_idle, tokio_plain};

/// The W2 contenders.
pub const SPAWN: &[Contender] = &[
    ("coroasync", w2_coroasync),
    ("tokio", w2_tokio),
    ("tokio-localset-time", w2_tokio_localset),
    ("async-executor", w2_async_executor),
    ("async-executor-run", w2_async_executor_run),
    ("localpool", w2_localpool),
    ("localpool-run-until", w2_localpool_run_until),
];

pub fn w2_coroasync(n: usize, _: usize) -> usize {
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

pub fn w2_tokio(n: usize, _: usize) -> usize {
    tokio_plain().block_on(async move {
        let handles: Vec<_> = (0..n).map(|i| tokio::spawn(async move { i })).collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap_or(0);
        }
        sum
    })
}

pub fn w2_tokio_localset(n: usize, _: usize) -> usize {
    let local = tokio::task::LocalSet::new();
    super::tokio_timed(false).block_on(local.run_until(async move {
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

pub fn w2_async_executor(n: usize, _: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    let handles: Vec<_> = (0..n).map(|i| executor.spawn(async move { i })).collect();
    tick_until_idle(&executor);
    sum_finished(handles)
}

pub fn w2_async_executor_run(n: usize, _: usize) -> usize {
    let executor = async_executor::LocalExecutor::new();
    futures_lite::future::block_on(executor.run(async {
        let handles: Vec<_> = (0..n).map(|i| executor.spawn(async move { i })).collect();
        sum_all(handles).await
    }))
}

fn w2_localpool_tasks(
    pool: &futures::executor::LocalPool,
    n: usize,
) -> Vec<futures::future::RemoteHandle<usize>> {
    use futures::task::LocalSpawnExt;
    let spawner = pool.spawner();
    (0..n)
        .map(|i| {
            spawner
                .spawn_local_with_handle(async move { i })
                .expect("the pool takes the task")
        })
        .collect()
}

pub fn w2_localpool(n: usize, _: usize) -> usize {
    let mut pool = futures::executor::LocalPool::new();
    let handles = w2_localpool_tasks(&pool, n);
    pool.run_until_stalled();
    sum_finished(handles)
}

pub fn w2_localpool_run_until(n: usize, _: usize) -> usize {
    let mut pool = futures::executor::LocalPool::new();
    let handles = w2_localpool_tasks(&pool, n);
    pool.run_until(sum_all(handles))
}
