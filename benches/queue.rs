//! W5 (queue): 1,000,000 items through a bounded queue of 1 and of 64, one
//! producer and one consumer, and four of each.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

type Contender = (&'static str, fn(usize, usize, usize, usize) -> usize);

const CONTENDERS: &[Contender] = &[
    ("coroasync", common::w5_coroasync),
    ("tokio-mpsc", common::w5_tokio),
    ("async-channel", common::w5_async_channel),
];

fn w5_queue(c: &mut Criterion) {
    let mut group = c.benchmark_group("w5_queue");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let items = 1_000_000;
    group.throughput(Throughput::Elements(items as u64));
    for &(name, run) in CONTENDERS {
        assert_eq!(
            run(100, 1, 4, 4),
            4 * (0..25).sum::<usize>(),
            "{name} does the work"
        );
    }
    for (capacity, producers, consumers) in [(1, 1, 1), (64, 1, 1), (1, 4, 4), (64, 4, 4)] {
        let label = format!("cap{capacity}-{producers}x{consumers}");
        for &(name, run) in CONTENDERS {
            group.bench_function(BenchmarkId::new(name, &label), |b| {
                b.iter(|| run(items, capacity, producers, consumers))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, w5_queue);
criterion_main!(benches);
