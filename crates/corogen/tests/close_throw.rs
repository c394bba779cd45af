//! Closing a task and throwing an error into it, as Python's `generator.close()`
//! and `generator.throw(error)` do.

use std::cell::RefCell;
use std::rc::Rc;

use corogen::notebook::{async_search, fib};
use corogen::{Co, ControlRefusal, Event, Gen, Scheduler, Step, TaskState, Thrown, Trace};

/// Writes `done` into a shared log when dropped: a routine's clean-up.
struct Guard(Rc<RefCell<Vec<&'static str>>>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.borrow_mut().push("cleaned up");
    }
}

/// A routine holding a guard across its pauses, yielding for ever.
fn holder(log: Rc<RefCell<Vec<&'static str>>>) -> Gen<(), (), impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let _guard = Guard(log);
        loop {
            co.yield_(()).await;
        }
    })
}

#[test]
fn closing_a_task_runs_its_clean_up_and_records_it_as_closed() {
    let trace = Trace::capture();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut scheduler: Scheduler<()> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_infallible(holder(log.clone()));
    scheduler.run_steps(2);
    assert!(log.borrow().is_empty());

    assert_eq!(scheduler.close(task), Ok(TaskState::Closed));
    assert_eq!(*log.borrow(), ["cleaned up"]);
    assert_eq!(scheduler.state(task), Some(TaskState::Closed));
    assert!(scheduler.is_idle());
    assert_eq!(scheduler.closed().collect::<Vec<_>>(), [task]);
    assert_eq!(
        trace.text(),
        "Running task 0\nRunning task 0\nTask 0 closed\n",
        "closed as the lesson's Python prints it"
    );
    assert!(trace.events().contains(&Event::Closed {
        task: task.trace_id()
    }));
    assert_eq!(scheduler.step(), None);
}

#[test]
fn closing_keeps_the_other_tasks_in_their_order() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let a = scheduler.add_infallible(holder(log.clone()));
    let b = scheduler.add_infallible(holder(log.clone()));
    let c = scheduler.add_infallible(holder(log));
    scheduler.close(b).unwrap();
    let order: Vec<_> = scheduler.runnable().map(|t| t.id()).collect();
    assert_eq!(order, [a, c]);
}

#[test]
fn a_task_not_yet_started_can_be_closed() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let task = scheduler.add_infallible(holder(log.clone()));
    assert_eq!(scheduler.close(task), Ok(TaskState::Closed));
    // Python's close of a just-started generator runs none of its body.
    assert!(log.borrow().is_empty());
}

#[test]
fn closing_twice_a_finished_or_an_unknown_task_is_a_clear_error() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    let done = scheduler.add(async_search(Trace::off(), fib(), |&x| x == 2));
    let open = scheduler.add_infallible(Gen::new(|co| async move {
        loop {
            co.yield_(()).await;
        }
    }));
    scheduler.run_steps(3);
    scheduler.close(open).unwrap();

    let twice = scheduler.close(open).unwrap_err();
    assert_eq!((twice.task, twice.reason), (open, ControlRefusal::Closed));
    assert_eq!(
        twice.to_string(),
        "cannot close task 1: it was closed already"
    );

    let finished = scheduler.close(done).unwrap_err();
    assert_eq!(finished.reason, ControlRefusal::Finished);
    assert_eq!(finished.to_string(), "cannot close task 0: it has finished");
    assert_eq!(scheduler.take_result(done), Ok(2), "the result is kept");

    let unknown = scheduler.task_id(9);
    let error = scheduler.close(unknown).unwrap_err();
    assert_eq!(error.reason, ControlRefusal::Unknown);
    assert_eq!(error.to_string(), "cannot close task 9: no such task");
}

#[test]
fn a_destructor_that_panics_as_a_task_is_closed_fails_the_task() {
    struct Bomb;
    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("clean-up went wrong");
        }
    }
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let task = scheduler.add_infallible(Gen::new(|co| async move {
        let _bomb = Bomb;
        loop {
            co.yield_(()).await;
        }
    }));
    scheduler.step();
    assert_eq!(scheduler.close(task), Ok(TaskState::Failed));
    let message = scheduler.failure(task).unwrap();
    assert!(message.contains("clean-up went wrong"), "{message}");
    assert!(message.contains("closed"), "{message}");
}

#[test]
fn an_error_thrown_into_a_routine_that_cannot_catch_fails_it_after_its_clean_up() {
    let trace = Trace::capture();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut scheduler: Scheduler<()> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_infallible(holder(log.clone()));
    scheduler.step();

    let step = scheduler.throw(task, Thrown::new("bad key"));
    assert_eq!(step, Ok(Step::Failed { task }));
    assert_eq!(*log.borrow(), ["cleaned up"]);
    assert_eq!(scheduler.failure(task), Some("bad key"));
    assert_eq!(
        trace.text(),
        "Running task 0\nRunning task 0\nFailed with exception: bad key\n"
    );
}

/// A routine that catches what is thrown at its pause and says so, then yields
/// what it caught; a second throw it lets through with `?`.
fn catcher(
    trace: Trace,
) -> Gen<String, Result<(), Thrown>, impl Future<Output = Result<u32, Thrown>>> {
    Gen::new(|co| async move {
        match co.yield_("ready".to_owned()).await {
            Ok(()) => trace.print(format_args!("nothing thrown")),
            Err(thrown) => {
                trace.print(format_args!("caught: {thrown}"));
                co.yield_(format!("recovered from {thrown}")).await?;
            }
        }
        co.yield_("waiting".to_owned()).await?;
        Ok(7)
    })
}

#[test]
fn a_catching_routine_sees_the_error_where_it_is_paused() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u32, (), String> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_catching(catcher(trace.clone()));
    scheduler.step();

    let step = scheduler.throw(task, Thrown::new("bad key")).unwrap();
    assert_eq!(
        step,
        Step::Yielded {
            task,
            value: "recovered from bad key".to_owned()
        }
    );
    assert_eq!(scheduler.state(task), Some(TaskState::Runnable));
    // Not handled this time: `?` hands it on, and the task fails with it.
    assert_eq!(
        scheduler.step(),
        Some(Step::Yielded {
            task,
            value: "waiting".to_owned()
        })
    );
    assert_eq!(
        scheduler.throw(task, Thrown::new("again")),
        Ok(Step::Failed { task })
    );
    assert_eq!(scheduler.failure(task), Some("again"));
    assert!(
        trace.text().contains("caught: bad key\n"),
        "{}",
        trace.text()
    );
}

#[test]
fn a_catching_routine_runs_as_usual_when_nothing_is_thrown() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u32, (), String> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_catching(catcher(trace.clone()));
    scheduler.run_to_completion();
    assert_eq!(scheduler.take_result(task), Ok(7));
    assert!(trace.text().contains("nothing thrown\n"));
}

#[test]
fn an_error_thrown_into_a_task_not_yet_started_fails_it_without_running_it() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u32, (), String> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_catching(catcher(trace.clone()));
    assert_eq!(
        scheduler.throw(task, Thrown::new("too soon")),
        Ok(Step::Failed { task })
    );
    assert_eq!(scheduler.failure(task), Some("too soon"));
    assert_eq!(
        trace.text(),
        "Running task 0\nFailed with exception: too soon\n",
        "Python raises it at once, before the body's first line"
    );
}

#[test]
fn throwing_into_a_finished_closed_or_unknown_task_hands_the_error_back() {
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let closed = scheduler.add_infallible(holder(Rc::default()));
    let done = scheduler.add_infallible(Gen::new(|_co| async move {}));
    scheduler.run_steps(2);
    scheduler.close(closed).unwrap();

    let refused = scheduler.throw(closed, Thrown::new("x")).unwrap_err();
    assert_eq!(refused.reason, ControlRefusal::Closed);
    assert_eq!(refused.error, Thrown::new("x"));
    assert_eq!(
        refused.to_string(),
        "cannot throw into task 0: it was closed already"
    );
    let refused = scheduler.throw(done, Thrown::new("y")).unwrap_err();
    assert_eq!(refused.reason, ControlRefusal::Finished);
    let refused = scheduler
        .throw(scheduler.task_id(5), Thrown::new("z"))
        .unwrap_err();
    assert_eq!(refused.reason, ControlRefusal::Unknown);
    assert_eq!(
        refused.to_string(),
        "cannot throw into task 5: no such task"
    );
}

#[test]
fn a_closed_task_refuses_a_sent_value() {
    let mut scheduler: Scheduler<(), u8> = Scheduler::new();
    let task = scheduler.add_infallible(Gen::new(|co| async move {
        loop {
            co.yield_(()).await;
        }
    }));
    scheduler.step();
    scheduler.close(task).unwrap();
    let refused = scheduler.send(task, 3).unwrap_err();
    assert_eq!(refused.reason, corogen::SendRefusal::Closed);
    assert_eq!(refused.value, 3);
}

#[test]
fn the_timeline_marks_a_closed_task() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<()> = Scheduler::with_trace(trace.clone());
    let task = scheduler.add_infallible(holder(Rc::default()));
    scheduler.step();
    scheduler.close(task).unwrap();
    let timeline = trace.timeline().to_string();
    assert!(timeline.contains("⊘ closed"), "{timeline}");
}

#[test]
fn a_routine_that_panics_at_a_thrown_error_fails_and_the_others_run_on() {
    let mut scheduler: Scheduler<u32> = Scheduler::new();
    let touchy = scheduler.add_catching(Gen::new(|co: Co<(), Result<(), Thrown>>| async move {
        if let Err(thrown) = co.yield_(()).await {
            panic!("could not bear {thrown}");
        }
        Ok::<_, Thrown>(0)
    }));
    let calm = scheduler.add(async_search(Trace::off(), [1u32, 2], |&x| x == 2));
    scheduler.step();
    assert_eq!(
        scheduler.throw(touchy, Thrown::new("noise")),
        Ok(Step::Failed { task: touchy })
    );
    assert_eq!(scheduler.failure(touchy), Some("could not bear noise"));
    scheduler.run_to_completion();
    assert_eq!(scheduler.take_result(calm), Ok(2));
}
