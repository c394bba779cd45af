//! Random programs run on coroasync and on a small reference model written here,
//! which must agree on every printed line, on how every task ends, and on which
//! tasks (if any) deadlock. Invariants are checked along the way: no lock is ever
//! held twice, every lock is free once its holders are gone.
//!
//! The model is an interpreter of the programs' operations with its own ready
//! queue, following the rules of `../shared/ASYNCIO_ORDER.md` as coroasync states
//! them: a pass runs the entries queued when it began; a timer takes a hop before
//! its task; a set event, a put, a get and a release wake the oldest waiter, which
//! re-checks when it runs; a cancelled task is dropped at its next turn, passing on
//! what it had been handed.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    Event, EventLoop, Lock, LockGuard, Queue, TaskError, TaskRef, say, sleep, spawn, yield_now,
};
use corotrace::Trace;
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Yield,
    Sleep(u8),
    Spawn,
    Cancel(u8),
    Set(u8),
    Wait(u8),
    Put(u8),
    Get(u8),
    Lock(u8),
    Unlock(u8),
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

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Yield),
        2 => (1u8..4).prop_map(Op::Sleep),
        1 => Just(Op::Spawn),
        1 => any::<u8>().prop_map(Op::Cancel),
        2 => (0u8..2).prop_map(Op::Set),
        2 => (0u8..2).prop_map(Op::Wait),
        2 => (0u8..2).prop_map(Op::Put),
        2 => (0u8..2).prop_map(Op::Get),
        2 => (0u8..2).prop_map(Op::Lock),
        2 => (0u8..2).prop_map(Op::Unlock),
        1 => Just(Op::Panic),
    ]
}

fn program() -> impl Strategy<Value = Vec<Vec<Op>>> {
    prop::collection::vec(prop::collection::vec(op(), 0..7), 1..50)
}

// ---------------------------------------------------------------------------
// The real run, on coroasync.

struct Shared {
    events: [Event; 2],
    queues: [Queue<usize>; 2],
    locks: [Lock; 2],
    holders: [Cell<usize>; 2],
    tasks: RefCell<Vec<TaskRef>>,
}

/// A held lock that counts its holders, so two at once fail the test.
struct Held {
    guard: Option<LockGuard>,
    lock: usize,
    shared: Rc<Shared>,
}

impl Drop for Held {
    fn drop(&mut self) {
        let holders = &self.shared.holders[self.lock];
        holders.set(holders.get() - 1);
        self.guard.take();
    }
}

async fn run_task(i: usize, ops: Vec<Op>, shared: Rc<Shared>) {
    let mut held: [Option<Held>; 2] = [None, None];
    for (k, op) in ops.into_iter().enumerate() {
        match op {
            Op::Yield => yield_now().await,
            Op::Sleep(s) => sleep(Duration::from_secs(s.into())).await,
            Op::Spawn => {
                spawn(async move { say!("c{i}.{k}") });
            }
            Op::Cancel(j) => {
                let target = shared.tasks.borrow().get(j as usize % 50).cloned();
                if let Some(task) = target {
                    task.cancel();
                }
            }
            Op::Set(e) => shared.events[e as usize].set(),
            Op::Wait(e) => shared.events[e as usize].wait().await,
            Op::Put(q) => shared.queues[q as usize].put(i * 100 + k).await,
            Op::Get(q) => {
                let value = shared.queues[q as usize].get().await;
                say!("t{i}.{k} got {value}");
            }
            Op::Lock(l) => {
                let l = l as usize;
                let guard = shared.locks[l].acquire().await;
                let holders = &shared.holders[l];
                holders.set(holders.get() + 1);
                assert!(holders.get() <= 1, "lock {l} held twice");
                held[l] = Some(Held {
                    guard: Some(guard),
                    lock: l,
                    shared: Rc::clone(&shared),
                });
            }
            Op::Unlock(l) => held[l as usize] = None,
            Op::Panic => panic!("t{i} boom"),
        }
        say!("t{i}.{k}");
    }
}

fn run_real(program: &[Vec<Op>]) -> Outcome {
    // The routines panic on purpose, by the thousand: the scheduler records each,
    // and the default hook's report would only bury the test's own output.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock()
        .with_trace(trace.clone())
        .with_slow_step(None)
        .with_diagnostics_on_stderr(false);
    let shared = Rc::new(Shared {
        events: Default::default(),
        queues: CAPACITY.map(Queue::new),
        locks: Default::default(),
        holders: Default::default(),
        tasks: RefCell::default(),
    });
    let tasks: Vec<_> = program
        .iter()
        .enumerate()
        .map(|(i, ops)| lp.spawn(run_task(i, ops.clone(), Rc::clone(&shared))))
        .collect();
    *shared.tasks.borrow_mut() = tasks.iter().map(|t| t.to_ref()).collect();

    let mut deadlocked = Vec::new();
    loop {
        let tick = lp.tick().expect("no loop runs here");
        if tick.ready > 0 {
            continue;
        }
        if tasks.iter().all(|t| t.is_done()) && lp.tasks().is_empty() {
            break;
        }
        match lp.next_deadline() {
            Some(deadline) => lp.advance(deadline - lp.now()).expect("virtual"),
            None => {
                deadlocked = (0..tasks.len()).filter(|&i| !tasks[i].is_done()).collect();
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
    }
    drop(tasks);
    drop(lp);
    Outcome {
        lines: trace.output().lines().map(String::from).collect(),
        ends,
        deadlocked,
    }
}

// ---------------------------------------------------------------------------
// The reference model.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Runs its next op when stepped.
    Ready,
    /// Suspended in op `pc`; finishes it when stepped.
    Suspended,
    Sleeping(u64),
    WaitEvent(usize),
    WaitGet(usize, bool),
    WaitPut(usize, bool),
    WaitLock(usize, bool),
    Done,
}

enum Entry {
    Step(usize),
    Child(usize, usize),
    Timer(usize, u64),
}

#[derive(Default)]
struct Model {
    ops: Vec<Vec<Op>>,
    pc: Vec<usize>,
    state: Vec<State>,
    scheduled: Vec<bool>,
    cancel: Vec<bool>,
    held: Vec<[bool; 2]>,
    ends: Vec<Option<End>>,
    ready: VecDeque<Entry>,
    /// (deadline, sequence, task, timer id)
    timers: Vec<(u64, u64, usize, u64)>,
    seq: u64,
    now: u64,
    events: [bool; 2],
    event_waiters: [Vec<usize>; 2],
    items: [VecDeque<usize>; 2],
    getters: [VecDeque<usize>; 2],
    putters: [VecDeque<usize>; 2],
    locked: [bool; 2],
    lock_waiters: [VecDeque<usize>; 2],
    lines: Vec<String>,
}

impl Model {
    fn new(program: &[Vec<Op>]) -> Self {
        let n = program.len();
        let mut model = Self {
            ops: program.to_vec(),
            pc: vec![0; n],
            state: vec![State::Ready; n],
            scheduled: vec![true; n],
            cancel: vec![false; n],
            held: vec![[false; 2]; n],
            ends: vec![None; n],
            ..Self::default()
        };
        model.ready = (0..n).map(Entry::Step).collect();
        model
    }

    fn schedule(&mut self, t: usize) {
        if self.state[t] != State::Done && !self.scheduled[t] {
            self.scheduled[t] = true;
            self.ready.push_back(Entry::Step(t));
        }
    }

    fn full(&self, q: usize) -> bool {
        CAPACITY[q] > 0 && self.items[q].len() >= CAPACITY[q]
    }

    /// Notifies the oldest getter (or putter) of `q` still waiting un-notified.
    fn wake_next(&mut self, q: usize, getters: bool) {
        loop {
            let list = if getters {
                &mut self.getters[q]
            } else {
                &mut self.putters[q]
            };
            let Some(t) = list.pop_front() else { return };
            let waiting = if getters {
                State::WaitGet(q, false)
            } else {
                State::WaitPut(q, false)
            };
            if self.state[t] == waiting {
                self.state[t] = if getters {
                    State::WaitGet(q, true)
                } else {
                    State::WaitPut(q, true)
                };
                self.schedule(t);
                return;
            }
        }
    }

    fn release(&mut self, l: usize) {
        while let Some(t) = self.lock_waiters[l].pop_front() {
            if self.state[t] == State::WaitLock(l, false) {
                self.state[t] = State::WaitLock(l, true);
                self.schedule(t);
                return;
            }
        }
        self.locked[l] = false;
    }

    /// Drops what task `t` holds, in the order coroasync drops its future: the
    /// pending wait first, then its locks, 0 before 1.
    fn clean_up(&mut self, t: usize) {
        match self.state[t] {
            State::Sleeping(id) => self.timers.retain(|timer| timer.3 != id),
            State::WaitEvent(e) => self.event_waiters[e].retain(|&w| w != t),
            State::WaitGet(q, notified) => {
                self.getters[q].retain(|&w| w != t);
                if notified && !self.items[q].is_empty() {
                    self.wake_next(q, true);
                }
            }
            State::WaitPut(q, notified) => {
                self.putters[q].retain(|&w| w != t);
                if notified && !self.full(q) {
                    self.wake_next(q, false);
                }
            }
            State::WaitLock(l, notified) => {
                self.lock_waiters[l].retain(|&w| w != t);
                if notified {
                    self.release(l);
                }
            }
            _ => {}
        }
        self.state[t] = State::Done;
        for l in 0..2 {
            if self.held[t][l] {
                self.held[t][l] = false;
                self.release(l);
            }
        }
    }

    fn end(&mut self, t: usize, end: End) {
        self.clean_up(t);
        self.ends[t] = Some(end);
    }

    fn finish_op(&mut self, t: usize) {
        let k = self.pc[t];
        self.lines.push(format!("t{t}.{k}"));
        self.pc[t] += 1;
        self.state[t] = State::Ready;
    }

    fn step(&mut self, t: usize) {
        if self.state[t] == State::Done {
            return;
        }
        self.scheduled[t] = false;
        if self.cancel[t] {
            self.end(t, End::Cancelled);
            return;
        }
        // Resume whatever the task was suspended in.
        match self.state[t] {
            State::Ready => {}
            State::Suspended | State::Sleeping(_) | State::WaitEvent(_) | State::WaitLock(..) => {
                if let State::WaitLock(l, _) = self.state[t] {
                    self.held[t][l] = true;
                }
                self.finish_op(t);
            }
            State::WaitGet(q, _) => {
                if !self.get(t, q) {
                    return;
                }
            }
            State::WaitPut(q, _) => {
                if !self.put(t, q) {
                    return;
                }
            }
            State::Done => return,
        }
        while self.pc[t] < self.ops[t].len() {
            let k = self.pc[t];
            match self.ops[t][k] {
                Op::Yield => {
                    self.state[t] = State::Suspended;
                    self.schedule(t);
                    return;
                }
                Op::Sleep(s) => {
                    self.seq += 1;
                    let id = self.seq;
                    self.timers.push((self.now + u64::from(s), self.seq, t, id));
                    self.state[t] = State::Sleeping(id);
                    return;
                }
                Op::Spawn => {
                    self.ready.push_back(Entry::Child(t, k));
                    self.finish_op(t);
                }
                Op::Cancel(j) => {
                    let j = j as usize % 50;
                    if j < self.ops.len() && self.state[j] != State::Done {
                        self.cancel[j] = true;
                        self.schedule(j);
                    }
                    self.finish_op(t);
                }
                Op::Set(e) => {
                    let e = e as usize;
                    if !self.events[e] {
                        self.events[e] = true;
                        for w in std::mem::take(&mut self.event_waiters[e]) {
                            self.schedule(w);
                        }
                    }
                    self.finish_op(t);
                }
                Op::Wait(e) => {
                    let e = e as usize;
                    if self.events[e] {
                        self.finish_op(t);
                    } else {
                        self.event_waiters[e].push(t);
                        self.state[t] = State::WaitEvent(e);
                        return;
                    }
                }
                Op::Put(q) => {
                    if !self.put(t, q as usize) {
                        return;
                    }
                }
                Op::Get(q) => {
                    if !self.get(t, q as usize) {
                        return;
                    }
                }
                Op::Lock(l) => {
                    let l = l as usize;
                    if !self.locked[l] && self.lock_waiters[l].is_empty() {
                        self.locked[l] = true;
                        self.held[t][l] = true;
                        self.finish_op(t);
                    } else {
                        self.lock_waiters[l].push_back(t);
                        self.state[t] = State::WaitLock(l, false);
                        return;
                    }
                }
                Op::Unlock(l) => {
                    let l = l as usize;
                    if self.held[t][l] {
                        self.held[t][l] = false;
                        self.release(l);
                    }
                    self.finish_op(t);
                }
                Op::Panic => {
                    self.end(t, End::Panicked(format!("t{t} boom")));
                    return;
                }
            }
        }
        self.end(t, End::Completed);
    }

    /// Op `pc` of `t` is a put on `q`: done (true), or waiting at the back.
    fn put(&mut self, t: usize, q: usize) -> bool {
        if self.full(q) {
            self.putters[q].push_back(t);
            self.state[t] = State::WaitPut(q, false);
            return false;
        }
        self.items[q].push_back(t * 100 + self.pc[t]);
        self.wake_next(q, true);
        self.finish_op(t);
        true
    }

    /// Op `pc` of `t` is a get on `q`: done (true), or waiting at the back.
    fn get(&mut self, t: usize, q: usize) -> bool {
        let Some(value) = self.items[q].pop_front() else {
            self.getters[q].push_back(t);
            self.state[t] = State::WaitGet(q, false);
            return false;
        };
        self.wake_next(q, false);
        let k = self.pc[t];
        self.lines.push(format!("t{t}.{k} got {value}"));
        self.finish_op(t);
        true
    }

    fn run(mut self) -> Outcome {
        let mut deadlocked = Vec::new();
        loop {
            // One pass: due timers join the back, then the entries queued now run.
            self.timers.sort();
            while let Some(&(deadline, _, t, id)) = self.timers.first() {
                if deadline > self.now {
                    break;
                }
                self.timers.remove(0);
                self.ready.push_back(Entry::Timer(t, id));
            }
            for _ in 0..self.ready.len() {
                match self.ready.pop_front() {
                    Some(Entry::Step(t)) => self.step(t),
                    Some(Entry::Child(t, k)) => self.lines.push(format!("c{t}.{k}")),
                    Some(Entry::Timer(t, id)) => {
                        if self.state[t] == State::Sleeping(id) {
                            self.schedule(t);
                        }
                    }
                    None => break,
                }
            }
            if !self.ready.is_empty() {
                continue;
            }
            if self.state.iter().all(|s| *s == State::Done) {
                break;
            }
            self.timers.sort();
            match self.timers.first() {
                Some(&(deadline, ..)) => self.now = deadline,
                None => {
                    deadlocked = (0..self.ops.len())
                        .filter(|&t| self.state[t] != State::Done)
                        .collect();
                    break;
                }
            }
        }
        Outcome {
            lines: self.lines,
            ends: self.ends,
            deadlocked,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn coroasync_runs_random_programs_as_the_model_does(program in program()) {
        let model = Model::new(&program).run();
        let real = run_real(&program);
        prop_assert_eq!(&real.lines, &model.lines);
        prop_assert_eq!(&real.ends, &model.ends);
        prop_assert_eq!(&real.deadlocked, &model.deadlocked);
        // Every task that is not deadlocked has ended exactly once.
        for (t, end) in real.ends.iter().enumerate() {
            prop_assert_eq!(end.is_none(), real.deadlocked.contains(&t));
        }
    }
}
