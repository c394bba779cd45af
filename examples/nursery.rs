//! From `friday-talk`, "Are there better options? Trio": a nursery (asyncio 3.11's
//! `TaskGroup`) owns its tasks; when one fails, the others are cancelled and every
//! failure is reported together (trio's `MultiError`).

use std::time::Duration;

use coroasync::{TaskError, TaskGroup, say, sleep};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// Python's `raise Exception(message)` in a task: unwinds the task as a panic
/// does, for the loop to record as its failure, but without the panic hook's
/// report on standard error (see the page: Python prints nothing at a `raise`).
fn raise(message: String) -> ! {
    std::panic::resume_unwind(Box::new(message))
}

async fn counter_coro(begin: u32, end: u32) -> &'static str {
    let boom = 42;
    for i in begin..end {
        say!("{i}");
        if i == boom {
            raise("The answer!".to_owned());
        }
        sleep(Duration::from_millis(100)).await;
    }
    "The end"
}

async fn boom() {
    let zero = std::hint::black_box(0);
    let _ = 1 / zero;
}

async fn parent() {
    let nursery = TaskGroup::new();
    nursery.spawn(counter_coro(42, 120));
    nursery.spawn(counter_coro(35, 80));
    nursery.spawn(boom());
    if let Err(errors) = nursery.join().await {
        let shown: Vec<String> = errors
            .errors
            .iter()
            .map(|(_, error)| match error {
                TaskError::Panicked(message) => message.clone(),
                other => other.to_string(),
            })
            .collect();
        say!("MultiError: {}", shown.join(", "));
    }
}

/// `trio.run(parent)`.
pub fn lesson(stage: &Stage) {
    stage.run(parent()).expect("the parent finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
