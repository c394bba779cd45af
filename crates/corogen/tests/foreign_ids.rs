//! An id names its scheduler: another scheduler refuses it with `Foreign` at
//! every call that takes an id, even where it has a task of the same number
//! (which, before ids carried their scheduler, took the call in its place).

use corogen::{
    ControlRefusal, Event, Gen, ResultError, Scheduler, SendRefusal, Step, TaskId, Thrown, Trace,
};

/// A scheduler with one started task, 0, that yields what it is sent.
fn echo() -> (Scheduler<u8, u8, u8>, TaskId) {
    let mut scheduler: Scheduler<u8, u8, u8> = Scheduler::new();
    let id = scheduler.add_infallible(Gen::new(|co| async move {
        let mut sent = co.yield_(0).await;
        loop {
            sent = co.yield_(sent).await;
        }
    }));
    scheduler.step();
    (scheduler, id)
}

#[test]
fn send_to_another_schedulers_id_is_refused_and_the_value_handed_back() {
    let (mut here, mine) = echo();
    let (mut there, theirs) = echo();
    assert_eq!(mine.get(), theirs.get(), "both are task 0");
    assert_ne!(mine, theirs);

    let refused = there.send(mine, 7).unwrap_err();
    assert_eq!((refused.reason, refused.value), (SendRefusal::Foreign, 7));
    assert_eq!(
        refused.to_string(),
        "cannot send to task 0: it is another scheduler's"
    );
    // Each scheduler still takes its own id.
    assert_eq!(
        here.send(mine, 5),
        Ok(Step::Yielded {
            task: mine,
            value: 5
        })
    );
    assert_eq!(
        there.send(theirs, 6),
        Ok(Step::Yielded {
            task: theirs,
            value: 6
        })
    );
}

#[test]
fn close_and_throw_refuse_a_foreign_id_and_leave_their_own_task_alone() {
    let (_here, mine) = echo();
    let trace = Trace::capture();
    let mut there: Scheduler<u8, u8, u8> = Scheduler::with_trace(trace.clone());
    let theirs = there.add_infallible(Gen::new(|co| async move {
        loop {
            co.yield_(1).await;
        }
    }));
    there.step();
    let steps_before = trace.events().len();

    let closed = there.close(mine).unwrap_err();
    assert_eq!(closed.reason, ControlRefusal::Foreign);
    assert_eq!(
        closed.to_string(),
        "cannot close task 0: it is another scheduler's"
    );
    let thrown = there.throw(mine, Thrown::new("boom")).unwrap_err();
    assert_eq!(thrown.reason, ControlRefusal::Foreign);
    assert_eq!(thrown.error, Thrown::new("boom"), "the error comes back");

    assert_eq!(trace.events().len(), steps_before, "nothing ran or closed");
    assert_eq!(there.state(theirs), Some(corogen::TaskState::Runnable));
    assert!(!trace.events().contains(&Event::Closed {
        task: theirs.trace_id()
    }));
}

#[test]
fn queries_of_a_foreign_id_find_nothing_and_take_result_says_why() {
    let mut here: Scheduler<u8> = Scheduler::new();
    let mine = here.add(Gen::new(|_co| async move { Ok::<_, String>(1) }));
    let mut there: Scheduler<u8> = Scheduler::new();
    let theirs = there.add(Gen::new(|_co| async move { Ok::<_, String>(2) }));
    here.run_to_completion();
    there.run_to_completion();

    assert_eq!(there.state(mine), None);
    assert_eq!(there.result(mine), None);
    assert_eq!(there.failure(mine), None);
    assert_eq!(there.take_result(mine), Err(ResultError::Foreign(mine)));
    assert_eq!(
        ResultError::Foreign(mine).to_string(),
        "task 0 is another scheduler's"
    );
    assert_eq!(there.take_result(theirs), Ok(2), "its own result is kept");
    assert_eq!(here.take_result(mine), Ok(1));
}

#[test]
fn ids_print_as_their_number_and_match_the_traces_events() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u8> = Scheduler::with_trace(trace.clone());
    scheduler.add(Gen::new(|_co| async move { Ok::<_, String>(1) }));
    let second = scheduler.add(Gen::new(|_co| async move { Ok::<_, String>(2) }));
    assert_eq!(second.to_string(), "1");
    assert_eq!(second.get(), 1);
    assert_eq!(scheduler.task_id(1), second);
    assert!(trace.events().contains(&Event::Added {
        task: second.trace_id()
    }));
    assert_eq!(second, second.trace_id());
    let inspected: Vec<_> = scheduler.inspect().tasks.iter().map(|t| t.id).collect();
    assert_eq!(inspected, [scheduler.task_id(0), second]);
}
