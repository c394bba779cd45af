//! `&mut Task<T>` is a future, as tokio's `&mut JoinHandle` is: a task raced
//! against a sleep runs on after losing and can be awaited later; a result taken
//! once is an error the second time, never a panic; and handing a task to
//! `gather` still takes the task itself, as asyncio's `ensure_future` does.

use std::future::{Future, IntoFuture};
use std::time::Duration;

use coroasync::{EventLoop, First, TaskError, Trace, gather, now, race, say, sleep, spawn};

const SEC: Duration = Duration::from_secs(1);

/// Runs `main` on virtual time; its result and what it said.
fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> (T, String) {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let out = lp.run_until_complete(main).expect("main finishes");
    (out, trace.output())
}

async fn after(secs: u64, value: &'static str) -> &'static str {
    sleep(Duration::from_secs(secs)).await;
    say!("{value} at {}", now().as_secs());
    value
}

#[test]
fn a_task_that_loses_a_race_runs_on_and_gives_its_value_later() {
    let ((first, done_after_race, value, at), said) = run(async {
        let mut task = spawn(after(3, "slow"));
        let first = race!(&mut task, sleep(SEC)).await;
        let done_after_race = task.is_done();
        let value = task.await;
        (first, done_after_race, value, now().as_secs())
    });
    assert_eq!(first, First::B(()));
    assert!(!done_after_race);
    assert_eq!(value, Ok("slow"));
    assert_eq!(at, 3);
    assert_eq!(said, "slow at 3\n");
}

#[test]
fn a_task_raced_twice_and_then_awaited_by_reference_gives_its_value() {
    let ((firsts, value), _) = run(async {
        let mut task = spawn(after(3, "slow"));
        let mut firsts = Vec::new();
        for _ in 0..2 {
            firsts.push(race!(&mut task, sleep(SEC)).await);
        }
        let value = (&mut task).await;
        (firsts, value)
    });
    assert_eq!(firsts, [First::B(()), First::B(())]);
    assert_eq!(value, Ok("slow"));
}

#[test]
fn a_result_taken_by_a_race_is_result_taken_when_awaited_again() {
    let ((first, again, by_value), _) = run(async {
        let mut task = spawn(after(1, "quick"));
        let first = race!(&mut task, sleep(5 * SEC)).await;
        let again = (&mut task).await;
        let by_value = task.await;
        (first, again, by_value)
    });
    assert_eq!(first, First::A(Ok("quick")));
    assert_eq!(again, Err(TaskError::ResultTaken));
    assert_eq!(by_value, Err(TaskError::ResultTaken));
}

#[test]
fn a_task_cancelled_while_raced_ends_the_race_with_cancelled() {
    let (first, _) = run(async {
        let mut task = spawn(after(5, "never"));
        let canceller = task.to_ref();
        spawn(async move {
            sleep(SEC).await;
            canceller.cancel();
        });
        race!(&mut task, sleep(9 * SEC)).await
    });
    assert_eq!(first, First::A(Err(TaskError::Cancelled)));
}

#[test]
fn a_task_that_lost_a_race_is_still_gathered_as_itself() {
    let ((values, at), said) = run(async {
        let mut task = spawn(after(2, "gathered"));
        let _ = race!(&mut task, sleep(SEC)).await;
        let values = gather([task]).await;
        (values, now().as_secs())
    });
    // No wrapping task: its value comes back as it is, when it finishes.
    assert_eq!(values, Ok(vec!["gathered"]));
    assert_eq!(at, 2);
    assert_eq!(said, "gathered at 2\n");
}

#[test]
fn a_handle_dropped_after_losing_leaves_the_task_running_to_its_end() {
    let (at, said) = run(async {
        let mut task = spawn(after(2, "orphan"));
        let _ = race!(&mut task, sleep(SEC)).await;
        drop(task);
        sleep(5 * SEC).await;
        now().as_secs()
    });
    assert_eq!(at, 6);
    assert_eq!(said, "orphan at 2\n");
}

#[test]
fn handles_are_unpin_and_a_mutable_reference_is_a_future() {
    fn unpin_future<F: Future + Unpin>(_: &F) -> bool {
        true
    }
    fn unpin<T: Unpin>(_: &T) -> bool {
        true
    }
    let (checked, _) = run(async {
        let mut task = spawn(async { 1 });
        let checked = unpin(&task) && unpin_future(&&mut task);
        let join = task.into_future();
        (checked && unpin(&join), join.await)
    });
    assert_eq!(checked, (true, Ok(1)));
}

/// The ecosystem's combinators take `&mut task` as they take `&mut JoinHandle`.
#[cfg(feature = "futures")]
#[test]
fn futures_select_takes_a_mutable_reference_to_a_task() {
    use futures_util::future::{Either, select};

    let ((lost, value), _) = run(async {
        let mut task = spawn(after(3, "selected later"));
        let lost = match select(&mut task, Box::pin(sleep(SEC))).await {
            Either::Left(_) => false,
            Either::Right(((), _unfinished)) => true,
        };
        (lost, task.await)
    });
    assert!(lost);
    assert_eq!(value, Ok("selected later"));
}
