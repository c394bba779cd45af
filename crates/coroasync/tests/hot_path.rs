//! What a switch and a spawn cost in allocations, with tracing off: a switch
//! (`yield_now` round trip) none, a spawn two (the task and its boxed future; the
//! waker comes from a pool of finished tasks' wakers). And what a gather's note
//! of the tasks it waits on costs, and holds: no allocation per step, and none
//! of its tasks once the gather is gone.

use coroasync::{EventLoop, Trace, yield_now};

fn quiet_loop() -> EventLoop {
    EventLoop::with_virtual_clock()
        .with_trace(Trace::off())
        .with_slow_step(None)
}

#[test]
fn switches_do_not_allocate() {
    let lp = quiet_loop();
    for _ in 0..100 {
        lp.spawn(async {
            loop {
                yield_now().await;
            }
        });
    }
    // The first passes make each task's waker and grow the ready queue.
    for _ in 0..3 {
        lp.tick().unwrap();
    }
    let info = allocation_counter::measure(|| {
        for _ in 0..50 {
            assert_eq!(lp.tick().unwrap().polled, 100);
        }
    });
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn a_spawn_allocates_the_task_and_its_future_only() {
    let lp = quiet_loop();
    // Warm up: one task run to completion leaves its waker in the pool, and the
    // slab and ready queue have room.
    lp.spawn(async { 1 });
    lp.tick().unwrap();
    let info = allocation_counter::measure(|| {
        let task = lp.spawn(async { 2 });
        lp.tick().unwrap();
        assert_eq!(task.take_result(), Some(Ok(2)));
    });
    assert_eq!(info.count_total, 2, "{info:?}");
}

/// Allocations of a run whose main task gathers `n` tasks that end one per
/// pass, each at its own time.
fn gather_allocations(n: u64) -> u64 {
    let lp = quiet_loop();
    allocation_counter::measure(|| {
        let gathered = lp.run_until_complete(async move {
            let sleepers = (1..=n).map(|i| async move {
                coroasync::sleep(std::time::Duration::from_millis(i)).await;
                i
            });
            coroasync::gather(sleepers).await
        });
        assert_eq!(gathered.unwrap().unwrap().len(), n as usize);
    })
    .count_total
}

#[test]
fn a_gather_notes_what_it_waits_on_without_allocating_per_step() {
    // The gather steps once per task that ends and notes, each time, the tasks
    // it still waits on. Were that note words, a run would allocate in the
    // square of the tasks; it is a shared handle, so each task adds a few
    // allocations of its own (its cell, future, waker, timer), no more.
    let (fewer, more) = (gather_allocations(100), gather_allocations(200));
    assert!(
        more - fewer <= 100 * 10,
        "100 tasks more cost {} allocations ({fewer} for 100 tasks, {more} for 200)",
        more - fewer
    );
}

#[test]
fn a_finished_gather_leaves_none_of_its_tasks_held() {
    use std::rc::Rc;
    use std::time::Duration;

    let lp = quiet_loop();
    let value = Rc::new(());
    let held = Rc::clone(&value);
    let main = lp.spawn(async move {
        let kept = coroasync::spawn(async move { held });
        let doomed = coroasync::spawn(std::future::pending::<Rc<()>>());
        doomed.cancel();
        // It fails on the cancelled task, so the value stays in the kept task.
        let gathered = coroasync::gather([kept, doomed]).await;
        assert!(gathered.is_err());
        coroasync::sleep(Duration::from_secs(1)).await;
    });
    while !main.is_done() && lp.tick().unwrap().ready > 0 {}
    assert!(!main.is_done(), "the main task sleeps");
    // The gather is gone, and with it what held the kept task: not even the
    // note of what its task last waited on keeps it.
    assert_eq!(Rc::strong_count(&value), 1);
}
