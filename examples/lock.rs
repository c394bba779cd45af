//! From `asyncio-notes`, "Assuming race conditions and deadlocks are not possible":
//! two tasks share a counter, first without a `Lock` (an update is lost), then with
//! one; then two tasks take two locks in opposite orders, and the loop reports the
//! deadlock where Python would wait for ever.

use std::cell::Cell;
use std::rc::Rc;

use coroasync::{Lock, RunError, gather, say, spawn_named, yield_now};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

async fn add_one(counter: Rc<Cell<u32>>, name: &str, times: u32) {
    for _ in 0..times {
        let value = counter.get();
        say!("{name} reads {value}");
        // another task runs between the read and the write
        yield_now().await;
        counter.set(value + 1);
        say!("{name} writes {}", counter.get());
    }
}

async fn add_one_locked(lock: Lock, counter: Rc<Cell<u32>>, times: u32) {
    for _ in 0..times {
        let _held = lock.acquire().await;
        let value = counter.get();
        yield_now().await;
        counter.set(value + 1);
    }
}

async fn take_both(name: &str, first: (&str, Lock), second: (&str, Lock)) {
    let (first_name, first_lock) = first;
    let (second_name, second_lock) = second;
    let _first = first_lock.acquire().await;
    say!("{name} holds {first_name}");
    yield_now().await;
    say!("{name} waits for {second_name}");
    let _second = second_lock.acquire().await;
    say!("{name} holds both");
}

async fn race() {
    let counter = Rc::new(Cell::new(0));
    let racers = [
        add_one(counter.clone(), "a", 2),
        add_one(counter.clone(), "b", 2),
    ];
    gather(racers).await.expect("neither panics");
    say!("without a lock: {}, not 4", counter.get());

    counter.set(0);
    let lock = Lock::new();
    let careful = [
        add_one_locked(lock.clone(), counter.clone(), 2),
        add_one_locked(lock.clone(), counter.clone(), 2),
    ];
    gather(careful).await.expect("neither panics");
    say!("with a lock: {}", counter.get());
}

async fn deadlock() {
    let x = Lock::new();
    let y = Lock::new();
    let a = spawn_named(
        "a",
        take_both("a", ("lock x", x.clone()), ("lock y", y.clone())),
    );
    let b = spawn_named("b", take_both("b", ("lock y", y), ("lock x", x)));
    // Python gathers the two inside `wait_for`; here the loop is left to find
    // that nothing can go on.
    a.await.expect("a does not panic");
    b.await.expect("b does not panic");
}

/// `asyncio.run(main())`, in two runs: the second never ends by itself.
pub fn lesson(stage: &Stage) {
    stage.run(race()).expect("the race ends");
    match stage.run(deadlock()) {
        Err(RunError::Deadlock(report)) => stage.say(format_args!("{report}")),
        other => stage.say(format_args!("no deadlock after all: {other:?}")),
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
