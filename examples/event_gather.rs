//! From `friday-talk`, "Dealing with multiple tasks": counters that may set an `Event`
//! at random, a waiter that fails once it is set, all gathered; `--return-exceptions
//! true` uncomments the note's `return_exceptions=True`. Python's `random.randint(1, 20) == 8` comes from a seeded
//! source (`--seed`, 6 unless given).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{Event, PyRepr, TaskError, gather, gather_settled, say, sleep, spawn};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::seed("6"),
    Flag::new::<bool>(
        "return-exceptions",
        "false",
        "Gather with return_exceptions=True",
    ),
];

type Random = Rc<RefCell<SplitMix64>>;

/// Python's `raise Exception(message)` in a task: unwinds the task as a panic
/// does, for the loop to record as its failure, but without the panic hook's
/// report on standard error (see the page: Python prints nothing at a `raise`).
fn raise(message: String) -> ! {
    std::panic::resume_unwind(Box::new(message))
}

async fn counter_coro(begin: u32, end: u32, event: Event, random: Random) -> String {
    let boom = 42;
    for i in begin..end {
        say!("{i}");
        if random.borrow_mut().randint(1, 20) == 8 {
            event.set();
        }
        if i == boom {
            raise("The answer!".to_owned());
        }
        sleep(Duration::from_millis(100)).await;
    }
    "The end".to_owned()
}

async fn waiter(event: Event) -> String {
    event.wait().await;
    raise("Ooops!".to_owned());
}

fn message(error: &TaskError) -> String {
    match error {
        TaskError::Panicked(message) => message.clone(),
        other => other.to_string(),
    }
}

/// `asyncio.run(main())`, and again with `return_exceptions=True`.
pub fn lesson(stage: &Stage) {
    // Seed 6 sets the event after a few rounds, as in the note's own run.
    let random: Random = Rc::new(RefCell::new(SplitMix64::new(stage.flag("seed"))));
    if stage.flag("return-exceptions") {
        stage.run(gather_settling(random)).expect("main finishes");
        return;
    }
    stage
        .run(async move {
            let event = Event::new();
            // Different coroutines, one result type: spawned, they are all `Task<String>`.
            let bunch = gather([
                spawn(counter_coro(100, 120, event.clone(), Rc::clone(&random))),
                spawn(counter_coro(35, 80, event.clone(), Rc::clone(&random))),
                spawn(waiter(event)),
            ]);
            // Python's `type(bunch)`: the future `gather` returns, named as the
            // compiler names it.
            say!("{}", std::any::type_name_of_val(&bunch));
            match bunch.await {
                Ok(results) => say!("{}", results.py_str()),
                Err(error) => say!("{}", message(&error)),
            }
        })
        .expect("main finishes");
}

/// The note's `main` with `return_exceptions=True`.
async fn gather_settling(random: Random) {
    let event = Event::new();
    let results = gather_settled([
        spawn(counter_coro(100, 120, event.clone(), Rc::clone(&random))),
        spawn(counter_coro(35, 80, event.clone(), Rc::clone(&random))),
        spawn(waiter(event)),
    ])
    .await;
    let shown: Vec<String> = results
        .iter()
        .map(|result| match result {
            Ok(value) => value.py_repr().to_string(),
            Err(error) => format!("Exception({})", message(error).py_repr()),
        })
        .collect();
    say!("[{}]", shown.join(", "));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
