//! W4: `n` sleeps of pseudo-random durations, each in a task of its own. On
//! virtual time (coroasync's virtual clock, tokio's paused time) the durations
//! go up to 1 s; on real time they are 1–10 ms.

use std::rc::Rc;
use std::time::Duration;

use super::{Contender, coroasync_loop, tokio_timed};

/// The W4 contenders on virtual time: the second size is the longest sleep in
/// milliseconds.
pub const TIMERS: &[Contender] = &[
    ("coroasync-virtual", |n, max_ms| {
        w4_coroasync(coroasync_loop(), durations(n, max_ms))
    }),
    ("tokio-paused", |n, max_ms| {
        w4_tokio(true, durations(n, max_ms))
    }),
    ("tokio-paused-localset", |n, max_ms| {
        w4_tokio_localset(true, durations(n, max_ms))
    }),
];

/// Durations from 1 to `max_ms` milliseconds, the same for every contender.
pub fn durations(n: usize, max_ms: usize) -> Rc<Vec<Duration>> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    Rc::new(
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                Duration::from_micros(1000 + state % (max_ms as u64 * 1000))
            })
            .collect(),
    )
}

pub fn w4_coroasync(event_loop: coroasync::EventLoop, durations: Rc<Vec<Duration>>) -> usize {
    event_loop
        .run_until_complete(async move {
            let handles: Vec<_> = durations
                .iter()
                .map(|&d| {
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

/// tokio at its fastest with timers: `tokio::spawn` on a current-thread runtime
/// with the time driver, paused or not.
pub fn w4_tokio(paused: bool, durations: Rc<Vec<Duration>>) -> usize {
    tokio_timed(paused).block_on(async move {
        let handles: Vec<_> = durations
            .iter()
            .map(|&d| {
                tokio::spawn(async move {
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
    })
}

/// tokio through a `LocalSet`.
pub fn w4_tokio_localset(paused: bool, durations: Rc<Vec<Duration>>) -> usize {
    let local = tokio::task::LocalSet::new();
    tokio_timed(paused).block_on(local.run_until(async move {
        let handles: Vec<_> = durations
            .iter()
            .map(|&d| {
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
