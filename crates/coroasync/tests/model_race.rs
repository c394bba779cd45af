//! Random programs of getters that wait on one queue through `race!`, `race`,
//! `move_on_after`, `fail_after` and a `CancelScope` cancelled by a sibling, with a
//! producer putting items at random times and some getters cancelled: no item is
//! lost or handed out twice (a loser or a cut-short `get` that was woken passes its
//! wake-up on), and no wake-up is lost (the closing round of plain `get`s, one per
//! getter still alive, would deadlock if one were). The same holds under shuffled
//! orders of the loop (`Order::Shuffled`), which run the same programs again.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    CancelScope, EventLoop, First, Order, Queue, Task, Trace, fail_after, move_on_after, race,
    sleep, spawn,
};
use proptest::prelude::*;

/// One try at an item, with a time limit of `secs`.
#[derive(Debug, Clone, Copy)]
enum Try {
    /// `race!(get, sleep)`: the get listed first.
    GetFirst(u8),
    /// `race!(sleep, get)`: the timer wins a tie.
    TimerFirst(u8),
    /// `move_on_after(secs, get)`.
    MoveOn(u8),
    /// `fail_after(secs, get)`.
    FailAfter(u8),
    /// A scope cancelled by a sibling task after `secs`.
    Cancelled(u8),
    /// `race([get, get])`, itself raced against a timer: two gets of one queue.
    TwoGets(u8),
}

fn a_try() -> impl Strategy<Value = Try> {
    prop_oneof![
        (0u8..3).prop_map(Try::GetFirst),
        (0u8..3).prop_map(Try::TimerFirst),
        (0u8..3).prop_map(Try::MoveOn),
        (0u8..3).prop_map(Try::FailAfter),
        (0u8..3).prop_map(Try::Cancelled),
        (0u8..3).prop_map(Try::TwoGets),
    ]
}

#[derive(Debug, Clone)]
struct Program {
    getters: Vec<Vec<Try>>,
    /// (seconds to wait, items to put then).
    puts: Vec<(u8, u8)>,
    /// (second, getter) to cancel.
    cancels: Vec<(u8, usize)>,
}

fn program() -> impl Strategy<Value = Program> {
    (
        prop::collection::vec(prop::collection::vec(a_try(), 0..5), 1..4),
        prop::collection::vec((0u8..3, 0u8..3), 0..6),
        prop::collection::vec((0u8..8, 0usize..3), 0..3),
    )
        .prop_map(|(getters, puts, cancels)| Program {
            getters,
            puts,
            cancels,
        })
}

fn secs(s: u8) -> Duration {
    Duration::from_secs(u64::from(s))
}

/// One try; the item it got, if any.
async fn attempt(queue: &Queue<u32>, how: Try) -> Option<u32> {
    match how {
        Try::GetFirst(s) => match race!(queue.get(), sleep(secs(s))).await {
            First::A(item) => Some(item),
            First::B(()) => None,
        },
        Try::TimerFirst(s) => match race!(sleep(secs(s)), queue.get()).await {
            First::A(()) => None,
            First::B(item) => Some(item),
        },
        Try::MoveOn(s) => move_on_after(secs(s), queue.get()).await,
        Try::FailAfter(s) => fail_after(secs(s), queue.get()).await.ok(),
        Try::Cancelled(s) => {
            let scope = CancelScope::new();
            let canceller = scope.clone();
            spawn(async move {
                sleep(secs(s)).await;
                canceller.cancel();
            });
            scope.run(queue.get()).await
        }
        Try::TwoGets(s) => match race!(race([queue.get(), queue.get()]), sleep(secs(s))).await {
            First::A(won) => won.map(|(_, item)| item),
            First::B(()) => None,
        },
    }
}

/// Runs `program`; every item put, and every item got or left in the queue.
async fn run(program: Program) -> (Vec<u32>, Vec<u32>) {
    let queue: Queue<u32> = Queue::new(0);
    let got = Rc::new(RefCell::new(Vec::new()));
    let tried = Rc::new(RefCell::new(vec![false; program.getters.len()]));
    let getters: Vec<Task<()>> = program
        .getters
        .iter()
        .enumerate()
        .map(|(index, tries)| {
            let (queue, got, tries) = (queue.clone(), Rc::clone(&got), tries.clone());
            let tried = Rc::clone(&tried);
            spawn(async move {
                for how in tries {
                    if let Some(item) = attempt(&queue, how).await {
                        got.borrow_mut().push(item);
                    }
                }
                tried.borrow_mut()[index] = true;
                // The closing round: a plain get, which only a wake-up ends when
                // the queue is empty.
                let item = queue.get().await;
                got.borrow_mut().push(item);
            })
        })
        .collect();
    let producer = {
        let queue = queue.clone();
        spawn(async move {
            let mut next = 0;
            for (wait, n) in program.puts {
                sleep(secs(wait)).await;
                for _ in 0..n {
                    queue.put_nowait(next).expect("unbounded");
                    next += 1;
                }
            }
            next
        })
    };
    let mut cancels = program.cancels;
    cancels.sort_unstable();
    let mut alive = vec![true; getters.len()];
    let mut at = 0;
    for (second, getter) in cancels {
        sleep(secs(second - at)).await;
        at = second;
        if let Some(task) = getters.get(getter) {
            alive[getter] &= !task.cancel();
        }
    }
    let mut put = producer.await.expect("the producer finishes");
    // Every getter still alive is done with its tries: the closing items are its.
    // Each try has its limit, so a minute is plenty; a try past it is stuck.
    for _ in 0..60 {
        if tried
            .borrow()
            .iter()
            .zip(&alive)
            .all(|(tried, alive)| *tried || !alive)
        {
            break;
        }
        sleep(secs(1)).await;
    }
    assert!(
        tried
            .borrow()
            .iter()
            .zip(&alive)
            .all(|(tried, alive)| *tried || !alive),
        "a try outlived its time limit"
    );
    for _ in alive.iter().filter(|alive| **alive) {
        queue.put_nowait(put).expect("unbounded");
        put += 1;
    }
    for (task, alive) in getters.into_iter().zip(alive) {
        let outcome = task.await;
        assert_eq!(outcome.is_ok(), alive, "{outcome:?}");
    }
    let mut seen = got.borrow().clone();
    while let Ok(item) = queue.get_nowait() {
        seen.push(item);
    }
    seen.sort_unstable();
    ((0..put).collect(), seen)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn races_and_scopes_lose_no_item_and_no_wake_up(program in program()) {
        loses_nothing(program, Order::Fifo)?;
    }

    #[test]
    fn under_shuffled_orders_too(program in program(), seed in any::<u64>()) {
        loses_nothing(program, Order::Shuffled { seed })?;
    }
}

/// Runs `program` in `order`: every item put is got once or left in the queue.
fn loses_nothing(program: Program, order: Order) -> Result<(), TestCaseError> {
    let lp = EventLoop::with_virtual_clock()
        .with_order(order)
        .with_trace(Trace::off())
        .with_slow_step(None);
    let outcome = lp.run_until_complete(run(program));
    // A lost wake-up leaves a closing `get` waiting beside an item: a deadlock.
    let (put, seen) = outcome.map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(put, seen);
    Ok(())
}
