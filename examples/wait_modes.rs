//! From `asyncio-notes`, `asyncio.wait()`: wait for all tasks, for the first to
//! complete, or for the first to fail, and get back the `done` and `pending` ones.
//! `--return-when` picks the note's line (`ALL_COMPLETED`, as the note runs it, or one
//! of the two it comments out); with `FIRST_EXCEPTION`, task 7 fails, so that there
//! is an exception to return on. Python's random sleeps come from a seeded source
//! (`--seed`).

use std::str::FromStr;
use std::time::Duration;

use coroasync::{PyRepr, ReturnWhen, say, sleep, spawn, wait};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::seed("7"),
    Flag::new::<Mode>(
        "return-when",
        "ALL_COMPLETED",
        "ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION",
    ),
];

/// asyncio's name for a way of waiting.
struct Mode(ReturnWhen);

impl FromStr for Mode {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "ALL_COMPLETED" => Ok(Mode(ReturnWhen::AllCompleted)),
            "FIRST_COMPLETED" => Ok(Mode(ReturnWhen::FirstCompleted)),
            "FIRST_EXCEPTION" => Ok(Mode(ReturnWhen::FirstException)),
            other => Err(format!("no such way of waiting: {other}")),
        }
    }
}

/// Python's `raise Exception(message)` in a task: unwinds the task as a panic
/// does, for the loop to record as its failure, but without the panic hook's
/// report on standard error (see the page: Python prints nothing at a `raise`).
fn raise(message: String) -> ! {
    std::panic::resume_unwind(Box::new(message))
}

async fn task_coroutine(index: u32, value: f64, fails: bool) {
    say!("> task {index} executing");
    sleep(Duration::from_secs_f64(value)).await;
    if fails {
        raise(format!("task {index} failed"));
    }
    say!("> task {index} done after sleep {} seconds", value.py_str());
}

async fn main_(mut random: SplitMix64, return_when: ReturnWhen) {
    say!("main coroutine started");
    let fails = return_when == ReturnWhen::FirstException;
    let tasks: Vec<_> = (0..10)
        .map(|i| spawn(task_coroutine(i, random.next_f64(), fails && i == 7)))
        .collect();
    let (done, pending) = wait(tasks, return_when, None)
        .await
        .expect("the tasks are this loop's");
    say!("main done");
    if return_when != ReturnWhen::AllCompleted {
        say!("{} done, {} pending", done.len(), pending.len());
    }
    for task in &done {
        if let Some(error) = task.failure() {
            say!("{}: {error}", task.name());
        }
    }
}

/// `asyncio.run(main())`, waiting as `--return-when` says.
pub fn lesson(stage: &Stage) {
    let Mode(return_when) = stage.flag("return-when");
    stage
        .run(main_(stage.random(), return_when))
        .expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
