//! From `module-3`: `as_completed` hands results out as the tasks finish, so the loop
//! works on each as soon as it is ready.

use std::time::Duration;

use coroasync::{PyRepr, as_completed, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};
use indexmap::IndexMap;

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

async fn get_double(n: u64, thinking: f64) -> (u64, u64) {
    say!("    {n}: thinking on a double...");
    sleep(Duration::from_secs_f64(thinking)).await;
    say!("    {n}: got it: {}", n * 2);
    (n, n * 2)
}

async fn main_(mut random: SplitMix64) -> Vec<(u64, u64)> {
    let mut numbers: Vec<u64> = (0..10).collect();
    random.shuffle(&mut numbers);
    say!("Processing numbers: {}", numbers.py_str());
    let tasks: Vec<_> = numbers
        .iter()
        .map(|&n| spawn(get_double(n, random.next_f64())))
        .collect();

    let mut result = Vec::new();
    let mut completed = as_completed(tasks);
    while let Some(next) = completed.next().await {
        result.push(next.expect("no task fails"));
    }
    result
}

/// `result = await main(); print(result)`, the dict in insertion order.
pub fn lesson(stage: &Stage) {
    let result = stage.run(main_(stage.random())).expect("main finishes");
    let result: IndexMap<u64, u64> = result.into_iter().collect();
    assert!(result.iter().all(|(n, double)| *double == n * 2));
    stage.say(format_args!("{}", result.py_str()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
