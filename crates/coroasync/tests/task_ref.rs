//! Awaiting a task through its `TaskRef`, and `wait` over `TaskRef`s (mixed
//! output types, `all_tasks()`), against asyncio 3.11: each program exists twice,
//! as Python (`toolbox/NAME.py`, run with python3) and as its Rust twin below, and
//! both must print the same lines.

#[path = "toolbox/twin.rs"]
mod twin;

use std::time::Duration;

use coroasync::{
    EventLoop, ReturnWhen, TaskError, TaskRef, all_tasks, current_task, say, sleep, spawn, wait,
    yield_now,
};
use twin::assert_twin;

async fn ticker(n: usize) {
    for i in 0..n {
        say!("tick {i}");
        yield_now().await;
    }
}

async fn worker(name: &'static str, hops: usize) -> usize {
    for _ in 0..hops {
        yield_now().await;
    }
    say!("{name} done");
    name.len()
}

#[test]
fn awaiting_task_refs_and_waiting_for_all_tasks() {
    assert_twin("task_ref", async {
        spawn(ticker(12));
        let a = spawn(worker("a", 1)).to_ref();
        let b = spawn(worker("bb", 3)).to_ref();
        let c = spawn(worker("ccc", 9)).to_ref();
        assert_eq!(b.done().await, Ok(()));
        say!("awaited b");
        assert_eq!(a.await, Ok(()));
        say!("awaited a, finished already");
        c.cancel();
        if c.await == Err(TaskError::Cancelled) {
            say!("c was cancelled");
        }
        let d = spawn(worker("d", 2));
        let me = current_task().map(|task| task.id());
        let others: Vec<TaskRef> = all_tasks()
            .into_iter()
            .filter(|task| Some(task.id()) != me)
            .collect();
        let (done, pending) = wait(others, ReturnWhen::AllCompleted, None)
            .await
            .expect("every task is this loop's");
        say!(
            "waited for the others: {} done, {} pending",
            done.len(),
            pending.len()
        );
        say!("d returned {}", d.await.expect("d completed"));
    });
}

#[test]
fn wait_mixes_output_types_and_keeps_the_pending_ones() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let number = spawn(async { 4 });
        let text = spawn(async {
            sleep(Duration::from_secs(5)).await;
            "late"
        });
        let refs = [text.to_ref(), number.to_ref()];
        let (done, pending) = wait(refs, ReturnWhen::FirstCompleted, None).await.unwrap();
        assert_eq!(
            done.iter().map(TaskRef::id).collect::<Vec<_>>(),
            [number.id()]
        );
        assert_eq!(
            pending.iter().map(TaskRef::id).collect::<Vec<_>>(),
            [text.id()]
        );
        // The values stay with the typed handles.
        assert_eq!(number.await, Ok(4));
        assert_eq!(text.await, Ok("late"));
    })
    .unwrap();
}

#[test]
fn a_task_ref_reports_a_panic() {
    let lp = EventLoop::with_virtual_clock();
    let outcome = lp.run_until_complete(async {
        let doomed = spawn(async {
            yield_now().await;
            panic!("on purpose");
        })
        .to_ref();
        doomed.await
    });
    assert_eq!(outcome, Ok(Err(TaskError::Panicked("on purpose".into()))));
}

#[test]
fn a_task_ref_of_another_loop_is_an_error_at_once() {
    let other = EventLoop::with_virtual_clock();
    let foreign = other.spawn(sleep(Duration::from_secs(1))).to_ref();
    let lp = EventLoop::with_virtual_clock();
    let outcome = lp.run_until_complete(async move {
        let waited = wait([foreign.clone()], ReturnWhen::AllCompleted, None)
            .await
            .map(|_| ());
        (foreign.await, waited)
    });
    assert_eq!(
        outcome,
        Ok((Err(TaskError::OtherLoop), Err(TaskError::OtherLoop)))
    );
}
