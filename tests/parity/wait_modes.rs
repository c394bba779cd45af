//! The twin of `wait_modes.py`. `wait` keeps the order tasks were given in; the
//! Python's are sets, so both sides print the names sorted.

use std::time::Duration;

use coroasync::{ReturnWhen, Task, TaskError, say, sleep, spawn_named, wait};

async fn job(name: &'static str, secs: u64, fail: bool) -> &'static str {
    say!("{name} starts");
    sleep(Duration::from_secs(secs)).await;
    if fail {
        panic!("{name} failed");
    }
    say!("{name} ends");
    name
}

fn names(tasks: &[Task<&'static str>]) -> String {
    let mut names: Vec<String> = tasks.iter().map(|t| format!("'{}'", t.name())).collect();
    names.sort();
    format!("[{}]", names.join(", "))
}

pub async fn main() {
    let tasks: Vec<_> = [("a", 3), ("b", 1), ("c", 2)]
        .into_iter()
        .map(|(n, s)| spawn_named(n, job(n, s, false)))
        .collect();
    let (done, pending) = wait(tasks, ReturnWhen::FirstCompleted, None).await.unwrap();
    say!(
        "first completed: done {} pending {}",
        names(&done),
        names(&pending)
    );
    let tasks: Vec<_> = done.into_iter().chain(pending).collect();
    let (done, pending) = wait(
        tasks,
        ReturnWhen::AllCompleted,
        Some(Duration::from_secs_f64(1.5)),
    )
    .await
    .unwrap();
    say!("timeout: done {} pending {}", names(&done), names(&pending));

    let tasks = vec![
        spawn_named("x", job("x", 5, false)),
        spawn_named("y", job("y", 2, true)),
        spawn_named("z", job("z", 1, false)),
    ];
    let (done, pending) = wait(tasks, ReturnWhen::FirstException, None).await.unwrap();
    say!(
        "first exception: done {} pending {}",
        names(&done),
        names(&pending)
    );
    for task in &done {
        if let Some(TaskError::Panicked(message)) = task.failure() {
            say!("{}: {message}", task.name());
        }
    }
    let tasks: Vec<_> = done.into_iter().chain(pending).collect();
    let (done, pending) = wait(tasks, ReturnWhen::AllCompleted, None).await.unwrap();
    say!("all: done {} pending {}", names(&done), names(&pending));
}
