//! The twin of `queue_3x3.py`.

use std::time::Duration;

use coroasync::{Queue, gather, say, sleep, spawn};

async fn producer(tid: usize, queue: Queue<String>) {
    for i in 0..3 {
        say!("{tid}: sending a message: {i}");
        queue.put(format!("message {i}")).await;
    }
}

/// Distinct working times, so no two timers share a deadline (see the Python).
const WORK: [f64; 3] = [1.0, 1.5625, 2.1328125];

async fn consumer(tid: usize, queue: Queue<String>) {
    loop {
        let value = queue.get().await;
        say!("{tid}: got value '{value}'");
        sleep(Duration::from_secs_f64(WORK[tid])).await;
        say!("{tid}: finished '{value}'");
        queue.task_done().unwrap();
    }
}

pub async fn main() {
    let queue = Queue::new(1);
    let consumers: Vec<_> = (0..3)
        .map(|tid| spawn(consumer(tid, queue.clone())))
        .collect();
    let producers: Vec<_> = (0..3)
        .map(|tid| spawn(producer(tid, queue.clone())))
        .collect();
    gather(producers).await.unwrap();
    say!("all sent");
    queue.join().await;
    for task in &consumers {
        task.cancel();
    }
    say!("Finished");
}
