//! Random routines and random host actions (step, send, take a result, close,
//! throw) run on
//! `corogen::Scheduler` and on a `VecDeque` model of the notebook's scheduler,
//! which must agree on every step, every refusal and every line of the trace,
//! down to what the trace records as the scheduler is dropped.
//!
//! The routines misbehave in every way the scheduler promises to survive: they
//! fail, panic with a `String`, a `&str`, a value that is no text, or one whose
//! own drop panics, await a future that is not their `co.yield_`, and hold a
//! value whose destructor panics when the task is dropped. Sends and takes aim
//! mostly at real ids, so values go to finished tasks and results are asked for
//! twice. `PROPTEST_CASES` raises the case count from its quick default.

use std::collections::VecDeque;

use corogen::{
    ControlRefusal, Gen, ResultError, Scheduler, SendRefusal, Step, TaskId, Thrown, Trace,
};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Yield, then print what was sent back in.
    Yield,
    /// Return `Err`.
    Fail,
    /// `panic!` with a formatted `String`.
    Panic,
    /// `panic!` with a `&'static str`.
    PanicStr,
    /// `panic_any` with a value that is not text.
    PanicAny,
    /// `panic_any` with a value whose drop panics.
    PanicOnDrop,
    /// Await a future that is not the generator's `co.yield_`.
    Foreign,
    /// Hold a [`Bomb`] from here to the routine's end.
    Arm,
}

/// A panic value that panics again when dropped.
struct PanicOnDrop;

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("payload drop");
    }
}

/// A value whose destructor panics, unless it runs while a panic unwinds (where
/// a second panic would abort the process).
struct Bomb(String);

impl Drop for Bomb {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("{}", self.0);
        }
    }
}

/// What the scheduler says of a routine that awaits a foreign future; its wording
/// is tested in `hostile.rs`, and taken from the scheduler here.
fn foreign_message() -> String {
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let id = scheduler.add_infallible(Gen::new(|_co| std::future::pending::<()>()));
    scheduler.step();
    scheduler
        .failure(id)
        .expect("a foreign await fails")
        .to_owned()
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Step,
    Send(u8, u32),
    Take(u8),
    Close(u8),
    Throw(u8, u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        16 => Just(Op::Yield),
        2 => Just(Op::Fail),
        1 => Just(Op::Panic),
        1 => Just(Op::PanicStr),
        1 => Just(Op::PanicAny),
        1 => Just(Op::PanicOnDrop),
        1 => Just(Op::Foreign),
        2 => Just(Op::Arm),
    ]
}

/// A task id: mostly one of the (at most 20) tasks, sometimes a stranger.
fn id() -> impl Strategy<Value = u8> {
    prop_oneof![8 => 0u8..22, 1 => any::<u8>()]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => Just(Action::Step),
        2 => (id(), 1u32..100).prop_map(|(t, v)| Action::Send(t, v)),
        2 => id().prop_map(Action::Take),
        1 => id().prop_map(Action::Close),
        1 => (id(), 1u32..100).prop_map(|(t, v)| Action::Throw(t, v)),
    ]
}

type Case = (Vec<Vec<Op>>, Vec<Action>);

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(prop::collection::vec(op(), 0..6), 1..20),
        prop::collection::vec(action(), 0..120),
    )
}

/// Each host action's result, as text both sides can produce.
fn run_real((routines, actions): &Case) -> (Vec<String>, String) {
    // The routines panic on purpose, by the thousand: the scheduler records each,
    // and the hook's report would only bury the test's own output. The hook is
    // back before the comparison, so a failing case is reported in full.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let ran = std::panic::catch_unwind(|| run_quietly(routines, actions));
    std::panic::set_hook(hook);
    ran.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn run_quietly(routines: &[Vec<Op>], actions: &[Action]) -> (Vec<String>, String) {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64, u32> = Scheduler::with_trace(trace.clone());
    for (i, ops) in routines.iter().enumerate() {
        let (ops, trace) = (ops.clone(), trace.clone());
        scheduler.add(Gen::new(move |co| async move {
            let mut held = None;
            for (k, op) in ops.into_iter().enumerate() {
                match op {
                    Op::Yield => {
                        let sent: u32 = co.yield_(()).await;
                        trace.print(format_args!("t{i}.{k} got {sent}"));
                    }
                    Op::Fail => return Err(format!("t{i} failed")),
                    Op::Panic => panic!("t{i} panicked"),
                    Op::PanicStr => panic!("static panic"),
                    Op::PanicAny => std::panic::panic_any(i),
                    Op::PanicOnDrop => std::panic::panic_any(PanicOnDrop),
                    Op::Foreign => std::future::pending::<()>().await,
                    Op::Arm => {
                        held.get_or_insert_with(|| Bomb(format!("bomb t{i}")));
                    }
                }
            }
            Ok(i as u64)
        }));
    }
    let results = actions
        .iter()
        .map(|action| match *action {
            Action::Step => match scheduler.step() {
                None => "idle".to_owned(),
                Some(step) => show_step(&step),
            },
            Action::Send(t, v) => match scheduler.send(TaskId::new(t.into()), v) {
                Ok(step) => show_step(&step),
                Err(error) => {
                    assert_eq!(error.value, v, "a refused value comes back");
                    format!("refused {:?}", error.reason)
                }
            },
            Action::Take(t) => match scheduler.take_result(TaskId::new(t.into())) {
                Ok(value) => format!("took {value}"),
                Err(ResultError::Failed { message, .. }) => format!("failed {message}"),
                Err(error) => format!("{error:?}")
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            },
            Action::Close(t) => match scheduler.close(TaskId::new(t.into())) {
                Ok(state) => format!("close {state:?}"),
                Err(error) => format!("refused {:?}", error.reason),
            },
            Action::Throw(t, v) => {
                let thrown = Thrown::new(format!("thrown {v}"));
                match scheduler.throw(TaskId::new(t.into()), thrown.clone()) {
                    Ok(step) => show_step(&step),
                    Err(error) => {
                        assert_eq!(error.error, thrown, "a refused error comes back");
                        format!("refused {:?}", error.reason)
                    }
                }
            }
        })
        .collect();
    // Every task is in exactly one place.
    for t in 0..routines.len() {
        let id = TaskId::new(t as u64);
        let runnable = scheduler.runnable().any(|task| task.id() == id);
        let completed = scheduler.result(id).is_some();
        let failed = scheduler.failure(id).is_some();
        let taken = scheduler.state(id) == Some(corogen::TaskState::Taken);
        let closed = scheduler.state(id) == Some(corogen::TaskState::Closed);
        let places = [runnable, completed, failed, taken, closed];
        assert_eq!(places.into_iter().filter(|&p| p).count(), 1);
    }
    drop(scheduler);
    (results, trace.text())
}

fn show_step(step: &Step<()>) -> String {
    match step {
        Step::Yielded { task, .. } => format!("yielded {task}"),
        Step::Completed { task } => format!("completed {task}"),
        Step::Failed { task } => format!("failed {task}"),
    }
}

#[derive(Default)]
struct Model {
    ops: Vec<Vec<Op>>,
    pc: Vec<usize>,
    /// The yield each task is paused at; `None` before its first step.
    paused_at: Vec<Option<usize>>,
    /// Whether the task holds a bomb.
    armed: Vec<bool>,
    queue: VecDeque<usize>,
    results: Vec<Option<Result<u64, String>>>,
    taken: Vec<bool>,
    closed: Vec<bool>,
    text: String,
    foreign: String,
}

enum Resumed {
    Yielded,
    Completed,
    Failed,
}

impl Model {
    fn resume(&mut self, t: usize, sent: u32) -> Resumed {
        self.text.push_str(&format!("Running task {t}\n"));
        if let Some(k) = self.paused_at[t] {
            self.text.push_str(&format!("t{t}.{k} got {sent}\n"));
        }
        let bomb = format!("bomb t{t}");
        let not_text = "panicked with a value that is not a string";
        while let Some(&op) = self.ops[t].get(self.pc[t]) {
            let k = self.pc[t];
            self.pc[t] += 1;
            let message = match op {
                Op::Yield => {
                    self.paused_at[t] = Some(k);
                    return Resumed::Yielded;
                }
                Op::Arm => {
                    self.armed[t] = true;
                    continue;
                }
                // A bomb goes off as the routine returns, inside its step, and
                // that panic is the task's failure.
                Op::Fail if self.armed[t] => bomb,
                Op::Fail => format!("t{t} failed"),
                // A bomb keeps quiet while a panic unwinds.
                Op::Panic => format!("t{t} panicked"),
                Op::PanicStr => "static panic".to_owned(),
                Op::PanicAny => not_text.to_owned(),
                Op::PanicOnDrop => {
                    format!("{not_text}; dropping the panic's value panicked too: payload drop")
                }
                // The task is dropped with the bomb still held.
                Op::Foreign if self.armed[t] => format!(
                    "{}; a destructor panicked as the task was dropped: {bomb}",
                    self.foreign
                ),
                Op::Foreign => self.foreign.clone(),
            };
            return self.fail(t, message);
        }
        if self.armed[t] {
            return self.fail(t, bomb);
        }
        self.text.push_str(&format!(
            "----------------------\nTask {t} completed with result: {t}\n"
        ));
        self.results[t] = Some(Ok(t as u64));
        Resumed::Completed
    }

    /// Where `t` is in the queue, or why it cannot be closed or thrown into.
    fn find(&self, t: usize) -> Result<usize, String> {
        let reason = match self.queue.iter().position(|&q| q == t) {
            Some(position) => return Ok(position),
            None if t >= self.ops.len() => ControlRefusal::Unknown,
            None if self.closed[t] => ControlRefusal::Closed,
            None => ControlRefusal::Finished,
        };
        Err(format!("refused {reason:?}"))
    }

    /// The task is dropped where it is paused: a bomb it holds goes off.
    fn close(&mut self, t: usize) -> String {
        let position = match self.find(t) {
            Ok(position) => position,
            Err(refused) => return refused,
        };
        self.queue.remove(position);
        if self.armed[t] {
            let message = format!("a destructor panicked as the task was closed: bomb t{t}");
            self.fail(t, message);
            return "close Failed".to_owned();
        }
        self.text.push_str(&format!("Task {t} closed\n"));
        self.closed[t] = true;
        "close Closed".to_owned()
    }

    /// The routines cannot catch: each fails with what is thrown, then is
    /// dropped, and a bomb it holds goes off.
    fn throw(&mut self, t: usize, v: u32) -> String {
        let position = match self.find(t) {
            Ok(position) => position,
            Err(refused) => return refused,
        };
        self.queue.remove(position);
        self.text.push_str(&format!("Running task {t}\n"));
        let mut message = format!("thrown {v}");
        if self.armed[t] {
            message.push_str(&format!(
                "; a destructor panicked as the task was dropped: bomb t{t}"
            ));
        }
        self.fail(t, message);
        format!("failed {t}")
    }

    fn fail(&mut self, t: usize, message: String) -> Resumed {
        self.text
            .push_str(&format!("Failed with exception: {message}\n"));
        self.results[t] = Some(Err(message));
        Resumed::Failed
    }

    /// The scheduler is dropped: each task still queued that holds a bomb is
    /// recorded, in queue order.
    fn drop_scheduler(&mut self) {
        for &t in &self.queue {
            if self.armed[t] {
                self.text.push_str(&format!(
                    "Failed with exception: dropped with its scheduler, and a destructor \
                     panicked: bomb t{t}\n"
                ));
            }
        }
    }

    fn show(t: usize, resumed: &Resumed) -> String {
        match resumed {
            Resumed::Yielded => format!("yielded {t}"),
            Resumed::Completed => format!("completed {t}"),
            Resumed::Failed => format!("failed {t}"),
        }
    }

    fn run((routines, actions): &Case) -> (Vec<String>, String) {
        let n = routines.len();
        let mut model = Self {
            ops: routines.clone(),
            pc: vec![0; n],
            paused_at: vec![None; n],
            armed: vec![false; n],
            queue: (0..n).collect(),
            results: vec![None; n],
            taken: vec![false; n],
            closed: vec![false; n],
            text: String::new(),
            foreign: foreign_message(),
        };
        let results = actions
            .iter()
            .map(|action| match *action {
                Action::Step => match model.queue.pop_front() {
                    None => "idle".to_owned(),
                    Some(t) => {
                        let resumed = model.resume(t, 0);
                        if let Resumed::Yielded = resumed {
                            model.queue.push_back(t);
                        }
                        Self::show(t, &resumed)
                    }
                },
                Action::Send(t, v) => {
                    let t = usize::from(t);
                    match model.queue.iter().position(|&q| q == t) {
                        None if t < n && model.closed[t] => {
                            format!("refused {:?}", SendRefusal::Closed)
                        }
                        None if t < n => format!("refused {:?}", SendRefusal::Finished),
                        None => format!("refused {:?}", SendRefusal::Unknown),
                        Some(_) if model.paused_at[t].is_none() => {
                            format!("refused {:?}", SendRefusal::NotStarted)
                        }
                        Some(position) => {
                            let resumed = model.resume(t, v);
                            if !matches!(resumed, Resumed::Yielded) {
                                model.queue.remove(position);
                            }
                            Self::show(t, &resumed)
                        }
                    }
                }
                Action::Take(t) => {
                    let t = usize::from(t);
                    if t >= n {
                        return "Unknown".to_owned();
                    }
                    match &model.results[t] {
                        None if model.closed[t] => "Closed".to_owned(),
                        None => "Pending".to_owned(),
                        Some(Err(message)) => format!("failed {message}"),
                        Some(Ok(_)) if model.taken[t] => "Taken".to_owned(),
                        Some(Ok(value)) => {
                            model.taken[t] = true;
                            format!("took {value}")
                        }
                    }
                }
                Action::Close(t) => model.close(usize::from(t)),
                Action::Throw(t, v) => model.throw(usize::from(t), v),
            })
            .collect();
        model.drop_scheduler();
        (results, model.text)
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_scheduler_agrees_with_a_vecdeque_model(case in case()) {
        let (real_results, real_text) = run_real(&case);
        let (model_results, model_text) = Model::run(&case);
        prop_assert_eq!(real_results, model_results);
        prop_assert_eq!(real_text, model_text);
    }
}
