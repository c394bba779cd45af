//! What a switch and a spawn cost in allocations, with tracing off: a switch
//! (`yield_now` round trip) none, a spawn two (the task and its boxed future; the
//! waker comes from a pool of finished tasks' wakers).

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
