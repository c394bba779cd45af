//! What a hostile or careless routine does to a scheduler: each is filed as that
//! task's failure in the scheduler's own words, the scheduler never panics, and
//! every other task runs on.

use std::panic::{AssertUnwindSafe, catch_unwind};

use corogen::notebook::{async_search, fib};
use corogen::{Event, Gen, Resumed, Routine, Scheduler, Step, TaskState, Trace};

/// A panic payload that panics again when dropped.
struct PanicOnDrop;

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("the payload's drop panicked");
    }
}

/// A value whose destructor panics, held by a routine across a pause.
struct Bomb(&'static str);

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("{}", self.0);
    }
}

/// A search that completes with 123 after 11 steps, to show the others run on.
fn bystander(scheduler: &mut Scheduler<u64>) -> corogen::TaskId {
    let trace = scheduler.trace().clone();
    scheduler.add(async_search(trace, fib(), |x| x.to_string().len() >= 3))
}

#[test]
fn a_routine_awaiting_a_foreign_future_fails_in_the_schedulers_words() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    let good = bystander(&mut scheduler);
    let stuck = scheduler.add(Gen::new(|co| async move {
        co.yield_(()).await;
        std::future::pending::<()>().await;
        Ok::<u64, String>(1)
    }));
    scheduler.run_to_completion();

    let message = scheduler.failure(stuck).expect("the stuck task failed");
    assert!(
        message.starts_with("the routine awaited a future that is not its generator's `co.yield_`"),
        "{message}"
    );
    assert!(message.contains("instead"), "says what to do: {message}");
    assert!(!message.contains("async_resume"), "{message}");
    assert!(
        trace
            .text()
            .contains("Failed with exception: the routine awaited a future"),
        "{}",
        trace.text()
    );
    assert_eq!(scheduler.take_result(good), Ok(123));
}

#[test]
fn a_routine_that_panics_on_its_first_resume_fails_alone() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    let bad = scheduler.add(Gen::new(|_co| async move {
        if true {
            panic!("broken at birth");
        }
        Ok::<u64, String>(0)
    }));
    let good = bystander(&mut scheduler);
    assert_eq!(scheduler.step(), Some(Step::Failed { task: bad }));
    scheduler.run_to_completion();
    assert_eq!(scheduler.failure(bad), Some("broken at birth"));
    assert_eq!(scheduler.state(bad), Some(TaskState::Failed));
    assert_eq!(scheduler.take_result(good), Ok(123));
}

#[test]
fn a_panic_payload_whose_drop_panics_is_the_tasks_failure() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    let good = bystander(&mut scheduler);
    let bad = scheduler.add(Gen::new(|co| async move {
        co.yield_(()).await;
        if true {
            std::panic::panic_any(PanicOnDrop);
        }
        Ok::<u64, String>(0)
    }));
    let ran = catch_unwind(AssertUnwindSafe(|| scheduler.run_to_completion()));
    assert!(ran.is_ok(), "the scheduler itself panicked");

    assert_eq!(scheduler.state(bad), Some(TaskState::Failed));
    let message = scheduler.failure(bad).expect("the task failed");
    assert!(message.contains("not a string"), "{message}");
    assert!(message.contains("the payload's drop panicked"), "{message}");
    assert_eq!(scheduler.take_result(good), Ok(123));
}

#[test]
fn a_destructor_that_panics_as_a_failed_task_is_dropped_is_recorded() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    let good = bystander(&mut scheduler);
    let bad = scheduler.add(Gen::new(|co| async move {
        let _held = Bomb("the lock guard's drop panicked");
        co.yield_(()).await;
        // Pending on a future nobody wakes: the task fails and is dropped with
        // `_held` still alive.
        std::future::pending::<()>().await;
        Ok::<u64, String>(0)
    }));
    let ran = catch_unwind(AssertUnwindSafe(|| scheduler.run_to_completion()));
    assert!(ran.is_ok(), "the scheduler itself panicked");

    let message = scheduler.failure(bad).expect("the task failed");
    assert!(
        message.starts_with("the routine awaited a future"),
        "{message}"
    );
    assert!(
        message.contains("the lock guard's drop panicked"),
        "{message}"
    );
    assert_eq!(scheduler.take_result(good), Ok(123));
}

/// A hand-written routine that returns at once and whose own drop panics.
struct ReturnsThenExplodes(#[allow(dead_code)] Bomb);

impl Routine<u64> for ReturnsThenExplodes {
    fn resume_with(&mut self, _sent: ()) -> Resumed<(), u64> {
        Resumed::Returned(Ok(7))
    }
}

#[test]
fn a_task_whose_clean_up_panics_after_returning_fails() {
    let mut scheduler: Scheduler<u64> = Scheduler::new();
    let bad = scheduler.add(ReturnsThenExplodes(Bomb("clean-up panicked")));
    let good = bystander(&mut scheduler);
    let ran = catch_unwind(AssertUnwindSafe(|| scheduler.run_to_completion()));
    assert!(ran.is_ok(), "the scheduler itself panicked");

    // As in Python, where an exception raised while a generator cleans up
    // replaces its return value.
    assert_eq!(scheduler.state(bad), Some(TaskState::Failed));
    let message = scheduler.failure(bad).expect("the task failed");
    assert!(message.contains("completed with 7"), "{message}");
    assert!(message.contains("clean-up panicked"), "{message}");
    assert_eq!(scheduler.take_result(good), Ok(123));
}

#[test]
fn a_destructor_that_panics_when_the_scheduler_is_dropped_is_recorded() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<u64> = Scheduler::with_trace(trace.clone());
    let quiet_task = bystander(&mut scheduler);
    let bad = scheduler.add_infallible(Gen::new(|co| async move {
        let _held = Bomb("the file's drop panicked");
        loop {
            co.yield_(()).await;
        }
    }));
    scheduler.run_steps(2);
    let dropped = catch_unwind(AssertUnwindSafe(move || drop(scheduler)));
    assert!(dropped.is_ok(), "dropping the scheduler panicked");

    let failures: Vec<Event> = trace
        .events()
        .into_iter()
        .filter(|e| matches!(e, Event::Failed { .. }))
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let Event::Failed { task, message } = &failures[0] else {
        unreachable!()
    };
    assert_eq!(*task, bad);
    assert_ne!(*task, quiet_task);
    assert!(message.contains("the file's drop panicked"), "{message}");
}

/// A result type whose `Debug` panics: the trace describes each completed value.
struct Opaque;

impl std::fmt::Debug for Opaque {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        panic!("Debug panicked")
    }
}

#[test]
fn a_result_whose_debug_panics_still_completes() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<Opaque> = Scheduler::with_trace(trace.clone());
    let id = scheduler.add(Gen::new(|_co| async move { Ok::<_, String>(Opaque) }));
    let ran = catch_unwind(AssertUnwindSafe(|| scheduler.run_to_completion()));
    assert!(ran.is_ok(), "the scheduler itself panicked");
    assert!(scheduler.take_result(id).is_ok());
    assert!(
        trace
            .text()
            .contains("Task 0 completed with result: <Debug panicked: Debug panicked>"),
        "{}",
        trace.text()
    );
}

#[test]
fn fib_keeps_returning_none_after_its_last_term() {
    let mut terms = fib();
    assert_eq!(terms.by_ref().count(), 93);
    assert_eq!(terms.next(), None);
    assert_eq!(terms.next(), None);
}

/// A foreign future that is pending once, after asking to be woken: what a
/// timer or a channel from another runtime does.
struct OnceMore(bool);

impl std::future::Future for OnceMore {
    type Output = ();

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            std::task::Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}

#[test]
fn a_foreign_await_before_the_first_yield_or_after_a_send_fails_too() {
    let mut scheduler: Scheduler<u64, u32> = Scheduler::new();
    let early = scheduler.add_infallible(Gen::new(|_co| async move {
        OnceMore(false).await;
        1
    }));
    let late = scheduler.add_infallible(Gen::new(|co| async move {
        let sent = co.yield_(()).await;
        OnceMore(false).await;
        u64::from(sent)
    }));
    assert_eq!(scheduler.step(), Some(Step::Failed { task: early }));
    assert_eq!(
        scheduler.step(),
        Some(Step::Yielded {
            task: late,
            value: ()
        })
    );
    assert_eq!(scheduler.send(late, 5), Ok(Step::Failed { task: late }));
    for task in [early, late] {
        let message = scheduler.failure(task).expect("failed");
        assert!(
            message.starts_with("the routine awaited a future"),
            "{message}"
        );
    }
    assert!(scheduler.is_idle());
}

#[test]
fn a_generator_resumed_by_hand_after_it_completed_says_so() {
    let mut g = Gen::new(|_co: corogen::Co<()>| async move { 1 });
    assert_eq!(g.resume(), corogen::GeneratorState::Complete(1));
    let again = catch_unwind(AssertUnwindSafe(|| g.resume())).unwrap_err();
    let message = again.downcast_ref::<String>().expect("a text message");
    assert!(
        message.starts_with("a corogen generator was resumed after it had completed"),
        "{message}"
    );
}

#[test]
fn a_generator_iterator_stays_spent() {
    let mut items = Gen::new(|co| async move {
        co.yield_('a').await;
        co.yield_('b').await;
    })
    .into_iter();
    assert_eq!(items.by_ref().collect::<String>(), "ab");
    assert_eq!(items.next(), None);
    assert_eq!(items.next(), None);
}

#[test]
fn a_routine_resumed_through_the_trait_after_it_returned_reports_it() {
    let mut routine = Gen::new(|_co| async move { Ok::<u8, String>(1) });
    assert_eq!(
        Routine::resume_with(&mut routine, ()),
        Resumed::Returned(Ok(1))
    );
    let Resumed::Returned(Err(message)) = Routine::<u8>::resume_with(&mut routine, ()) else {
        panic!("a second resume returned a value");
    };
    assert!(
        message.starts_with("the routine was resumed after it had completed"),
        "{message}"
    );
}

#[test]
fn duration_max_means_no_limit_on_a_virtual_clock() {
    use corogen::{Clock, VirtualClock};
    use std::time::Duration;

    let clock = VirtualClock::new();
    clock.advance(Duration::from_secs(1));
    clock.advance(Duration::MAX);
    clock.advance(Duration::MAX);
    assert_eq!(clock.now(), Duration::MAX);

    let ticking = VirtualClock::ticking(Duration::MAX);
    assert_eq!(ticking.now(), Duration::ZERO);
    assert_eq!(ticking.now(), Duration::MAX);
    assert_eq!(ticking.now(), Duration::MAX);
}

#[test]
fn sleeping_for_duration_max_sleeps_rather_than_failing() {
    use corogen::VirtualClock;
    use corogen::notebook::async_sleep;
    use std::time::Duration;

    let clock = VirtualClock::new();
    clock.advance(Duration::from_secs(1)); // time has moved before the sleep
    let mut scheduler: Scheduler<()> = Scheduler::new();
    let sleeper = scheduler.add_infallible(Gen::new(|co| async move {
        async_sleep(&co, &clock, Duration::MAX).await;
    }));
    assert_eq!(scheduler.run_steps(5), 5);
    assert_eq!(scheduler.failure(sleeper), None);
    assert_eq!(scheduler.state(sleeper), Some(TaskState::Runnable));
}

#[test]
fn a_generator_driven_inside_another_does_not_hide_a_foreign_await() {
    let mut scheduler: Scheduler<u32> = Scheduler::new();
    let outer = scheduler.add_infallible(Gen::new(|_co| async move {
        let mut inner = Gen::new(|co| async move { co.yield_(1u32).await });
        // The inner body yields within the outer body's poll; that yield is the
        // inner generator's, not the outer one's.
        assert_eq!(inner.resume(), corogen::GeneratorState::Yielded(1));
        std::future::pending::<()>().await;
        0
    }));
    assert_eq!(scheduler.step(), Some(Step::Failed { task: outer }));
    let message = scheduler.failure(outer).expect("failed");
    assert!(
        message.starts_with("the routine awaited a future"),
        "{message}"
    );
}
