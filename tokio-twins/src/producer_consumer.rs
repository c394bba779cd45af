//! `producer-consumer` on tokio: one producer, one consumer, a queue of one.
//!
//! What changed from the `coroasync` lesson:
//! - `Queue::new(1)` is `mpsc::channel(1)`: a sender and a receiver instead of one
//!   shared queue. tokio's channel has no `task_done`/`join`; the producer drops its
//!   sender when done, and the consumer's `recv()` returns `None` once the channel
//!   is empty: the end is in the channel, not a `cancel()`.
//! - Tasks must be `Send + 'static`: they may move between threads, so the
//!   random source is an `Arc<Mutex<…>>`, not an `Rc<RefCell<…>>`.
//! - The order is no longer asyncio's: the two tasks run on two threads at
//!   once, so the lines interleave differently from run to run. Each task's own
//!   lines keep their order.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::mpsc;

use crate::Output;

async fn producer(queue: mpsc::Sender<String>, out: Output) {
    for i in 0..3 {
        out.say(format!("    sending a message: {i}"));
        if queue.send(format!("message {i}")).await.is_err() {
            return; // the consumer has gone
        }
    }
    // `queue` is dropped here: the channel closes once the consumer empties it.
}

async fn consumer(
    mut queue: mpsc::Receiver<String>,
    work: Arc<Mutex<dyn FnMut() -> Duration + Send>>,
    out: Output,
) {
    while let Some(value) = queue.recv().await {
        out.say(format!("    got value '{value}'"));
        // Simulate hard working
        let working = (work.lock().unwrap_or_else(PoisonError::into_inner))();
        tokio::time::sleep(working).await;
        out.say(format!("    finished processing '{value}'"));
    }
}

/// The program: `work` says how long each item takes (the lesson draws it at
/// random).
pub async fn main(work: impl FnMut() -> Duration + Send + 'static, out: Output) {
    let (sender, receiver) = mpsc::channel(1);
    let work = Arc::new(Mutex::new(work));
    let consumer_task = tokio::spawn(consumer(receiver, work, out.clone()));
    let producer_task = tokio::spawn(producer(sender, out.clone()));

    producer_task.await.expect("the producer finishes");
    consumer_task.await.expect("the consumer finishes");
    out.say("Finished");
}
