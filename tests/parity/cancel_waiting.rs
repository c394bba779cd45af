//! The twin of `cancel_waiting.py`. Python's `except CancelledError` becomes an
//! `on_cancel` guard, which runs when the cancelled task's future is dropped.

use coroasync::{Queue, TaskError, gather_settled, on_cancel, say, spawn, yield_now};

async fn getter(name: &'static str, queue: Queue<&'static str>) {
    let guard = on_cancel(move || say!("{name} cancelled"));
    let value = queue.get().await;
    guard.disarm();
    say!("{name} got {value}");
}

pub async fn main() {
    let queue = Queue::new(0);
    let g1 = spawn(getter("g1", queue.clone()));
    let g2 = spawn(getter("g2", queue.clone()));
    let g3 = spawn(getter("g3", queue.clone()));
    yield_now().await;
    queue.put_nowait("x").unwrap();
    g1.cancel();
    g3.cancel();
    say!("cancelled g1 and g3");
    yield_now().await;
    say!("main after one yield");
    yield_now().await;
    say!("qsize {}", queue.qsize());
    let results = gather_settled([g1, g2, g3]).await;
    let shown: Vec<String> = results
        .iter()
        .map(|r| match r {
            Err(TaskError::Cancelled) => "'cancelled'".to_owned(),
            _ => "None".to_owned(),
        })
        .collect();
    say!("[{}]", shown.join(", "));
}
