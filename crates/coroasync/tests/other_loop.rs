//! A task of another loop can never finish on this one. Awaiting it says
//! `TaskError::OtherLoop`; so does every combinator, at once, finished or not, and
//! none of them touches that task: it runs on and finishes on its own loop.

use std::time::Duration;

use coroasync::{
    EventLoop, ReturnWhen, Task, TaskError, TaskRef, Trace, as_completed, gather, gather_settled,
    shield, sleep, wait, wait_for,
};

fn quiet() -> EventLoop {
    EventLoop::with_virtual_clock().with_trace(Trace::off())
}

/// A loop with one task on it, finished already or waiting on a timer.
fn elsewhere(finished: bool) -> (EventLoop, Task<i32>) {
    let other = quiet();
    let task = other.spawn(async move {
        if !finished {
            sleep(Duration::from_secs(1)).await;
        }
        7
    });
    other.tick().unwrap();
    assert_eq!(task.is_done(), finished);
    (other, task)
}

/// The task was not touched: it finishes on its own loop, uncancelled.
fn finishes_untouched(other: &EventLoop, task: &TaskRef) {
    for _ in 0..4 {
        other.advance(Duration::from_secs(1)).unwrap();
        other.tick().unwrap();
    }
    assert!(task.is_done(), "{task} finishes on its own loop");
    assert_eq!(task.failure(), None, "{task} was left alone");
}

/// Runs `make(task)` on a loop of its own, for a task of another loop finished
/// and not, and checks what it gives and that the task was left alone.
fn for_both<T, F>(make: impl Fn(Task<i32>) -> F, expected: T)
where
    T: PartialEq + std::fmt::Debug + 'static,
    F: Future<Output = T> + 'static,
{
    for finished in [true, false] {
        let (other, task) = elsewhere(finished);
        let handle = task.to_ref();
        let here = quiet();
        let outcome = here.run_until_complete(make(task));
        assert_eq!(
            outcome.as_ref().ok(),
            Some(&expected),
            "finished: {finished}"
        );
        assert_eq!(here.now(), Duration::ZERO, "nothing waited here");
        finishes_untouched(&other, &handle);
    }
}

#[test]
fn awaiting_says_other_loop() {
    for_both(|task| async move { task.await }, Err(TaskError::OtherLoop));
}

#[test]
fn gather_says_other_loop() {
    for_both(
        |task| async move { gather([task]).await },
        Err(TaskError::OtherLoop),
    );
}

#[test]
fn gather_settled_says_other_loop_in_its_place() {
    for_both(
        |task| async move {
            let own = coroasync::spawn(async { 1 });
            gather_settled([task, own]).await
        },
        vec![Err(TaskError::OtherLoop), Ok(1)],
    );
}

#[test]
fn the_gather_macro_says_other_loop() {
    for_both(
        |task| async move { coroasync::gather!(async { "own" }, task).await },
        Err(TaskError::OtherLoop),
    );
}

#[test]
fn wait_for_says_other_loop_and_cancels_nothing() {
    for_both(
        |task| async move { wait_for(task, Duration::from_millis(10)).await },
        Ok(Err(TaskError::OtherLoop)),
    );
}

#[test]
fn wait_says_other_loop() {
    for_both(
        |task| async move {
            let outcome = wait(
                [task],
                ReturnWhen::AllCompleted,
                Some(Duration::from_millis(10)),
            );
            outcome
                .await
                .map(|(done, pending)| (done.len(), pending.len()))
        },
        Err(TaskError::OtherLoop),
    );
}

#[test]
fn shield_says_other_loop() {
    for_both(
        |task| async move { shield(&task).await },
        Err(TaskError::OtherLoop),
    );
}

#[test]
fn wait_for_of_a_shield_says_other_loop() {
    for_both(
        |task| async move { wait_for(shield(&task), Duration::from_millis(10)).await },
        Ok(Err(TaskError::OtherLoop)),
    );
}

#[test]
fn as_completed_hands_out_other_loop_first() {
    for_both(
        |task| async move {
            let own = coroasync::spawn(async { 1 });
            let mut results = as_completed([own, task]);
            let mut seen = Vec::new();
            while let Some(result) = results.next().await {
                seen.push(result);
            }
            seen
        },
        vec![Err(TaskError::OtherLoop), Ok(1)],
    );
}

#[test]
fn a_gather_dropped_unfinished_cancels_its_own_tasks_only() {
    let (other, task) = elsewhere(false);
    let handle = task.to_ref();
    let here = quiet();
    let own = here
        .run_until_complete(async move {
            let own = coroasync::spawn(async {
                sleep(Duration::from_secs(5)).await;
                1
            });
            let own_ref = own.to_ref();
            // Built, never polled, dropped: asyncio's cancelled gather.
            drop(gather([own, task]));
            sleep(Duration::ZERO).await;
            own_ref
        })
        .unwrap();
    assert!(own.is_cancelled());
    finishes_untouched(&other, &handle);
}
