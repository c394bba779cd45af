//! From `module-3`, "Producers and consumers": three producers, three consumers, and a
//! monitor that waits for the work with `wait_for(shield(...))`, and on each
//! timeout checks the consumers with `wait(..., FIRST_EXCEPTION)`, so a failed
//! consumer cannot leave `join` blocked forever. Python's random working times
//! come from a seeded source (`--seed`); `--fail` makes a consumer fail at random,
//! as the note's practice suggests.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Elapsed, PyRepr, Queue, ReturnWhen, Task, TaskError, gather, say, shield, sleep, spawn, wait,
    wait_for,
};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<bool>("fail", "false", "Make consumers fail at random"),
    Flag::seed("7"),
];

type Random = Rc<RefCell<SplitMix64>>;

async fn monitor_consumers(
    consumers: Vec<Task<()>>,
    checkpoint: &Task<Result<Vec<()>, TaskError>>,
    timeout: Duration,
) -> Result<(), TaskError> {
    let mut consumers = consumers;
    loop {
        match wait_for(shield(checkpoint), timeout).await {
            Ok(result) => return result.and_then(|gathered| gathered).map(drop),
            Err(Elapsed) => {
                let (done, pending) =
                    wait(consumers, ReturnWhen::FirstException, Some(timeout)).await?;
                // If there is an exception in a consumer, it is raised here:
                for task in &done {
                    if let Some(error) = task.failure() {
                        return Err(error);
                    }
                }
                consumers = done.into_iter().chain(pending).collect();
            }
        }
    }
}

async fn producer(tid: u32, queue: Queue<String>) {
    for i in 0..3 {
        say!("    {tid}: sending a message: {i}");
        queue.put(format!("message {i}")).await;
    }
}

/// Python's `raise Exception(message)` in a task: unwinds the task as a panic
/// does, for the loop to record as its failure, but without the panic hook's
/// report on standard error (see the page: Python prints nothing at a `raise`).
fn raise(message: String) -> ! {
    std::panic::resume_unwind(Box::new(message))
}

async fn consumer(tid: u32, queue: Queue<String>, random: Random, fail: bool) {
    loop {
        let value = queue.get().await;
        // Simulate hard working
        let working = random.borrow_mut().next_f64();
        sleep(Duration::from_secs_f64(working)).await;
        if fail && random.borrow_mut().next_f64() > 0.5 {
            say!("    {tid}: going to fail now");
            raise(value);
        }
        say!("    {tid}: got value {}", value.py_repr());
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
    let handles: Vec<_> = consumer_tasks.iter().map(Task::to_ref).collect();

    // `asyncio.gather(queue.join(), *producer_tasks)`, spawned so the monitor can
    // shield it again at every round.
    let joined = spawn(async move { queue.join().await });
    let checkpoint = spawn(gather(std::iter::once(joined).chain(producer_tasks)));
    let outcome = monitor_consumers(consumer_tasks, &checkpoint, Duration::from_secs(1)).await;
    for task in &handles {
        task.cancel();
    }
    match outcome {
        Ok(()) => say!("Finished"),
        Err(TaskError::Panicked(message)) => {
            say!(
                "The main task failed with ValueError({}) let's see what happens now.",
                message.py_repr()
            )
        }
        Err(error) => say!("The main task failed with {error}"),
    }
}

/// `await main()`.
pub fn lesson(stage: &Stage) {
    let fail = stage.flag("fail");
    stage
        .run(main_(stage.random(), fail))
        .expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
