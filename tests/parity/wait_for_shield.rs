//! The twin of `wait_for_shield.py`.

use std::time::Duration;

use coroasync::{Elapsed, say, shield, sleep, spawn, wait_for};

struct OnCancel(&'static str, bool);

impl Drop for OnCancel {
    fn drop(&mut self) {
        if self.1 {
            say!("{} cancelled", self.0);
        }
    }
}

async fn work(name: &'static str, secs: u64) -> &'static str {
    let mut guard = OnCancel(name, true);
    say!("{name} starts");
    sleep(Duration::from_secs(secs)).await;
    say!("{name} done");
    guard.1 = false;
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
