//! Wall time of W1 (switch), W2 (spawn) and W4 (timers, virtual time), every
//! contender interleaved: each round runs each contender of a workload once, in
//! turn (starting one further along each round), so a burst of load on a shared
//! machine falls on all of them alike, and the median of the rounds is reported
//! with the fastest round beside it. Prints a table, tab-separated with `--tsv`:
//! `wall [--tsv] [ROUNDS]` (21 by default).

use std::time::Instant;

mod common;

/// A workload: its name, contenders, the two sizes and the operations a run does.
type Workload = (
    &'static str,
    &'static [common::Contender],
    usize,
    usize,
    usize,
);

const WORKLOADS: [Workload; 3] = [
    ("switch", common::SWITCH, 1_000, 1_000, 1_000 * 1_001),
    ("spawn", common::SPAWN, 100_000, 0, 100_000),
    ("timers", common::TIMERS, 100_000, 1_000, 100_000),
];

/// Nanoseconds per operation of each contender in each round.
fn rounds_of(workload: &Workload, rounds: usize) -> Vec<Vec<f64>> {
    let &(_, contenders, a, b, ops) = workload;
    for &(_, run) in contenders {
        std::hint::black_box(run(a, b)); // warm-up
    }
    let mut times = vec![Vec::with_capacity(rounds); contenders.len()];
    for round in 0..rounds {
        for k in 0..contenders.len() {
            let i = (round + k) % contenders.len();
            let run = contenders[i].1;
            let start = Instant::now();
            std::hint::black_box(run(a, b));
            times[i].push(start.elapsed().as_nanos() as f64 / ops as f64);
        }
    }
    times
}

fn main() {
    // `cargo bench` appends `--bench`.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tsv = args.iter().any(|a| a == "--tsv");
    let rounds = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(21)
        .max(1);
    if !tsv {
        println!(
            "{:<8} {:<22} {:>12} {:>12}  ({rounds} interleaved rounds)",
            "workload", "contender", "median ns/op", "fastest"
        );
    }
    for workload in &WORKLOADS {
        let times = rounds_of(workload, rounds);
        for ((contender, _), mut per) in workload.1.iter().zip(times) {
            per.sort_by(f64::total_cmp);
            let (median, fastest) = (per[per.len() / 2], per[0]);
            if tsv {
                println!("{}\t{contender}\t{median:.1}\t{fastest:.1}", workload.0);
            } else {
                println!(
                    "{:<8} {contender:<22} {median:>12.1} {fastest:>12.1}",
                    workload.0
                );
            }
        }
    }
}
