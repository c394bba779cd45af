//! The trace of a small asyncio program under the virtual clock: the same
//! vocabulary as corogen's, plus sleeps, clock jumps and cancellations.

use std::time::Duration;

use coroasync::{EventLoop, say, sleep, spawn, yield_now};
use corotrace::Trace;

/// Seed 002's manager, shortened: a counter cancelled once another sleep ends.
fn manager_trace() -> Trace {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let answer = lp.run_until_complete(async {
        let counter = spawn(async {
            for i in 0..100 {
                say!("{i}");
                sleep(Duration::from_millis(100)).await;
            }
        });
        sleep(Duration::from_millis(250)).await;
        say!("Something happened");
        counter.cancel();
        yield_now().await;
        24
    });
    assert_eq!(answer, Ok(24));
    trace
}

#[test]
fn the_text_reads_like_corogens() {
    insta::assert_snapshot!("manager_text", manager_trace().text());
}

#[test]
fn the_timeline_shows_sleeps_jumps_and_the_cancellation() {
    insta::assert_snapshot!("manager_timeline", manager_trace().timeline().to_string());
}

#[test]
fn the_output_is_only_what_tasks_said() {
    assert_eq!(manager_trace().output(), "0\n1\n2\nSomething happened\n");
}

#[test]
fn values_in_the_text_read_as_python_prints_them() {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    let ran = lp.run_until_complete(async {
        let nothing = spawn(async {});
        let text = spawn(async { String::from("hello") });
        let list = spawn(async { vec![Some(1.0), None] });
        nothing.await.expect("completes");
        text.await.expect("completes");
        list.await.expect("completes");
    });
    assert_eq!(ran, Ok(()));
    let text = trace.text();
    let completed: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("Task "))
        .filter(|line| line.contains("completed"))
        .collect();
    assert_eq!(
        completed,
        [
            "1 completed with result: None",
            "2 completed with result: hello",
            "3 completed with result: [1.0, None]",
            "0 completed with result: None",
        ]
    );
}
