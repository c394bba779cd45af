//! `corolab step`: the replayed queue against the trace's order of runs, and the
//! viewer's screens.

use corolab::{Flags, Kind, LESSONS};
use corotrace::Event;
use corotrace::replay::{Queueing, Replay, mark_yields};

/// Over every lesson that runs a scheduler, at every step, the head of the
/// replayed queue is the task the trace runs next.
#[test]
fn every_steps_queue_head_is_the_task_that_runs_next() {
    corolab::quiet_panics();
    let mut checked = 0;
    for lesson in LESSONS {
        let events = lesson.run_captured(Flags::default()).trace().events();
        let (queueing, events) = match lesson.kind {
            Kind::Generators => (Queueing::RoundRobin, events),
            Kind::Futures => (Queueing::ReadyQueue, mark_yields(&events)),
        };
        let mut replay = Replay::new(queueing);
        for event in &events {
            if let Event::Running { task } = event {
                let queue: Vec<_> = replay.queue().collect();
                assert_eq!(
                    queue.first(),
                    Some(task),
                    "{}: step {} runs task {task}, but the queue is {queue:?}",
                    lesson.name,
                    replay.steps() + 1,
                );
                checked += 1;
            }
            replay.apply(event);
        }
    }
    // The lessons run thousands of steps between them (asyncio-primes alone
    // runs over 4,000).
    assert!(checked > 4_000, "only {checked} steps checked");
}
