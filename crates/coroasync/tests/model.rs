//! Random programs run on coroasync and on a small reference model
//! (`model/reference.rs`), which must agree on every printed line, on how every
//! task ends, and on which tasks (if any) deadlock. Invariants are checked along
//! the way: no lock is ever held twice, no more permits are out than the semaphore
//! has, and every lock and permit is back once their holders are gone.
//!
//! The programs use every primitive: events, two queues (one bounded), two locks,
//! a semaphore of two permits, child tasks that are joined, `wait_for` around each
//! of them (Event.wait, Queue.get and put, Lock and Semaphore acquire, a child's
//! join), cancellation, panics, and wake-ups from another thread, delivered by the
//! host between passes (one after every pass, oldest waiter first).
//!
//! The same programs also run under shuffled orders (`model/shuffled.rs`), where
//! the model's order no longer applies: there every item put is got once or left
//! in its queue, the invariants hold, and a deadlock is a real one (no task waits
//! on what could wake it).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use coroasync::{
    Event, EventLoop, Lock, LockGuard, Order, Queue, Semaphore, SemaphorePermit, Task, TaskError,
    TaskRef, gather, say, sleep, spawn, wait_for, yield_now,
};
use corotrace::Trace;
use proptest::prelude::*;

#[path = "model/reference.rs"]
mod reference;
#[path = "model/replay.rs"]
mod replay;
#[path = "model/shuffled.rs"]
mod shuffled;

/// What a `wait_for` can be put around, and what a task can wait in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prim {
    Event(u8),
    Get(u8),
    Put(u8),
    Lock(u8),
    Acquire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Yield,
    Sleep(u8),
    /// Spawns a child that sleeps this long (0: not at all) and says a line.
    Spawn(u8),
    /// Awaits the last child spawned (if not joined yet).
    Join,
    /// `wait_for` of the last child spawned, with this many seconds.
    TimedJoin(u8),
    /// `gather` of the last child spawned (if not joined yet).
    Gather,
    Cancel(u8),
    Set(u8),
    Wait(u8),
    Put(u8),
    Get(u8),
    Lock(u8),
    Unlock(u8),
    Acquire,
    Release,
    /// Waits for a wake-up from another thread.
    Remote,
    /// `wait_for` around a primitive, with this many seconds.
    Timed(Prim, u8),
    Panic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum End {
    Completed,
    Cancelled,
    Panicked(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    lines: Vec<String>,
    ends: Vec<Option<End>>,
    deadlocked: Vec<usize>,
}

/// Queue 0 is unbounded, queue 1 holds one item.
const CAPACITY: [usize; 2] = [0, 1];
/// The semaphore's permits.
const PERMITS: usize = 2;

fn prim() -> impl Strategy<Value = Prim> {
    prop_oneof![
        (0u8..2).prop_map(Prim::Event),
        (0u8..2).prop_map(Prim::Get),
        (0u8..2).prop_map(Prim::Put),
        (0u8..2).prop_map(Prim::Lock),
        Just(Prim::Acquire),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Yield),
        2 => (1u8..4).prop_map(Op::Sleep),
        2 => (0u8..3).prop_map(Op::Spawn),
        2 => Just(Op::Join),
        1 => (1u8..3).prop_map(Op::TimedJoin),
        1 => Just(Op::Gather),
        1 => any::<u8>().prop_map(Op::Cancel),
        3 => (0u8..2).prop_map(Op::Set),
        1 => (0u8..2).prop_map(Op::Wait),
        2 => (0u8..2).prop_map(Op::Put),
        1 => (0u8..2).prop_map(Op::Get),
        2 => (0u8..2).prop_map(Op::Lock),
        2 => (0u8..2).prop_map(Op::Unlock),
        2 => Just(Op::Acquire),
        2 => Just(Op::Release),
        1 => Just(Op::Remote),
        4 => (prim(), 1u8..4).prop_map(|(prim, s)| Op::Timed(prim, s)),
        1 => Just(Op::Panic),
    ]
}

fn program() -> impl Strategy<Value = Vec<Vec<Op>>> {
    prop::collection::vec(prop::collection::vec(op(), 0..7), 1..50)
}

/// A release, an unlock, a set, a put or a get: what wakes a waiter.
fn release() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Release),
        (0u8..2).prop_map(Op::Unlock),
        (0u8..2).prop_map(Op::Set),
        (0u8..2).prop_map(Op::Put),
        (0u8..2).prop_map(Op::Get),
    ]
}

/// An op that waits while task 0 holds everything.
fn wait_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Acquire),
        (0u8..2).prop_map(Op::Lock),
        Just(Op::Get(0)),
        Just(Op::Put(1)),
        (0u8..2).prop_map(Op::Wait),
    ]
}

/// Task 0 takes both permits, both locks and the room of queue 1, lets the
/// others (tasks 1 to 4) queue up, then cancels some of them, each in the same step as a
/// release, an unlock, a set, a put or a get: the waiter cancelled must be passed
/// by (rule 11), and nothing lost.
fn same_step_program() -> impl Strategy<Value = Vec<Vec<Op>>> {
    let pair = (1u8..5, release()).prop_map(|(j, op)| [Op::Cancel(j), op]);
    let main = (
        prop::collection::vec(pair, 1..5),
        prop::collection::vec(op(), 0..3),
    )
        .prop_map(|(pairs, rest)| {
            let mut ops = vec![
                Op::Acquire,
                Op::Acquire,
                Op::Lock(0),
                Op::Lock(1),
                Op::Put(1),
            ];
            ops.push(Op::Yield);
            ops.extend(pairs.into_iter().flatten());
            ops.extend(rest);
            ops
        });
    let other = (
        prop::collection::vec(wait_op(), 1..3),
        prop::collection::vec(op(), 0..3),
    )
        .prop_map(|(waits, rest)| waits.into_iter().chain(rest).collect::<Vec<_>>());
    // A last task yields step after step: its lines show a waiter running a
    // hop late.
    (main, prop::collection::vec(other, 1..5)).prop_map(|(main, others)| {
        let ticker = vec![Op::Yield; 8];
        std::iter::once(main)
            .chain(others)
            .chain([ticker])
            .collect()
    })
}

// ---------------------------------------------------------------------------
// The real run, on coroasync.

/// A wake-up slot a task waits on and another thread fires.
#[derive(Default)]
struct RemoteSlot {
    woken: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

struct Shared {
    events: [Event; 2],
    queues: [Queue<usize>; 2],
    locks: [Lock; 2],
    holders: [Cell<usize>; 2],
    sem: Semaphore,
    permits_out: Cell<usize>,
    remote: RefCell<VecDeque<Arc<RemoteSlot>>>,
    tasks: RefCell<Vec<TaskRef>>,
    /// What each task of the program waits in, while it does (`Blocked`).
    blocked: RefCell<Vec<Option<Prim>>>,
}

/// A held lock that counts its holders, so two at once fail the test.
struct Held {
    guard: Option<LockGuard>,
    lock: usize,
    shared: Rc<Shared>,
}

impl Held {
    fn new(guard: LockGuard, lock: usize, shared: &Rc<Shared>) -> Self {
        let holders = &shared.holders[lock];
        holders.set(holders.get() + 1);
        assert!(holders.get() <= 1, "lock {lock} held twice");
        Self {
            guard: Some(guard),
            lock,
            shared: Rc::clone(shared),
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let holders = &self.shared.holders[self.lock];
        holders.set(holders.get() - 1);
        self.guard.take();
    }
}

/// A permit that counts how many are out, so more than the semaphore has fails.
struct Permit {
    permit: Option<SemaphorePermit>,
    shared: Rc<Shared>,
}

impl Permit {
    fn new(permit: SemaphorePermit, shared: &Rc<Shared>) -> Self {
        let out = &shared.permits_out;
        out.set(out.get() + 1);
        assert!(
            out.get() <= PERMITS,
            "more permits out than the semaphore has"
        );
        Self {
            permit: Some(permit),
            shared: Rc::clone(shared),
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let out = &self.shared.permits_out;
        out.set(out.get() - 1);
        self.permit.take();
    }
}

/// Waits until the host fires its slot from another thread.
struct RemoteWait {
    slot: Option<Arc<RemoteSlot>>,
    shared: Rc<Shared>,
}

impl Future for RemoteWait {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let slot = match &self.slot {
            Some(slot) if slot.woken.load(Ordering::SeqCst) => return Poll::Ready(()),
            Some(slot) => Arc::clone(slot),
            None => {
                let slot = Arc::new(RemoteSlot::default());
                self.shared.remote.borrow_mut().push_back(Arc::clone(&slot));
                self.slot = Some(Arc::clone(&slot));
                slot
            }
        };
        *slot.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for RemoteWait {
    fn drop(&mut self) {
        if let Some(slot) = &self.slot {
            let mut remote = self.shared.remote.borrow_mut();
            remote.retain(|other| !Arc::ptr_eq(other, slot));
        }
    }
}

/// The host: fires the oldest remote slot from a thread of its own, and has
/// waited for that thread before it returns (the wake is in the loop's inbox).
fn deliver_remote(shared: &Shared) -> bool {
    let Some(slot) = shared.remote.borrow_mut().pop_front() else {
        return false;
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            slot.woken.store(true, Ordering::SeqCst);
            if let Some(waker) = slot.waker.lock().unwrap().take() {
                waker.wake();
            }
        });
    });
    true
}

async fn run_task(i: usize, ops: Vec<Op>, shared: Rc<Shared>) {
    // Dropped in reverse order, after the pending wait: the child's handle (which
    // does nothing), the permits, the locks (0 before 1), as the model has it.
    let mut held: [Option<Held>; 2] = [None, None];
    let mut permits: Vec<Permit> = Vec::new();
    let mut child: Option<Task<()>> = None;
    for (k, op) in ops.into_iter().enumerate() {
        match op {
            Op::Yield => yield_now().await,
            Op::Sleep(s) => sleep(secs(s)).await,
            Op::Spawn(delay) => {
                child = Some(spawn(async move {
                    if delay > 0 {
                        sleep(secs(delay)).await;
                    }
                    say!("c{i}.{k}");
                }));
            }
            Op::Join => {
                if let Some(child) = child.take() {
                    let how = joined(child.await);
                    say!("t{i}.{k} joined {how}");
                }
            }
            Op::Gather => {
                if let Some(child) = child.take() {
                    let how = gather([child]).await.map(|_| ());
                    say!("t{i}.{k} gathered {}", joined(how));
                }
            }
            Op::TimedJoin(s) => {
                if let Some(child) = child.take() {
                    match wait_for(child, secs(s)).await {
                        Ok(result) => say!("t{i}.{k} joined {}", joined(result)),
                        Err(_) => say!("t{i}.{k} timeout"),
                    }
                }
            }
            Op::Cancel(j) => {
                let target = shared.tasks.borrow().get(j as usize % 50).cloned();
                if let Some(task) = target {
                    task.cancel();
                }
            }
            Op::Set(e) => shared.events[e as usize].set(),
            Op::Wait(e) => {
                let _blocked = shuffled::Blocked::on(&shared, i, Prim::Event(e));
                shared.events[e as usize].wait().await;
            }
            Op::Put(q) => {
                let _blocked = shuffled::Blocked::on(&shared, i, Prim::Put(q));
                shared.queues[q as usize].put(i * 100 + k).await;
            }
            Op::Get(q) => {
                let _blocked = shuffled::Blocked::on(&shared, i, Prim::Get(q));
                let value = shared.queues[q as usize].get().await;
                say!("t{i}.{k} got {value}");
            }
            Op::Lock(l) => {
                let blocked = shuffled::Blocked::on(&shared, i, Prim::Lock(l));
                let guard = shared.locks[l as usize].acquire().await;
                drop(blocked);
                held[l as usize] = Some(Held::new(guard, l as usize, &shared));
            }
            Op::Unlock(l) => held[l as usize] = None,
            Op::Acquire => {
                let blocked = shuffled::Blocked::on(&shared, i, Prim::Acquire);
                let permit = shared.sem.acquire().await;
                drop(blocked);
                permits.push(Permit::new(permit, &shared));
            }
            Op::Release => drop(permits.pop()),
            Op::Remote => {
                let shared = Rc::clone(&shared);
                RemoteWait { slot: None, shared }.await;
            }
            Op::Timed(prim, s) => {
                let got = timed(prim, secs(s), i * 100 + k, &shared).await;
                match got {
                    None => say!("t{i}.{k} timeout"),
                    Some(Got::Nothing) => {}
                    Some(Got::Item(value)) => say!("t{i}.{k} got {value}"),
                    Some(Got::Lock(l, guard)) => held[l] = Some(Held::new(guard, l, &shared)),
                    Some(Got::Permit(permit)) => permits.push(Permit::new(permit, &shared)),
                }
            }
            Op::Panic => panic!("t{i} boom"),
        }
        say!("t{i}.{k}");
    }
}

/// What a `wait_for` around a primitive got.
enum Got {
    Nothing,
    Item(usize),
    Lock(usize, LockGuard),
    Permit(SemaphorePermit),
}

/// `wait_for(prim, limit)`: what it got, or `None` when the time ran out.
async fn timed(prim: Prim, limit: Duration, value: usize, shared: &Shared) -> Option<Got> {
    let got = match prim {
        Prim::Event(e) => wait_for(shared.events[e as usize].wait(), limit)
            .await
            .map(|r| r.map(|()| Got::Nothing)),
        Prim::Get(q) => wait_for(shared.queues[q as usize].get(), limit)
            .await
            .map(|r| r.map(Got::Item)),
        Prim::Put(q) => wait_for(shared.queues[q as usize].put(value), limit)
            .await
            .map(|r| r.map(|()| Got::Nothing)),
        Prim::Lock(l) => wait_for(shared.locks[l as usize].acquire(), limit)
            .await
            .map(|r| r.map(|guard| Got::Lock(l as usize, guard))),
        Prim::Acquire => wait_for(shared.sem.acquire(), limit)
            .await
            .map(|r| r.map(Got::Permit)),
    };
    got.ok()
        .map(|r| r.expect("nothing but the time limit cancels the inner task"))
}

fn secs(s: u8) -> Duration {
    Duration::from_secs(s.into())
}

fn joined(result: Result<(), TaskError>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(TaskError::Cancelled) => "cancelled",
        Err(_) => "failed",
    }
}

fn new_shared() -> Rc<Shared> {
    Rc::new(Shared {
        events: Default::default(),
        queues: CAPACITY.map(Queue::new),
        locks: Default::default(),
        holders: Default::default(),
        sem: Semaphore::new(PERMITS),
        permits_out: Cell::new(0),
        remote: RefCell::default(),
        tasks: RefCell::default(),
        blocked: RefCell::default(),
    })
}

fn run_real(program: &[Vec<Op>]) -> Outcome {
    run_real_in(program, Order::Fifo).0
}

/// Runs `program` on coroasync in `order`: its outcome, and what the shuffled
/// mode checks besides.
fn run_real_in(program: &[Vec<Op>], order: Order) -> (Outcome, shuffled::Checked) {
    // The routines panic on purpose, by the thousand: the scheduler records each,
    // and the default hook's report would only bury the test's own output.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload().downcast_ref::<String>();
            if !payload.is_some_and(|message| message.ends_with(" boom")) {
                default(info);
            }
        }));
    });
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock()
        .with_order(order)
        .with_trace(trace.clone())
        .with_slow_step(None)
        .with_diagnostics_on_stderr(false);
    let shared = new_shared();
    *shared.blocked.borrow_mut() = vec![None; program.len()];
    let tasks: Vec<_> = program
        .iter()
        .enumerate()
        .map(|(i, ops)| lp.spawn(run_task(i, ops.clone(), Rc::clone(&shared))))
        .collect();
    *shared.tasks.borrow_mut() = tasks.iter().map(|t| t.to_ref()).collect();

    let mut deadlocked = Vec::new();
    let mut checked = shuffled::Checked::default();
    loop {
        let tick = lp.tick().expect("no loop runs here");
        let delivered = deliver_remote(&shared);
        if tick.ready > 0 || delivered {
            continue;
        }
        if tasks.iter().all(|t| t.is_done()) && lp.tasks().is_empty() {
            break;
        }
        match lp.next_deadline() {
            Some(deadline) => lp.advance(deadline - lp.now()).expect("virtual"),
            None => {
                deadlocked = (0..tasks.len()).filter(|&i| !tasks[i].is_done()).collect();
                checked.lost_wakes = shuffled::lost_wakes(&shared, &deadlocked);
                break;
            }
        }
    }
    let ends = tasks
        .iter()
        .map(|task| match task.take_result() {
            None => None,
            Some(Ok(())) => Some(End::Completed),
            Some(Err(TaskError::Cancelled)) => Some(End::Cancelled),
            Some(Err(TaskError::Panicked(message))) => Some(End::Panicked(message)),
            Some(Err(other)) => panic!("unexpected ending {other:?}"),
        })
        .collect();
    if deadlocked.is_empty() {
        for (l, lock) in shared.locks.iter().enumerate() {
            assert!(
                !lock.is_locked(),
                "lock {l} still held after every task ended"
            );
        }
        assert_eq!(shared.sem.available(), PERMITS, "a permit was lost");
    }
    checked.left = shuffled::drain(&shared);
    drop(tasks);
    drop(lp);
    let outcome = Outcome {
        lines: trace.output().lines().map(String::from).collect(),
        ends,
        deadlocked,
    };
    (outcome, checked)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn coroasync_runs_random_programs_as_the_model_does(program in program()) {
        agrees_with_the_model(&program)?;
    }

    #[test]
    fn a_cancellation_in_the_same_step_as_a_release_is_passed_by(program in same_step_program()) {
        agrees_with_the_model(&program)?;
    }

    #[test]
    fn under_shuffled_orders_no_item_or_wake_up_is_lost(
        program in prop_oneof![program(), same_step_program()],
        seed in any::<u64>(),
    ) {
        shuffled::loses_nothing(&program, seed)?;
    }
}

/// Runs `program` on coroasync and through the model, and compares them.
fn agrees_with_the_model(program: &[Vec<Op>]) -> Result<(), TestCaseError> {
    let model = reference::Model::new(program).run();
    let real = run_real(program);
    prop_assert_eq!(&real.lines, &model.lines);
    prop_assert_eq!(&real.ends, &model.ends);
    prop_assert_eq!(&real.deadlocked, &model.deadlocked);
    // Every task that is not deadlocked has ended exactly once.
    for (t, end) in real.ends.iter().enumerate() {
        prop_assert_eq!(end.is_none(), real.deadlocked.contains(&t));
    }
    Ok(())
}
