//! W4 (timers): 100,000 sleeps of pseudo-random durations, on virtual time
//! (coroasync's virtual clock, tokio's paused time) and on real time (durations
//! of 1–10 ms, so a run takes about 10 ms of waiting).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn w4_timers(c: &mut Criterion) {
    let mut group = c.benchmark_group("w4_timers");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let n = 100_000;
    group.throughput(Throughput::Elements(n as u64));
    for &(name, run) in common::TIMERS {
        assert_eq!(run(10, 5), 10, "{name} does the work");
        group.bench_function(name, |b| b.iter(|| run(n, 1_000)));
    }
    let short = common::durations(n, 10);
    group.bench_function("coroasync-real", |b| {
        b.iter(|| {
            let real = coroasync::EventLoop::new()
                .with_trace(coroasync::Trace::off())
                .with_slow_step(None);
            common::w4_coroasync(real, short.clone())
        })
    });
    group.bench_function("tokio-real", |b| {
        b.iter(|| common::w4_tokio(false, short.clone()))
    });
    group.finish();
}

criterion_group!(benches, w4_timers);
criterion_main!(benches);
