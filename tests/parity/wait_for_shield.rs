//! The twin of `wait_for_shield.py`.

use std::time::Duration;

use coroasync::{Elapsed, on_cancel, say, shield, sleep, spawn, wait_for};

async fn work(name: &'static str, secs: u64) -> &'static str {
    let guard = on_cancel(move || say!("{name} cancelled"));
    say!("{name} starts");
    sleep(Duration::from_secs(secs)).await;
    say!("{name} done");
    guard.disarm();
    name
}

pub async fn main() {
    if let Err(Elapsed) = wait_for(work("w1", 2), Duration::from_secs(1)).await {
        say!("w1 timed out");
    }
    let w2 = wait_for(work("w2", 1), Duration::from_secs(2)).await;
    say!("{}", w2.unwrap().unwrap());
    let task = spawn(work("w3", 2));
    if let Err(Elapsed) = wait_for(shield(&task), Duration::from_secs(1)).await {
        let done = if task.is_done() { "True" } else { "False" };
        say!("shielded w3 timed out; done: {done}");
    }
    say!("w3 result {}", task.await.unwrap());
}
