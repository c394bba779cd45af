//! The twin of `gather_failure.py`. Python's `raise` in a task is a panic here:
//! it fails the task, and `gather` hands the panic's message on as the error.

use std::time::Duration;

use coroasync::{TaskError, gather, gather_settled, say, sleep};

async fn counter(name: &'static str, begin: u32, end: u32, boom: Option<u32>) -> String {
    for i in begin..end {
        say!("{name} {i}");
        if Some(i) == boom {
            panic!("{name} says boom at {i}");
        }
        sleep(Duration::from_secs_f64(if name == "a" {
            1.0
        } else {
            1.25
        }))
        .await;
    }
    format!("{name} finished")
}

pub async fn main() {
    match gather([counter("a", 0, 4, None), counter("b", 10, 14, Some(11))]).await {
        Ok(values) => say!("{values:?}"),
        Err(TaskError::Panicked(message)) => say!("caught: {message}"),
        Err(other) => say!("caught: {other}"),
    }
    sleep(Duration::from_secs(10)).await;
    say!("---");
    let results = gather_settled([counter("a", 0, 2, None), counter("b", 10, 14, Some(11))]).await;
    let shown: Vec<String> = results
        .into_iter()
        .map(|r| match r {
            Ok(value) => format!("'{value}'"),
            Err(TaskError::Panicked(message)) => format!("'{message}'"),
            Err(other) => format!("'{other}'"),
        })
        .collect();
    say!("[{}]", shown.join(", "));
}
