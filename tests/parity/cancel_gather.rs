//! The twin of `cancel_gather.py`.

use std::time::Duration;

use coroasync::{TaskError, gather, say, sleep, spawn};

struct OnCancel(&'static str, bool);

impl Drop for OnCancel {
    fn drop(&mut self) {
        if self.1 {
            say!("{} cancelled", self.0);
        }
    }
}

async fn child(name: &'static str, secs: u64) {
    let mut guard = OnCancel(name, true);
    say!("{name} starts");
    sleep(Duration::from_secs(secs)).await;
    say!("{name} done");
    guard.1 = false;
}

async fn parent() {
    say!("parent gathers");
    gather([child("c1", 5), child("c2", 10)]).await.unwrap();
    say!("parent done");
}

pub async fn main() {
    let task = spawn(parent());
    sleep(Duration::from_secs(1)).await;
    say!("cancelling the parent");
    task.cancel();
    if let Err(TaskError::Cancelled) = task.await {
        say!("parent cancelled");
    }
    sleep(Duration::from_secs(20)).await;
    say!("main done");
}
