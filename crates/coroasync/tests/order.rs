//! `Order::Shuffled`: the same seed gives the same run, different seeds reach the
//! orders a race allows, and what asyncio's rules promise holds under every seed.

use std::collections::BTreeSet;
use std::time::Duration;

use coroasync::{EventLoop, Order, Trace, say, sleep, spawn, yield_now};

/// What `program` prints on a virtual-clock loop run in `order`.
fn output<F: Future<Output = ()> + 'static>(order: Order, program: impl FnOnce() -> F) -> String {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock()
        .with_order(order)
        .with_trace(trace.clone());
    lp.run_until_complete(program()).unwrap();
    trace.output()
}

/// Three tasks that each print two lines, a yield apart: asyncio interleaves them
/// round-robin; other orders interleave them otherwise.
async fn three_workers() {
    let workers: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|name| {
            spawn(async move {
                say!("{name}1");
                yield_now().await;
                say!("{name}2");
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
}

fn outputs_over_seeds<F: Future<Output = ()> + 'static>(
    seeds: std::ops::Range<u64>,
    program: impl Fn() -> F,
) -> BTreeSet<String> {
    seeds
        .map(|seed| output(Order::Shuffled { seed }, &program))
        .collect()
}

#[test]
fn fifo_is_the_default_order() {
    let fifo = output(Order::Fifo, three_workers);
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    lp.run_until_complete(three_workers()).unwrap();
    assert_eq!(trace.output(), fifo);
    assert_eq!(fifo, "a1\nb1\nc1\na2\nb2\nc2\n");
}

#[test]
fn a_seed_replays_its_order() {
    for seed in 0..20 {
        let order = Order::Shuffled { seed };
        assert_eq!(output(order, three_workers), output(order, three_workers));
    }
}

#[test]
fn seeds_reach_many_orders_and_each_keeps_a_tasks_steps_apart() {
    let seen = outputs_over_seeds(0..200, three_workers);
    assert!(seen.len() > 6, "only {} orders: {seen:?}", seen.len());
    for out in &seen {
        let lines: Vec<&str> = out.lines().collect();
        // A task's second line waits a pass: every first line comes before it.
        assert!(lines[..3].iter().all(|line| line.ends_with('1')), "{out}");
        assert_eq!(lines.len(), 6, "{out}");
    }
}

#[test]
fn done_callbacks_of_one_task_keep_their_order_under_every_seed() {
    let program = || async {
        let task = spawn(async {});
        for n in 0..5 {
            task.add_done_callback(move |_| say!("callback {n}"));
        }
        // Its second step shares a pass with the callbacks.
        let other = spawn(async {
            yield_now().await;
            say!("other");
        });
        sleep(Duration::from_secs(1)).await;
        drop(other);
    };
    let seen = outputs_over_seeds(0..100, program);
    for out in &seen {
        let callbacks: Vec<&str> = out.lines().filter(|l| l.starts_with("callback")).collect();
        assert_eq!(
            callbacks,
            (0..5).map(|n| format!("callback {n}")).collect::<Vec<_>>()
        );
    }
    assert!(seen.len() > 1, "the other task never moved: {seen:?}");
}

#[test]
fn timers_due_at_once_wake_in_either_order_and_earlier_ones_first() {
    let program = || async {
        let tasks: Vec<_> = [(2, "late"), (1, "tie x"), (1, "tie y")]
            .into_iter()
            .map(|(secs, name)| {
                spawn(async move {
                    sleep(Duration::from_secs(secs)).await;
                    say!("{name}");
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    };
    let seen = outputs_over_seeds(0..50, program);
    let expected: BTreeSet<String> = ["tie x\ntie y\nlate\n", "tie y\ntie x\nlate\n"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(seen, expected);
}
