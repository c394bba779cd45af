//! Random routines and random host actions (step, send, take a result, close,
//! throw) run on `corogen::Scheduler` and on a `VecDeque` model of the notebook's
//! scheduler (`model/vecdeque.rs`), which must agree on every step, every refusal
//! and every line of the trace, down to what the trace records as the scheduler
//! is dropped.
//!
//! The routines misbehave in every way the scheduler promises to survive: they
//! fail, panic with a `String`, a `&str`, a value that is no text, or one whose
//! own drop panics, await a future that is not their `co.yield_`, and hold a
//! value whose destructor panics when the task is dropped. Sends, takes, closes
//! and throws aim mostly at real ids, so values go to finished and closed tasks,
//! tasks are closed twice, and results are asked for twice. `PROPTEST_CASES`
//! raises the case count from its quick default.

use corogen::{Gen, ResultError, Scheduler, Step, Thrown, Trace};
use proptest::prelude::*;

#[path = "model/vecdeque.rs"]
mod vecdeque;
use vecdeque::Model;

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
            Action::Send(t, v) => match scheduler.send(scheduler.task_id(t.into()), v) {
                Ok(step) => show_step(&step),
                Err(error) => {
                    assert_eq!(error.value, v, "a refused value comes back");
                    format!("refused {:?}", error.reason)
                }
            },
            Action::Take(t) => match scheduler.take_result(scheduler.task_id(t.into())) {
                Ok(value) => format!("took {value}"),
                Err(ResultError::Failed { message, .. }) => format!("failed {message}"),
                Err(error) => format!("{error:?}")
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            },
            Action::Close(t) => match scheduler.close(scheduler.task_id(t.into())) {
                Ok(state) => format!("close {state:?}"),
                Err(error) => format!("refused {:?}", error.reason),
            },
            Action::Throw(t, v) => {
                let thrown = Thrown::new(format!("thrown {v}"));
                match scheduler.throw(scheduler.task_id(t.into()), thrown.clone()) {
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
        let id = scheduler.task_id(t as u64);
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
