//! W2 (spawn): spawn 100,000 trivial tasks and collect every result.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn w2_spawn(c: &mut Criterion) {
    let mut group = c.benchmark_group("w2_spawn");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let n = 100_000;
    group.throughput(Throughput::Elements(n as u64));
    for &(name, run) in common::SPAWN {
        assert_eq!(run(100, 0), 4950, "{name} does the work");
        group.bench_function(name, |b| b.iter(|| run(n, 0)));
    }
    group.finish();
}

criterion_group!(benches, w2_spawn);
criterion_main!(benches);
