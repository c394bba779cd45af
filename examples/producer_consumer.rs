//! From `module-3`, "Producers and consumers": a bounded queue (maxsize 1) between a
//! producer and a consumer; `join` waits until every item is processed. Python's
//! random working times come from a seeded source (`--seed`).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{PyRepr, Queue, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::seed("7")];

async fn producer(queue: Queue<String>) {
    for i in 0..3 {
        say!("    sending a message: {i}");
        queue.put(format!("message {i}")).await;
    }
}

async fn consumer(queue: Queue<String>, random: Rc<RefCell<SplitMix64>>) {
    loop {
        let value = queue.get().await;
        say!("    got value {}", value.py_repr());
        // Simulate hard working
        let working = random.borrow_mut().next_f64();
        sleep(Duration::from_secs_f64(working)).await;
        say!("    finished processing {}", value.py_repr());
        queue.task_done().expect("one task_done per item");
    }
}

async fn main_(random: SplitMix64) {
    let queue = Queue::new(1);
    let consumer_task = spawn(consumer(queue.clone(), Rc::new(RefCell::new(random))));
    let producer_task = spawn(producer(queue.clone()));

    producer_task.await.expect("the producer finishes");
    queue.join().await;

    consumer_task.cancel();
    say!("Finished");
}

/// `await main()`.
pub fn lesson(stage: &Stage) {
    stage.run(main_(stage.random())).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
