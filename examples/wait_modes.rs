//! From `asyncio-notes`, `asyncio.wait()`: wait for all tasks, for the first to
//! complete, or for the first to fail, and get back the `done` and `pending` ones.
//! Python's random sleeps come from a seeded source (`--seed`).

use std::time::Duration;

use coroasync::{PyRepr, ReturnWhen, say, sleep, spawn, wait};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

async fn task_coroutine(index: u32, value: f64, fails: bool) {
    say!("> task {index} executing");
    sleep(Duration::from_secs_f64(value)).await;
    if fails {
        panic!("task {index} failed");
    }
    say!("> task {index} done after sleep {} seconds", value.py_str());
}

async fn main_(mut random: SplitMix64) {
    for return_when in [
        ReturnWhen::AllCompleted,
        ReturnWhen::FirstCompleted,
        ReturnWhen::FirstException,
    ] {
        say!("main coroutine started: {return_when:?}");
        let tasks: Vec<_> = (0..10)
            .map(|i| spawn(task_coroutine(i, random.next_f64(), i == 7)))
            .collect();
        let (done, pending) = wait(tasks, return_when, None)
            .await
            .expect("the tasks are this loop's");
        say!("main done: {} done, {} pending", done.len(), pending.len());
        for task in &done {
            if let Some(error) = task.failure() {
                say!("{}: {error}", task.name());
            }
        }
        for task in pending {
            task.cancel();
        }
    }
}

/// `asyncio.run(main())`, once for each way of waiting.
pub fn lesson(stage: &Stage) {
    stage.run(main_(stage.random())).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
