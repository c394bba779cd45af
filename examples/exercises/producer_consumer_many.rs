//! `module-3`'s practice for "Producers and consumers": three producers and three
//! consumers on the bounded queue, the producers awaited together with `gather`
//! (1). With `--fail true`, a consumer fails at random before `task_done`, as the
//! note's snippet makes it (2): then `join` waits for an item nobody will finish,
//! and the loop, with every task waiting and no timer left, stops and says so.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{PyRepr, Queue, gather, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This exercise runs on coroasync, as its lesson does.
pub const KIND: Kind = Kind::Futures;

/// The flags this exercise takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<bool>(
        "fail",
        "false",
        "Make consumers fail at random (practice 2)",
    ),
    Flag::seed("7"),
];

async fn producer(tid: u32, queue: Queue<String>) {
    for i in 0..3 {
        say!("    {tid}: sending a message: {i}");
        queue.put(format!("message {i}")).await;
    }
}

async fn consumer(tid: u32, queue: Queue<String>, random: Rc<RefCell<SplitMix64>>, fail: bool) {
    loop {
        let value = queue.get().await;
        say!("    {tid}: got value {}", value.py_repr());
        // Simulate hard working
        let working = random.borrow_mut().next_f64();
        sleep(Duration::from_secs_f64(working)).await;
        if fail && random.borrow_mut().next_f64() > 0.5 {
            say!("    {tid}: going to fail now");
            panic!("{value}");
        }
        say!("    {tid}: finished processing {}", value.py_repr());
        queue.task_done().expect("one task_done per item");
    }
}

async fn main_(random: SplitMix64, fail: bool) {
    let random = Rc::new(RefCell::new(random));
    let queue = Queue::new(1);
    let consumer_tasks: Vec<_> = (0..3)
        .map(|tid| spawn(consumer(tid, queue.clone(), Rc::clone(&random), fail)))
        .collect();
    let producer_tasks: Vec<_> = (0..3)
        .map(|tid| spawn(producer(tid, queue.clone())))
        .collect();

    gather(producer_tasks).await.expect("the producers finish");
    queue.join().await;

    for task in &consumer_tasks {
        task.cancel();
    }
    say!("Finished");
}

/// `await main()`; a run that can never finish ends with the loop's report.
pub fn lesson(stage: &Stage) {
    let fail = stage.flag("fail");
    if let Err(error) = stage.run(main_(stage.random(), fail)) {
        stage.say(format_args!("The loop stopped: {error}"));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
