//! The reference model: an interpreter of the programs' operations with its own
//! ready queue, following asyncio 3.11's order (`../shared/ASYNCIO_ORDER.md`) as
//! coroasync states it.
//!
//! - A pass moves due timers to the back of the ready queue, then runs exactly the
//!   entries queued when it began; a timer takes a hop before its task.
//! - A set event wakes its waiters; a put, a get wake the oldest waiter of the other
//!   side, which re-checks when it runs (rule 7).
//! - `Lock` (rule 12): a release unlocks and wakes the first waiter unless one is
//!   already on its way; the woken waiter takes the lock when it runs; a newcomer
//!   waits while anyone is queued.
//! - `Semaphore` (rule 13): a release takes the unit for the oldest waiter it wakes;
//!   the woken waiter wakes the next if a unit is free when it runs; one that gives
//!   up after being woken gives the unit back and wakes the next.
//! - `wait_for` spawns its awaitable as a task (a task is taken as it is), sets its
//!   timer, and learns of the task's end one hop late; when the time is up it
//!   cancels the task and waits for it to end.
//! - A cancelled task's wait is out of play at once (rule 11): no release, put or
//!   set wakes it, and it keeps no newcomer out.
//! - A task cancelled in a `wait_for` (rule 15) runs once more and cancels the
//!   task waited on, waits until it has ended (a hop late), then is dropped.
//! - A task cancelled while it joins a child cancels the child at once and is
//!   dropped when the child's end wakes it (`await task`, rule 11).
//! - A task cancelled in a `wait_for` whose task has ended by the time it runs
//!   takes that task's result and runs on (3.11's `wait_for` spends the
//!   cancellation: `if fut.done(): return fut.result()`).
//! - A `gather` of a child completes a hop after the child's end (its done
//!   callback), and wakes its task (rule 14). A task cancelled in it cancels the
//!   child at once and is dropped when the gathering future completes.
//! - A cancelled task is dropped at its next turn: its pending wait first (passing
//!   on what it had been woken for), then its permits, then its locks, 0 before 1.
//! - A step of a task whose wait is not over (a stale wake-up) does nothing.

use std::collections::VecDeque;

use super::{End, Op, Outcome, PERMITS, Prim};

mod prims;
mod timed;

/// What a finished inner task of a `wait_for` holds for its waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carry {
    Nothing,
    Item(usize),
    Lock(usize),
    Permit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Task `i` of the program.
    Top,
    /// Spawned by `parent` at its op `k`: sleeps `delay` seconds (if any), says
    /// `c{parent}.{k}`, ends.
    Child { parent: usize, k: usize, delay: u8 },
    /// The task a `wait_for` made of `prim` for `outer`.
    Inner {
        outer: usize,
        prim: Prim,
        value: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Runs its next op when stepped.
    Ready,
    /// Yielded in op `pc`; finishes it when stepped.
    Suspended,
    Sleeping(u64),
    /// In `prim`; `woken` once something woke it for it.
    Waiting {
        prim: Prim,
        woken: bool,
    },
    Remote {
        woken: bool,
    },
    Joining(usize),
    /// In a `gather` of child `.0`; `.1` once the gathering future completed
    /// (the child's end, then its done callback's hop).
    Gathering(usize, bool),
    /// In a `wait_for` of task `inner`, with timer `timer`; `notified` once the
    /// task's end came through (its done callback's hop).
    Timed {
        inner: usize,
        timer: u64,
        cancelling: bool,
        notified: bool,
    },
    Done,
}

struct Task {
    kind: Kind,
    pc: usize,
    state: State,
    scheduled: bool,
    cancel: bool,
    /// Cancelled itself in the step that runs (asyncio's `_must_cancel`): the
    /// step's end delivers it to what the task then awaits.
    must_cancel: bool,
    /// Cancelled in a `wait_for`, which took the cancellation (rule 15): 1 until
    /// the task has run and cancelled the inner task, 2 after.
    interrupted: u8,
    locks: [bool; 2],
    permits: usize,
    child: Option<usize>,
    carry: Option<Carry>,
    end: Option<End>,
}

enum Entry {
    Step(usize),
    /// A timer's hop before its task.
    Wake(usize),
    /// The hop of the done callback of task `.1` for the `wait_for` of task `.0`:
    /// it wakes `.0` only if that `wait_for` still waits on `.1`.
    Notify(usize, usize),
    /// The hop of the done callback of child `.1` for the `gather` of task `.0`:
    /// the gathering future completes, which wakes `.0`.
    Gathered(usize, usize),
}

#[derive(Default)]
pub(super) struct Model {
    ops: Vec<Vec<Op>>,
    tasks: Vec<Task>,
    ready: VecDeque<Entry>,
    /// (deadline, sequence = id, task)
    timers: Vec<(u64, u64, usize)>,
    fired: Vec<u64>,
    seq: u64,
    now: u64,
    events: [bool; 2],
    event_waiters: [Vec<usize>; 2],
    items: [VecDeque<usize>; 2],
    getters: [VecDeque<usize>; 2],
    putters: [VecDeque<usize>; 2],
    locked: [bool; 2],
    lock_waiters: [VecDeque<usize>; 2],
    value: usize,
    sem_waiters: VecDeque<usize>,
    remote: VecDeque<usize>,
    lines: Vec<String>,
}

impl Model {
    pub(super) fn new(program: &[Vec<Op>]) -> Self {
        let mut model = Self {
            ops: program.to_vec(),
            value: PERMITS,
            ..Self::default()
        };
        for _ in program {
            model.add(Kind::Top);
        }
        model
    }

    fn add(&mut self, kind: Kind) -> usize {
        let t = self.tasks.len();
        self.tasks.push(Task {
            kind,
            pc: 0,
            state: State::Ready,
            scheduled: true,
            cancel: false,
            must_cancel: false,
            interrupted: 0,
            locks: [false; 2],
            permits: 0,
            child: None,
            carry: None,
            end: None,
        });
        self.ready.push_back(Entry::Step(t));
        t
    }

    fn schedule(&mut self, t: usize) {
        let task = &mut self.tasks[t];
        if task.state != State::Done && !task.scheduled {
            task.scheduled = true;
            self.ready.push_back(Entry::Step(t));
        }
    }

    fn add_timer(&mut self, t: usize, after: u8) -> u64 {
        self.seq += 1;
        self.timers.push((self.now + u64::from(after), self.seq, t));
        self.seq
    }

    fn cancel_timer(&mut self, id: u64) {
        self.timers.retain(|timer| timer.1 != id);
    }

    /// Drops what task `t` holds, in the order coroasync drops its future.
    fn clean_up(&mut self, t: usize) {
        match std::mem::replace(&mut self.tasks[t].state, State::Done) {
            State::Sleeping(id) => self.cancel_timer(id),
            State::Waiting { prim, woken } => self.leave(t, prim, woken),
            State::Remote { .. } => self.remote.retain(|&w| w != t),
            State::Timed { inner, timer, .. } => {
                if self.tasks[inner].state != State::Done {
                    self.tasks[inner].cancel = true;
                    self.schedule(inner);
                } else if let Some(carry) = self.tasks[inner].carry.take() {
                    self.drop_carry(carry);
                }
                self.cancel_timer(timer);
            }
            _ => {}
        }
        for _ in 0..std::mem::take(&mut self.tasks[t].permits) {
            self.sem_release();
        }
        for l in 0..2 {
            if std::mem::take(&mut self.tasks[t].locks[l]) {
                self.unlock(l);
            }
        }
    }

    fn end(&mut self, t: usize, end: End) {
        self.clean_up(t);
        self.tasks[t].end = Some(end);
        // Whoever waits for this task learns of it: a join at once, a `wait_for`
        // one hop later.
        let waiter = match self.tasks[t].kind {
            Kind::Top => None,
            Kind::Child { parent, .. } => Some(parent),
            Kind::Inner { outer, .. } => Some(outer),
        };
        if let Some(w) = waiter {
            match self.tasks[w].state {
                State::Joining(c) if c == t => self.schedule(w),
                State::Timed { inner, .. } if inner == t => {
                    self.ready.push_back(Entry::Notify(w, t));
                }
                State::Gathering(c, false) if c == t => {
                    self.ready.push_back(Entry::Gathered(w, t));
                }
                _ => {}
            }
        }
    }

    fn finish_op(&mut self, t: usize) {
        let k = self.tasks[t].pc;
        self.lines.push(format!("t{t}.{k}"));
        self.tasks[t].pc += 1;
        self.tasks[t].state = State::Ready;
    }

    fn step(&mut self, t: usize) {
        if self.tasks[t].state == State::Done {
            return;
        }
        self.tasks[t].scheduled = false;
        if self.tasks[t].cancel {
            self.end(t, End::Cancelled);
            return;
        }
        match self.tasks[t].kind {
            Kind::Top => self.step_top(t),
            Kind::Child { parent, k, delay } => match self.tasks[t].state {
                State::Ready if delay > 0 => {
                    let id = self.add_timer(t, delay);
                    self.tasks[t].state = State::Sleeping(id);
                }
                State::Sleeping(id) if !self.fired.contains(&id) => {}
                _ => {
                    self.lines.push(format!("c{parent}.{k}"));
                    self.end(t, End::Completed);
                }
            },
            Kind::Inner { prim, value, .. } => {
                let got = match self.tasks[t].state {
                    State::Ready => self.try_prim(t, prim, value),
                    State::Waiting { woken: true, .. } => self.resume_prim(t, prim, value),
                    _ => None,
                };
                if let Some(carry) = got {
                    self.tasks[t].carry = Some(carry);
                    self.end(t, End::Completed);
                }
            }
        }
    }

    /// Ends the wait task `t` is in, if it is over: whether `t` runs on.
    fn resume(&mut self, t: usize) -> bool {
        match self.tasks[t].state {
            State::Ready => return true,
            State::Suspended => {}
            State::Sleeping(id) if self.fired.contains(&id) => {}
            State::Waiting { prim, woken: true } => {
                let value = t * 100 + self.tasks[t].pc;
                match self.resume_prim(t, prim, value) {
                    Some(carry) => self.take(t, carry),
                    None => return false,
                }
            }
            State::Remote { woken: true } => {}
            State::Joining(c) if self.tasks[c].state == State::Done => {
                let k = self.tasks[t].pc;
                let how = joined(self.tasks[c].end.as_ref());
                self.lines.push(format!("t{t}.{k} joined {how}"));
            }
            State::Gathering(c, true) => {
                let k = self.tasks[t].pc;
                let how = joined(self.tasks[c].end.as_ref());
                self.lines.push(format!("t{t}.{k} gathered {how}"));
            }
            State::Timed { .. } => return self.resume_timed(t),
            _ => return false,
        }
        self.finish_op(t);
        true
    }

    fn step_top(&mut self, t: usize) {
        if !self.resume(t) {
            return;
        }
        while self.tasks[t].pc < self.ops[t].len() {
            let k = self.tasks[t].pc;
            if !self.run_op(t, k, self.ops[t][k]) {
                self.deliver_own_cancel(t);
                return;
            }
        }
        let end = if self.tasks[t].must_cancel {
            End::Cancelled
        } else {
            End::Completed
        };
        self.end(t, end);
    }

    /// The end of a step in which task `t` cancelled itself and then suspended:
    /// a `wait_for` takes the cancellation (rule 15), anything else ends the task
    /// at its next turn.
    fn deliver_own_cancel(&mut self, t: usize) {
        if !std::mem::take(&mut self.tasks[t].must_cancel) || self.tasks[t].state == State::Done {
            return;
        }
        let state = self.tasks[t].state;
        match state {
            State::Timed { .. } => {
                self.tasks[t].cancel = false;
                self.tasks[t].interrupted = self.tasks[t].interrupted.max(1);
            }
            State::Joining(c) if self.cancel_joined(c) => return,
            State::Gathering(c, false) => {
                self.cancel_joined(c);
                return;
            }
            _ => {}
        }
        self.schedule(t);
    }

    /// A task joining child `c` is cancelled (rule 11: `await task`): the child
    /// is cancelled at once if it has not ended, and the joining task ends when
    /// the child's end wakes it. Whether the child was still running.
    fn cancel_joined(&mut self, c: usize) -> bool {
        if self.tasks[c].state == State::Done {
            return false;
        }
        self.tasks[c].cancel = true;
        self.schedule(c);
        true
    }

    /// Runs op `k` of top task `t`: whether it finished (or `t` suspends).
    fn run_op(&mut self, t: usize, k: usize, op: Op) -> bool {
        let value = t * 100 + k;
        match op {
            Op::Yield => {
                self.tasks[t].state = State::Suspended;
                self.schedule(t);
                return false;
            }
            Op::Sleep(s) => {
                let id = self.add_timer(t, s);
                self.tasks[t].state = State::Sleeping(id);
                return false;
            }
            Op::Join => {
                if let Some(c) = self.tasks[t].child.take() {
                    if self.tasks[c].state != State::Done {
                        self.tasks[t].state = State::Joining(c);
                        return false;
                    }
                    let how = joined(self.tasks[c].end.as_ref());
                    self.lines.push(format!("t{t}.{k} joined {how}"));
                }
            }
            Op::TimedJoin(s) => {
                if let Some(c) = self.tasks[t].child.take() {
                    return self.start_timed(t, c, s);
                }
            }
            Op::Gather => {
                if let Some(c) = self.tasks[t].child.take() {
                    // A child that has ended already is taken through its done
                    // callback's hop all the same.
                    if self.tasks[c].state == State::Done {
                        self.ready.push_back(Entry::Gathered(t, c));
                    }
                    self.tasks[t].state = State::Gathering(c, false);
                    return false;
                }
            }
            Op::Timed(prim, s) => {
                let inner = self.add(Kind::Inner {
                    outer: t,
                    prim,
                    value,
                });
                return self.start_timed(t, inner, s);
            }
            Op::Wait(e) => return self.plain(t, Prim::Event(e), value),
            Op::Put(q) => return self.plain(t, Prim::Put(q), value),
            Op::Get(q) => return self.plain(t, Prim::Get(q), value),
            Op::Lock(l) => return self.plain(t, Prim::Lock(l), value),
            Op::Acquire => return self.plain(t, Prim::Acquire, value),
            Op::Remote => {
                self.remote.push_back(t);
                self.tasks[t].state = State::Remote { woken: false };
                return false;
            }
            Op::Panic => {
                self.end(t, End::Panicked(format!("t{t} boom")));
                return false;
            }
            _ => self.run_instant(t, k, op),
        }
        self.finish_op(t);
        true
    }

    /// Runs op `k` of top task `t`, one that never suspends.
    fn run_instant(&mut self, t: usize, k: usize, op: Op) {
        match op {
            Op::Spawn(delay) => {
                let child = self.add(Kind::Child {
                    parent: t,
                    k,
                    delay,
                });
                self.tasks[t].child = Some(child);
            }
            Op::Cancel(j) => {
                let j = j as usize % 50;
                if j == t {
                    // Its waits from now on are out of play; the step's end
                    // delivers the rest.
                    self.tasks[t].cancel = true;
                    self.tasks[t].must_cancel = true;
                } else if j < self.ops.len() && self.tasks[j].state != State::Done {
                    let state = self.tasks[j].state;
                    match state {
                        State::Timed { .. } => {
                            self.tasks[j].interrupted = self.tasks[j].interrupted.max(1);
                        }
                        State::Joining(c) if self.cancel_joined(c) => {
                            self.tasks[j].cancel = true;
                            return;
                        }
                        State::Gathering(c, false) => {
                            self.cancel_joined(c);
                            self.tasks[j].cancel = true;
                            return;
                        }
                        _ => self.tasks[j].cancel = true,
                    }
                    self.schedule(j);
                }
            }
            Op::Set(e) => {
                let e = e as usize;
                if !self.events[e] {
                    self.events[e] = true;
                    for w in std::mem::take(&mut self.event_waiters[e]) {
                        if let State::Waiting { prim, .. } = self.tasks[w].state {
                            self.tasks[w].state = State::Waiting { prim, woken: true };
                        }
                        self.schedule(w);
                    }
                }
            }
            Op::Unlock(l) => {
                if std::mem::take(&mut self.tasks[t].locks[l as usize]) {
                    self.unlock(l as usize);
                }
            }
            Op::Release => {
                if self.tasks[t].permits > 0 {
                    self.tasks[t].permits -= 1;
                    self.sem_release();
                }
            }
            _ => unreachable!("{op:?} may suspend"),
        }
    }

    /// Op `pc` of `t` is `prim`, awaited directly: done, or waiting.
    fn plain(&mut self, t: usize, prim: Prim, value: usize) -> bool {
        match self.try_prim(t, prim, value) {
            Some(carry) => {
                self.take(t, carry);
                self.finish_op(t);
                true
            }
            None => false,
        }
    }

    pub(super) fn run(mut self) -> Outcome {
        let tops = self.ops.len();
        let mut deadlocked = Vec::new();
        loop {
            // One pass: due timers join the back, then the entries queued now run.
            self.timers.sort_unstable();
            while let Some(&(deadline, id, t)) = self.timers.first() {
                if deadline > self.now {
                    break;
                }
                self.timers.remove(0);
                self.fired.push(id);
                self.ready.push_back(Entry::Wake(t));
            }
            for _ in 0..self.ready.len() {
                match self.ready.pop_front() {
                    Some(Entry::Step(t)) => self.step(t),
                    Some(Entry::Wake(t)) => self.schedule(t),
                    Some(Entry::Notify(t, inner)) => self.notify(t, inner),
                    Some(Entry::Gathered(t, c)) => {
                        if self.tasks[t].state == State::Gathering(c, false) {
                            self.tasks[t].state = State::Gathering(c, true);
                            self.schedule(t);
                        }
                    }
                    None => break,
                }
            }
            // The host: one wake from another thread after every pass.
            if let Some(t) = self.remote.pop_front() {
                self.tasks[t].state = State::Remote { woken: true };
                self.schedule(t);
            }
            if !self.ready.is_empty() {
                continue;
            }
            if self.tasks.iter().all(|task| task.state == State::Done) {
                break;
            }
            self.timers.sort_unstable();
            match self.timers.first() {
                Some(&(deadline, ..)) => self.now = deadline,
                None => {
                    deadlocked = (0..tops)
                        .filter(|&t| self.tasks[t].state != State::Done)
                        .collect();
                    break;
                }
            }
        }
        Outcome {
            lines: self.lines,
            ends: self.tasks[..tops].iter().map(|t| t.end.clone()).collect(),
            deadlocked,
        }
    }
}

impl Model {
    fn notify(&mut self, t: usize, of: usize) {
        if let State::Timed {
            inner,
            timer,
            cancelling,
            ..
        } = self.tasks[t].state
            && inner == of
        {
            self.tasks[t].state = State::Timed {
                inner,
                timer,
                cancelling,
                notified: true,
            };
            self.schedule(t);
        }
    }
}

/// How a joined child ended, as the programs print it.
fn joined(end: Option<&End>) -> &'static str {
    match end {
        Some(End::Completed) => "ok",
        Some(End::Cancelled) => "cancelled",
        Some(End::Panicked(_)) | None => "failed",
    }
}
