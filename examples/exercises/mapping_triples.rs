//! `module-3`'s practice for "Mapping of results": add `get_triple`, and make
//! `main` return a map of doubles to triples (1); with `--one-gather true`, collect
//! both within the same `gather` (1.1). `gather` keeps the order it was given, so
//! the first half of one gather's results are the doubles, the second the triples.

use std::time::Duration;

use coroasync::{PyRepr, gather, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};
use indexmap::IndexMap;

/// This exercise runs on coroasync, as its lesson does.
pub const KIND: Kind = Kind::Futures;

/// The flags this exercise takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<bool>(
        "one-gather",
        "false",
        "Gather doubles and triples together (practice 1.1)",
    ),
    Flag::seed("7"),
];

async fn get_double(n: u64, thinking: f64) -> u64 {
    say!("    {n}: thinking on a double...");
    sleep(Duration::from_secs_f64(thinking)).await;
    say!("    {n}: got it: {}", n * 2);
    n * 2
}

async fn get_triple(n: u64, thinking: f64) -> u64 {
    say!("    {n}: thinking on a triple...");
    sleep(Duration::from_secs_f64(thinking)).await;
    say!("    {n}: got it: {}", n * 3);
    n * 3
}

async fn main_(mut random: SplitMix64, one_gather: bool) -> IndexMap<u64, u64> {
    let mut numbers: Vec<u64> = (0..10).collect();
    random.shuffle(&mut numbers);
    say!("Processing numbers: {}", numbers.py_str());
    // A task draws its thinking time when it is made, in the order the Python's
    // tasks draw theirs when they start: the order they were made.
    let mut doubles = || -> Vec<_> {
        let tasks: Vec<_> = numbers.iter().map(|&n| (n, random.next_f64())).collect();
        tasks
            .into_iter()
            .map(|(n, t)| spawn(get_double(n, t)))
            .collect()
    };
    let (doubles, triples) = if one_gather {
        let mut tasks = doubles();
        tasks.extend(
            numbers
                .iter()
                .map(|&n| spawn(get_triple(n, random.next_f64()))),
        );
        let mut results = gather(tasks).await.expect("no task fails");
        let triples = results.split_off(numbers.len());
        (results, triples)
    } else {
        let doubles = gather(doubles()).await.expect("no task fails");
        let tasks: Vec<_> = numbers
            .iter()
            .map(|&n| spawn(get_triple(n, random.next_f64())))
            .collect();
        (doubles, gather(tasks).await.expect("no task fails"))
    };
    doubles.into_iter().zip(triples).collect()
}

/// `result = await main(); print(result)`.
pub fn lesson(stage: &Stage) {
    let one_gather = stage.flag("one-gather");
    let result = stage
        .run(main_(stage.random(), one_gather))
        .expect("main finishes");
    stage.say(format_args!("{}", result.py_str()));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
