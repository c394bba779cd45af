//! Failure paths: each is recorded against its task, and the others run on.

use corogen::notebook::{async_search, fib};
use corogen::{Event, Gen, NotFound, ResultError, Scheduler, SendRefusal, Step, TaskState, Trace};

#[test]
fn a_search_that_finds_nothing_fails_with_not_found() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u32> = Scheduler::with_trace(trace.clone());
    let id = scheduler.add(async_search(trace.clone(), 1..=3, |&x| x > 10));
    scheduler.run_to_completion();

    assert_eq!(scheduler.failure(id), Some(NotFound.to_string().as_str()));
    assert_eq!(scheduler.state(id), Some(TaskState::Failed));
    assert!(trace.text().ends_with(
        "async_search - called 3 times\nRunning task 0\nFailed with exception: Not found\n"
    ));
    assert_eq!(
        scheduler.take_result(id),
        Err(ResultError::Failed {
            task: id,
            message: "Not found".into()
        })
    );
}

#[test]
fn the_notebook_three_task_program_records_the_failure() {
    // Seed 001's scheduler with a third search that can never succeed.
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    let a = scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    let b = scheduler.add(async_search(trace.clone(), fib().take(5), |x| *x > 1000));
    let c = scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 4
    }));
    scheduler.run_to_completion();

    assert_eq!(scheduler.take_result(a), Ok(123));
    assert_eq!(scheduler.failures().collect::<Vec<_>>(), [(b, "Not found")]);
    assert_eq!(scheduler.take_result(c), Ok(1364));
    insta::assert_snapshot!("three_tasks_one_fails", trace.text());
}

#[test]
fn a_panicking_routine_fails_alone() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    let good = scheduler.add(async_search(trace.clone(), fib(), |x| {
        x.to_string().len() >= 3
    }));
    let bad = scheduler.add(Gen::new(|co| async move {
        co.yield_(()).await;
        let divisor = 0;
        if divisor == 0 {
            panic!("division by zero");
        }
        Ok::<u64, String>(1 / divisor)
    }));
    scheduler.run_to_completion();

    assert_eq!(scheduler.failure(bad), Some("division by zero"));
    assert_eq!(scheduler.take_result(good), Ok(123));
    let failed: Vec<Event> = trace
        .events()
        .into_iter()
        .filter(|e| matches!(e, Event::Failed { .. }))
        .collect();
    assert_eq!(
        failed,
        [Event::Failed {
            task: bad.trace_id(),
            message: "division by zero".into()
        }]
    );
}

#[test]
fn a_routine_returning_err_fails_with_its_message() {
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let id = scheduler.add(Gen::new(|_co| async move { Err::<(), _>("disk full") }));
    assert_eq!(scheduler.step(), Some(Step::Failed { task: id }));
    assert_eq!(scheduler.failure(id), Some("disk full"));
    assert!(scheduler.is_idle());
}

#[test]
fn a_result_taken_twice_is_an_error() {
    let mut scheduler: Scheduler<u32> = Scheduler::new();
    let id = scheduler.add(async_search(Trace::off(), [5], |_| true));
    assert_eq!(scheduler.take_result(id), Err(ResultError::Pending(id)));
    scheduler.run_to_completion();
    assert_eq!(scheduler.state(id), Some(TaskState::Completed));
    assert_eq!(scheduler.take_result(id), Ok(5));
    assert_eq!(scheduler.take_result(id), Err(ResultError::Taken(id)));
    assert_eq!(scheduler.state(id), Some(TaskState::Taken));
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let mut scheduler: Scheduler<u32> = Scheduler::new();
    let stranger = scheduler.task_id(7);
    assert_eq!(scheduler.state(stranger), None);
    assert_eq!(scheduler.result(stranger), None);
    assert_eq!(
        scheduler.take_result(stranger),
        Err(ResultError::Unknown(stranger))
    );
    let refused = scheduler.send(stranger, ()).unwrap_err();
    assert_eq!(refused.reason, SendRefusal::Unknown);
    assert_eq!(refused.to_string(), "cannot send to task 7: no such task");
}

#[test]
fn sending_to_a_finished_task_hands_the_value_back() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<(), String> = Scheduler::with_trace(trace.clone());
    let id = scheduler.add(Gen::new(|co| async move {
        let word: String = co.yield_(()).await;
        if word.is_empty() {
            Err("nothing to say")
        } else {
            Ok(())
        }
    }));
    scheduler.step();
    assert_eq!(
        scheduler.send(id, "hi".into()),
        Ok(Step::Completed { task: id })
    );
    let before = trace.events();

    let refused = scheduler.send(id, "again".into()).unwrap_err();
    assert_eq!(refused.reason, SendRefusal::Finished);
    assert_eq!(refused.value, "again");
    assert_eq!(
        refused.to_string(),
        "cannot send to task 0: it has finished"
    );
    // A refused send resumes nothing, so the trace does not move.
    assert_eq!(trace.events(), before);
}
