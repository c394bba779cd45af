//! `module-3`'s practice for "Collecting tasks": what happens when a child fails
//! (1), the same with `return_exceptions=True` (1.1), and cancelling the others
//! when one fails (1.2). A child fails by panicking, Rust's uncaught exception.

use std::time::Duration;

use coroasync::{PyRepr, TaskError, gather, gather_settled, say, sleep, spawn};
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

async fn child(name: &'static str, steps: u64, fail_at: Option<u64>) -> &'static str {
    for step in 1..=steps {
        sleep(Duration::from_secs(1)).await;
        if Some(step) == fail_at {
            say!("  {name}: failing!");
            raise(format!("{name} broke"));
        }
        say!("  {name}: step {step}");
    }
    say!("  {name}: exiting!");
    name
}

fn shown(error: &TaskError) -> String {
    match error {
        TaskError::Panicked(message) => format!("Exception({})", message.py_repr()),
        other => other.to_string(),
    }
}

async fn main_() {
    say!("1: one child fails");
    match gather([child("child1", 3, None), child("child2", 3, Some(2))]).await {
        Ok(names) => say!("{}", names.py_str()),
        Err(error) => {
            say!(
                "The main task failed with {} let's see what happens now.",
                shown(&error)
            );
            // The other child keeps running.
            sleep(Duration::from_secs(5)).await;
        }
    }

    say!("1.1: return_exceptions=True");
    let results = gather_settled([child("child1", 3, None), child("child2", 3, Some(2))]).await;
    for result in &results {
        match result {
            Ok(name) => say!("{name}"),
            Err(error) => say!("{}", shown(error)),
        }
    }

    say!("1.2: cancel the others when one fails");
    let tasks = [
        spawn(child("child1", 3, None)),
        spawn(child("child2", 3, Some(2))),
    ];
    let others: Vec<_> = tasks.iter().map(|task| task.to_ref()).collect();
    if let Err(error) = gather(tasks).await {
        for task in &others {
            task.cancel();
        }
        say!("cancelled the others after {}", shown(&error));
        sleep(Duration::from_secs(5)).await;
    }
    say!("done");
}

/// The three variants, one after the other.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
