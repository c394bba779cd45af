//! `EventLoop::run_for`: a host's frames drive the loop, and every timer fires in
//! the frame that contains its deadline, at its own virtual time.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{EventLoop, RunError, Trace, now, run_blocking, say, sleep, yield_now};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Each fired timer: its name and the virtual time its task saw.
type Fired = Rc<RefCell<Vec<(&'static str, Duration)>>>;

/// Sleeps of 200 ms, 300 ms and 1 s, and a chain of 150 ms + 250 ms + 600 ms.
fn simulation(lp: &EventLoop) -> Fired {
    let fired: Fired = Rc::default();
    for (name, after) in [("200ms", 200), ("300ms", 300), ("1s", 1000)] {
        let fired = Rc::clone(&fired);
        lp.spawn(async move {
            sleep(ms(after)).await;
            fired.borrow_mut().push((name, now()));
        });
    }
    let chain = Rc::clone(&fired);
    lp.spawn(async move {
        for (name, after) in [("chain 150", 150), ("chain 400", 250), ("chain 1000", 600)] {
            sleep(ms(after)).await;
            chain.borrow_mut().push((name, now()));
        }
    });
    fired
}

/// Every timer's deadline, in the order they fire.
const DEADLINES: [(&str, u64); 6] = [
    ("chain 150", 150),
    ("200ms", 200),
    ("300ms", 300),
    ("1s", 1000),
    ("chain 1000", 1000),
    ("chain 400", 400),
];

#[test]
fn every_timer_fires_in_the_frame_that_contains_its_deadline() {
    for frame in [ms(16), ms(100), ms(250), ms(1000), ms(3000)] {
        let lp = EventLoop::with_virtual_clock();
        let fired = simulation(&lp);
        let mut seen = 0;
        let mut start = Duration::ZERO;
        while start < ms(1200) {
            let report = lp.run_for(frame).unwrap();
            let end = start + frame;
            assert_eq!((lp.now(), report.now), (end, end), "frame {frame:?}");
            for &(name, at) in &fired.borrow()[seen..] {
                let due = ms(DEADLINES.iter().find(|(n, _)| *n == name).unwrap().1);
                // Fired at its own deadline, in the frame (start, end] (the first
                // frame also holds its start).
                assert_eq!(at, due, "{name} with frames of {frame:?}");
                assert!(start < due && due <= end, "{name} in frame from {start:?}");
            }
            assert_eq!(report.timers_fired, fired.borrow().len() - seen);
            seen = fired.borrow().len();
            start = end;
        }
        let mut order: Vec<_> = DEADLINES.to_vec();
        order.sort_by_key(|&(name, due)| (due, name != "1s"));
        let names: Vec<_> = fired.borrow().iter().map(|&(name, _)| name).collect();
        let expected: Vec<_> = order.iter().map(|&(name, _)| name).collect();
        assert_eq!(names, expected, "frames of {frame:?}");
    }
}

#[test]
fn frames_of_any_size_run_the_program_as_run_until_complete_does() {
    async fn program() {
        let ticker = coroasync::spawn(async {
            for i in 0..5 {
                say!("tick {i} at {:?}", now());
                sleep(ms(70)).await;
            }
        });
        sleep(ms(130)).await;
        say!("main at {:?}", now());
        ticker.await.unwrap();
    }
    let whole = Trace::capture();
    EventLoop::with_virtual_clock()
        .with_trace(whole.clone())
        .run_until_complete(program())
        .unwrap();
    for frame in [ms(16), ms(70), ms(100), ms(1000)] {
        let trace = Trace::capture();
        let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
        let main = lp.spawn(program());
        while !main.is_done() {
            lp.run_for(frame).unwrap();
        }
        assert_eq!(trace.output(), whole.output(), "frames of {frame:?}");
    }
}

#[test]
fn a_timer_due_at_the_frame_end_fires_in_that_frame() {
    let lp = EventLoop::with_virtual_clock();
    let task = lp.spawn(async { sleep(ms(100)).await });
    let first = lp.run_for(ms(100)).unwrap();
    assert_eq!((first.timers_fired, first.completed), (1, 1));
    assert!(task.is_done());
    assert!(!first.has_remaining);

    // One nanosecond short of it, it waits for the next frame.
    let task = lp.spawn(async { sleep(ms(100)).await });
    let short = lp.run_for(ms(100) - Duration::from_nanos(1)).unwrap();
    assert_eq!(short.timers_fired, 0);
    assert_eq!(short.next_deadline, Some(ms(200)));
    assert!(!task.is_done() && short.has_remaining);
    let next = lp.run_for(Duration::from_nanos(1)).unwrap();
    assert_eq!((next.timers_fired, next.now), (1, ms(200)));
    assert!(task.is_done());
}

#[test]
fn run_for_with_nothing_to_do_moves_the_clock_and_reports_nothing() {
    let lp = EventLoop::with_virtual_clock();
    let frame = lp.run_for(ms(16)).unwrap();
    assert_eq!(frame.now, ms(16));
    assert_eq!((frame.passes, frame.polled, frame.timers_fired), (0, 0, 0));
    assert!(!frame.has_remaining);
    assert_eq!(frame.next_deadline, None);
    // A zero frame settles the current instant and leaves the clock.
    lp.spawn(async { yield_now().await });
    let zero = lp.run_for(Duration::ZERO).unwrap();
    assert_eq!((zero.now, zero.polled, zero.completed), (ms(16), 2, 1));
}

#[test]
fn duration_max_runs_to_the_end_of_time_without_overflow() {
    let lp = EventLoop::with_virtual_clock();
    let task = lp.spawn(async {
        sleep(Duration::from_secs(3600)).await;
        now()
    });
    lp.run_for(ms(5)).unwrap();
    let frame = lp.run_for(Duration::MAX).unwrap();
    assert_eq!(task.take_result(), Some(Ok(Duration::from_secs(3600))));
    assert_eq!(frame.now, Duration::MAX);
    assert!(!frame.has_remaining);
    // And again, from the end of time.
    assert_eq!(lp.run_for(Duration::MAX).unwrap().now, Duration::MAX);
}

#[test]
fn run_for_inside_a_running_loop_is_refused() {
    let lp = Rc::new(EventLoop::with_virtual_clock());
    let inner = Rc::clone(&lp);
    let refused = lp.run_until_complete(async move { inner.run_for(ms(16)).err() });
    assert_eq!(refused, Ok(Some(RunError::AlreadyRunning)));
}

#[test]
fn worker_results_land_before_the_clock_moves() {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    lp.spawn(async {
        let value = run_blocking(|| 7).await.unwrap();
        say!("job {value} at {:?}", now());
        sleep(ms(10)).await;
        say!("slept to {:?}", now());
    });
    let frame = lp.run_for(ms(16)).unwrap();
    assert_eq!(trace.output(), "job 7 at 0ns\nslept to 10ms\n");
    assert_eq!((frame.completed, frame.has_remaining), (1, false));
}

#[test]
fn on_a_real_clock_a_frame_runs_the_ready_work_and_returns() {
    let lp = EventLoop::new();
    let task = lp.spawn(async {
        yield_now().await;
        3
    });
    // Nothing left once the task ends: the frame returns without waiting out its
    // minute (and a minute is long enough that a busy machine cannot cut it short).
    let frame = lp.run_for(Duration::from_secs(60)).unwrap();
    assert_eq!(task.take_result(), Some(Ok(3)));
    assert_eq!((frame.completed, frame.has_remaining), (1, false));

    // A timer past the frame: the frame parks for its 5 ms and returns, the task's
    // first step (in the frame's first pass) done.
    let later = lp.spawn(async { sleep(Duration::from_secs(3600)).await });
    let before = lp.now();
    let frame = lp.run_for(ms(5)).unwrap();
    assert!(lp.now() - before >= ms(5));
    assert_eq!((frame.polled, frame.has_remaining), (1, true));
    assert!(!later.is_done());
}

#[test]
fn a_host_learns_from_stuck_whether_a_quiet_loop_is_done_or_deadlocked() {
    let lp = coroasync::EventLoop::with_virtual_clock();
    let gate = coroasync::Event::new();
    let opened = gate.clone();
    lp.spawn(async move { opened.wait().await });
    lp.spawn(coroasync::sleep(Duration::from_secs(1)));
    assert!(lp.tick().unwrap().has_remaining);
    assert_eq!(lp.stuck(), None, "a timer is still set: not stuck");
    lp.advance(Duration::from_secs(1)).unwrap();
    while lp.tick().unwrap().has_remaining {}
    let stuck = lp.stuck().expect("only the task on the event is left");
    assert_eq!(stuck.blocked.len(), 1);
    assert_eq!(stuck.blocked[0].waiting_on, "Event.wait");
    gate.set();
    while lp.tick().unwrap().has_remaining {}
    assert_eq!(lp.stuck(), None, "every task is done");
}
