//! The twin of `cancel_gather.py`.

use std::time::Duration;

use coroasync::{TaskError, gather, on_cancel, say, sleep, spawn};

async fn child(name: &'static str, secs: u64) {
    let guard = on_cancel(move || say!("{name} cancelled"));
    say!("{name} starts");
    sleep(Duration::from_secs(secs)).await;
    say!("{name} done");
    guard.disarm();
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
