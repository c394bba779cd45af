//! The twin of `as_completed.py`.

use std::time::Duration;

use coroasync::{as_completed, say, sleep, spawn};

async fn get_double(n: u32, secs: f64) -> (u32, u32) {
    say!("    {n}: thinking on a double...");
    sleep(Duration::from_secs_f64(secs)).await;
    say!("    {n}: got it: {}", n * 2);
    (n, n * 2)
}

pub async fn main() {
    let numbers = [(3, 0.5), (1, 0.25), (4, 0.875), (2, 0.125), (5, 0.625)];
    let tasks: Vec<_> = numbers
        .iter()
        .map(|&(n, s)| spawn(get_double(n, s)))
        .collect();
    let mut results = as_completed(tasks);
    let mut result = Vec::new();
    while let Some(next) = results.next().await {
        let (key, value) = next.unwrap();
        say!("main received {key}");
        result.push(format!("{key}: {value}"));
    }
    say!("{{{}}}", result.join(", "));
}
