//! The tokio twins on a multi-thread runtime, with no real waiting (every pause
//! zero). Their lines may interleave in any order, so the tests check what holds
//! in every order: each line once, each task's own lines in its order, and what
//! must come last.

use std::time::Duration;

use corolab_tokio::{Output, producer_consumer, to_thread};

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("a runtime")
}

/// Whether `lines` holds each of `wanted`, in that order (others between).
fn in_order(lines: &[String], wanted: &[&str]) -> bool {
    let mut rest = lines.iter();
    wanted.iter().all(|w| rest.any(|line| line == w))
}

#[test]
fn producer_consumer_prints_every_line_with_each_task_in_order() {
    for _ in 0..20 {
        let out = Output::captured();
        multi_thread().block_on(producer_consumer::main(|| Duration::ZERO, out.clone()));
        let lines = out.lines();
        assert_eq!(lines.len(), 10, "{lines:#?}");
        let sends: Vec<String> = (0..3)
            .map(|i| format!("    sending a message: {i}"))
            .collect();
        let sends: Vec<&str> = sends.iter().map(String::as_str).collect();
        assert!(in_order(&lines, &sends), "{lines:#?}");
        for i in 0..3 {
            let got = format!("    got value 'message {i}'");
            let done = format!("    finished processing 'message {i}'");
            assert!(in_order(&lines, &[&got, &done]), "{lines:#?}");
        }
        assert_eq!(lines.last().map(String::as_str), Some("Finished"));
    }
}

#[test]
fn to_thread_prints_main_s_lines_in_order_and_the_work_s_in_order() {
    for _ in 0..20 {
        let out = Output::captured();
        multi_thread().block_on(to_thread::main(Duration::ZERO, Duration::ZERO, out.clone()));
        let lines = out.lines();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert_eq!(lines[0], "main running the blocking task");
        assert!(in_order(
            &lines,
            &["main running the blocking task", "main doing other things"]
        ));
        assert!(in_order(&lines, &["> task starting", "> task done"]));
    }
}
