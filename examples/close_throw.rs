//! From `study-note`: the notebook's scheduler, with the generator methods `module-1`
//! asks about, `throw` and `close`. Three tasks: one is closed (its clean-up runs),
//! one has an error thrown into it that it does not catch (its clean-up runs, and
//! it fails), and one catches what is thrown at it and carries on.

use std::fmt::Display;
use std::future::Future;

use corogen::{Co, Gen, Scheduler, Thrown, Trace};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// What runs when a ticker ends, however it ends: Python's `finally`.
struct CleanUp {
    trace: Trace,
    name: &'static str,
}

impl Drop for CleanUp {
    fn drop(&mut self) {
        self.trace.print(format_args!("{}: cleaning up", self.name));
    }
}

/// Ticks `ticks` times, then returns how many; cleans up however it ends.
fn async_ticker(
    trace: Trace,
    name: &'static str,
    ticks: u32,
) -> Gen<(), (), impl Future<Output = u32>> {
    Gen::new(move |co| async move {
        let _finally = CleanUp {
            trace: trace.clone(),
            name,
        };
        for i in 0..ticks {
            trace.print(format_args!("{name}: tick {i}"));
            co.yield_(()).await;
        }
        ticks
    })
}

/// Catches two errors thrown at its pause, then returns how many it caught. Its
/// `co.yield_` gives `Err` where Python's `yield` raises.
fn async_guard(
    trace: Trace,
    name: &'static str,
) -> Gen<(), Result<(), Thrown>, impl Future<Output = Result<u32, Thrown>>> {
    Gen::new(move |co: Co<(), Result<(), Thrown>>| async move {
        trace.print(format_args!("{name}: on guard"));
        let mut caught = 0;
        while caught < 2 {
            if let Err(e) = co.yield_(()).await {
                caught += 1;
                trace.print(format_args!("{name}: caught {e}"));
            }
        }
        Ok(caught)
    })
}

/// Two steps each, then a close, two throws and a step.
pub fn lesson(stage: &Stage) {
    let trace = stage.trace();
    let mut scheduler: Scheduler<u32> = Scheduler::with_trace(trace.clone());
    let closed = scheduler.add_infallible(async_ticker(trace.clone(), "first", 10));
    let thrown = scheduler.add_infallible(async_ticker(trace.clone(), "second", 10));
    let guard = scheduler.add_catching(async_guard(trace, "guard"));
    scheduler.run_steps(6);

    // Each names a task still running, so none is refused here; a refusal (a
    // finished, closed or unknown task) says why.
    say_if_refused(stage, scheduler.close(closed));
    say_if_refused(stage, scheduler.throw(thrown, Thrown::new("bad key")));
    say_if_refused(stage, scheduler.throw(guard, Thrown::new("bad key")));
    scheduler.step();
    say_if_refused(stage, scheduler.throw(guard, Thrown::new("worse key")));
}

fn say_if_refused<T>(stage: &Stage, outcome: Result<T, impl Display>) {
    if let Err(refusal) = outcome {
        stage.say(format_args!("{refusal}"));
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
