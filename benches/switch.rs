//! W1 (switch): 1,000 tasks, each yielding 1,000 times, round robin; and W6
//! (growth): the same at 10, 1,000 and 100,000 tasks, a million switches each, so
//! the cost per switch can be compared across sizes. Every contender runs in the
//! same process, one after another, so their medians share the machine's state.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn w1_switch(c: &mut Criterion) {
    let mut group = c.benchmark_group("w1_switch");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let (tasks, yields) = (1_000, 1_000);
    group.throughput(Throughput::Elements((tasks * (yields + 1)) as u64));
    for &(name, run) in common::SWITCH {
        assert_eq!(run(10, 10), 110, "{name} does the work");
        group.bench_function(name, |b| b.iter(|| run(tasks, yields)));
    }
    group.finish();
}

fn w6_growth(c: &mut Criterion) {
    let mut group = c.benchmark_group("w6_growth");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for tasks in [10, 1_000, 100_000] {
        let yields = 1_000_000 / tasks;
        group.throughput(Throughput::Elements((tasks * (yields + 1)) as u64));
        for &(name, run) in common::SWITCH {
            group.bench_with_input(BenchmarkId::new(name, tasks), &tasks, |b, &tasks| {
                b.iter(|| run(tasks, yields))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, w1_switch, w6_growth);
criterion_main!(benches);
