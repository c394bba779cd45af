//! From `module-3`, "Mapping of results": `gather` returns values in the order the
//! tasks were given, whatever order they finish in, so results map back to inputs.
//! Python's `random` becomes a seeded source (`--seed`), so a run can be replayed.

use std::time::Duration;

use coroasync::{PyRepr, gather, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};
use indexmap::IndexMap;

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

async fn get_double(n: u64, thinking: f64) -> u64 {
    say!("    {n}: thinking on a double...");
    sleep(Duration::from_secs_f64(thinking)).await;
    say!("    {n}: got it: {}", n * 2);
    n * 2
}

async fn main_(mut random: SplitMix64) -> Vec<(u64, u64)> {
    // Prepare some arbitrary ordered numbers
    let mut numbers: Vec<u64> = (0..10).collect();
    random.shuffle(&mut numbers);
    say!("Processing numbers: {}", numbers.py_str());
    let tasks: Vec<_> = numbers
        .iter()
        .map(|&n| spawn(get_double(n, random.next_f64())))
        .collect();
    let result = gather(tasks).await.expect("no task fails");
    numbers.into_iter().zip(result).collect()
}

/// `result = await main(); print(result)`.
pub fn lesson(stage: &Stage) {
    let result = stage.run(main_(stage.random())).expect("main finishes");
    assert!(result.iter().all(|&(n, double)| double == n * 2));
    let result: IndexMap<u64, u64> = result.into_iter().collect();
    stage.say(format_args!("{}", result.py_str()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
