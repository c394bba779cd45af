//! The scheduler's trace against the notebook's printed output.
//!
//! Every snapshot here was read against the output of the notebook's own Python
//! (seed 001's `Task`, `Scheduler` and `async_search`, run with python3 and with
//! ids counted from 0), line for line.

use corogen::notebook::{async_search, fib};
use corogen::{Scheduler, Trace};

fn searches(digits: &[usize]) -> (Scheduler<u64>, Trace) {
    let trace = Trace::capture();
    let mut scheduler = Scheduler::with_trace(trace.clone());
    for &n in digits {
        scheduler.add(async_search(trace.clone(), fib(), move |x| {
            x.to_string().len() >= n
        }));
    }
    (scheduler, trace)
}

#[test]
fn one_task_prints_what_the_notebook_prints() {
    let (mut scheduler, trace) = searches(&[3]);
    scheduler.run_to_completion();
    insta::assert_snapshot!("one_task", trace.text());
}

#[test]
fn two_tasks_take_turns_as_in_the_notebook() {
    let (mut scheduler, trace) = searches(&[3, 4]);
    scheduler.run_to_completion();
    insta::assert_snapshot!("two_tasks", trace.text());
    insta::assert_snapshot!("two_tasks_timeline", trace.timeline().to_string());
}

#[test]
fn results_are_kept_in_completion_order() {
    // The 4-digit search is added first but needs more steps, so it completes last.
    let (mut scheduler, _) = searches(&[4, 3]);
    scheduler.run_to_completion();
    let completed: Vec<(u64, u64)> = scheduler
        .completed()
        .map(|(id, v)| (id.get(), *v))
        .collect();
    assert_eq!(completed, [(1, 123), (0, 1364)]);
}

#[test]
fn each_step_runs_one_task_in_round_robin_order() {
    let (mut scheduler, _) = searches(&[3, 4, 3]);
    let order: Vec<u64> = std::iter::from_fn(|| scheduler.step())
        .take(6)
        .map(|step| step.task().get())
        .collect();
    assert_eq!(order, [0, 1, 2, 0, 1, 2]);
}

#[test]
fn run_steps_stops_at_its_budget_or_when_the_queue_empties() {
    let (mut scheduler, _) = searches(&[3]);
    assert_eq!(scheduler.run_steps(4), 4);
    assert!(!scheduler.is_idle());
    // Eleven steps find 123; seven remain after the first four.
    assert_eq!(scheduler.run_steps(100), 7);
    assert!(scheduler.is_idle());
    assert_eq!(scheduler.run_steps(100), 0);
}

#[test]
fn an_off_trace_records_nothing_and_changes_nothing() {
    let (mut traced, _) = searches(&[3, 4]);
    let mut silent: Scheduler<u64> = Scheduler::new();
    for n in [3, 4] {
        silent.add(async_search(Trace::off(), fib(), move |x| {
            x.to_string().len() >= n
        }));
    }
    traced.run_to_completion();
    silent.run_to_completion();
    assert!(silent.trace().events().is_empty());
    // The same numbers and values (the ids differ: each names its scheduler).
    let numbered = |s: &Scheduler<u64>| -> Vec<(u64, u64)> {
        s.completed()
            .map(|(id, &value)| (id.get(), value))
            .collect()
    };
    assert_eq!(numbered(&traced), numbered(&silent));
}

/// The last line of a one-task trace whose routine returns `value`.
fn completed_line<T: std::fmt::Debug + Clone + 'static>(value: T) -> String {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<T> = Scheduler::with_trace(trace.clone());
    scheduler.add(corogen::Gen::new(move |_co| async move {
        Ok::<_, String>(value)
    }));
    scheduler.run_to_completion();
    trace.text().lines().last().unwrap_or_default().to_owned()
}

#[test]
fn completed_values_print_as_python_prints_them() {
    // The notebook prints `stopped.value` in an f-string: Python's `str()`.
    assert_eq!(completed_line(()), "Task 0 completed with result: None");
    assert_eq!(
        completed_line(String::from("hello")),
        "Task 0 completed with result: hello"
    );
    assert_eq!(
        completed_line(None::<u32>),
        "Task 0 completed with result: None"
    );
    assert_eq!(
        completed_line(vec!["a", "b"]),
        "Task 0 completed with result: ['a', 'b']"
    );
    assert_eq!(completed_line(2.0), "Task 0 completed with result: 2.0");
}

#[test]
fn a_result_type_of_ones_own_prints_by_debug_unless_rendered() {
    #[derive(Debug, Clone)]
    struct Point(i32, i32);
    assert_eq!(
        completed_line(Point(1, 2)),
        "Task 0 completed with result: Point(1, 2)"
    );

    let trace = Trace::capture();
    let mut scheduler: Scheduler<Point> = Scheduler::with_trace(trace.clone());
    scheduler.render_results_with(|p| format!("Point(x={}, y={})", p.0, p.1));
    scheduler.add(corogen::Gen::new(|_co| async move {
        Ok::<_, String>(Point(1, 2))
    }));
    scheduler.run_to_completion();
    assert!(
        trace
            .text()
            .ends_with("Task 0 completed with result: Point(x=1, y=2)\n"),
        "{}",
        trace.text()
    );
}
