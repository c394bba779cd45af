//! The twin of `task_group.py`.

use std::time::Duration;

use coroasync::{TaskError, TaskGroup, on_cancel, say, sleep};

async fn counter(name: &'static str, n: u32, boom: Option<u32>) {
    let guard = on_cancel(move || say!("{name} cancelled"));
    for i in 0..n {
        say!("{name} {i}");
        if Some(i) == boom {
            // A panic does not run the guard: it is not a cancellation.
            panic!("{name} boom");
        }
        sleep(Duration::from_secs(1)).await;
    }
    guard.disarm();
}

pub async fn main() {
    let group = TaskGroup::new();
    group.spawn(counter("a", 5, None));
    group.spawn(counter("b", 5, Some(2)));
    group.spawn(counter("c", 1, None));
    say!("body done");
    if let Err(error) = group.join().await {
        let messages: Vec<String> = error
            .errors
            .iter()
            .map(|(_, e)| match e {
                TaskError::Panicked(message) => format!("'{message}'"),
                other => format!("'{other}'"),
            })
            .collect();
        say!("errors: [{}]", messages.join(", "));
    }
    say!("after the group");
}
