//! The model's programs under shuffled orders (`Order::Shuffled`). The model
//! follows asyncio's order, so lines are not compared; what must hold whatever the
//! order is checked instead:
//! - no item is got twice, and every item got or left in a queue was put;
//! - every item a finished `put` put is got, or is still in its queue, but for
//!   those a `wait_for(get)` cancelled from outside may have taken (its inner get
//!   finished, and the cancelled task never says what it got: asyncio 3.11's
//!   `wait_for` loses the item the same way);
//! - no task panics but on purpose (`Op::Panic`): a lock held twice or a permit
//!   too many panics the task that sees it;
//! - every task that is not deadlocked ended exactly once, and with all ended,
//!   every lock and permit is back (`run_real_in` asserts it);
//! - a deadlock is real: each stuck task waits on a primitive that cannot wake it
//!   (an unset event, an empty queue to get from, a full one to put in, a held
//!   lock, a semaphore with no permit), so no wake-up was lost.

use proptest::prelude::*;

use super::{Op, Order, Prim, Shared, run_real_in};

/// What the shuffled mode checks beyond the outcome: the items left in the queues,
/// and the stuck tasks that wait on what could wake them (lost wake-ups).
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub(super) left: Vec<usize>,
    pub(super) lost_wakes: Vec<String>,
}

/// Marks task `task` as waiting in `prim` while it lives (a cancelled wait drops it
/// too).
pub(super) struct Blocked<'a> {
    shared: &'a Shared,
    task: usize,
}

impl<'a> Blocked<'a> {
    pub(super) fn on(shared: &'a Shared, task: usize, prim: Prim) -> Self {
        shared.blocked.borrow_mut()[task] = Some(prim);
        Self { shared, task }
    }
}

impl Drop for Blocked<'_> {
    fn drop(&mut self) {
        self.shared.blocked.borrow_mut()[self.task] = None;
    }
}

/// The stuck tasks (`deadlocked`) whose primitive could let them go on.
pub(super) fn lost_wakes(shared: &Shared, deadlocked: &[usize]) -> Vec<String> {
    let blocked = shared.blocked.borrow();
    deadlocked
        .iter()
        .filter_map(|&task| {
            let free = match blocked[task] {
                None => return Some(format!("task {task} is stuck outside any primitive")),
                Some(Prim::Event(e)) => shared.events[e as usize].is_set(),
                Some(Prim::Get(q)) => !shared.queues[q as usize].is_empty(),
                Some(Prim::Put(q)) => !shared.queues[q as usize].is_full(),
                Some(Prim::Lock(l)) => !shared.locks[l as usize].is_locked(),
                Some(Prim::Acquire) => shared.sem.available() > 0,
            };
            free.then(|| format!("task {task} waits in {:?}, which is free", blocked[task]))
        })
        .collect()
}

/// Takes what is left in the queues.
pub(super) fn drain(shared: &Shared) -> Vec<usize> {
    let mut left = Vec::new();
    for queue in &shared.queues {
        while let Ok(item) = queue.get_nowait() {
            left.push(item);
        }
    }
    left
}

/// What the lines say of the puts and the timed gets.
#[derive(Debug, Default)]
struct Puts {
    /// The items of the puts that finished: a put's task says `t{i}.{k}` after
    /// it, and `t{i}.{k} timeout` before that if its time ran out.
    finished: Vec<usize>,
    /// The items of the timed puts that did not say so: their inner put may have
    /// finished before the task was cancelled, or not.
    maybe: Vec<usize>,
    /// How many timed gets never said what they got: each may have taken one.
    unsaid_gets: usize,
}

fn puts(program: &[Vec<Op>], lines: &[String]) -> Puts {
    let said = |line: String| lines.contains(&line);
    let mut puts = Puts::default();
    for (i, ops) in program.iter().enumerate() {
        for (k, op) in ops.iter().enumerate() {
            let item = i * 100 + k;
            let done = said(format!("t{i}.{k}"));
            let timeout = said(format!("t{i}.{k} timeout"));
            match op {
                Op::Put(_) if done => puts.finished.push(item),
                Op::Timed(Prim::Put(_), _) if done && !timeout => puts.finished.push(item),
                Op::Timed(Prim::Put(_), _) if !done => puts.maybe.push(item),
                Op::Timed(Prim::Get(_), _) if !done => puts.unsaid_gets += 1,
                _ => {}
            }
        }
    }
    puts
}

/// The items the gets said they got (`t{i}.{k} got {item}`).
fn got_items(lines: &[String]) -> Vec<usize> {
    lines
        .iter()
        .filter_map(|line| line.split_once(" got ")?.1.parse().ok())
        .collect()
}

/// Runs `program` in the order shuffled from `seed` and checks what must hold in
/// any order.
pub(super) fn loses_nothing(program: &[Vec<Op>], seed: u64) -> Result<(), TestCaseError> {
    let (outcome, checked) = run_real_in(program, Order::Shuffled { seed });
    prop_assert!(checked.lost_wakes.is_empty(), "{:?}", checked.lost_wakes);
    for (t, end) in outcome.ends.iter().enumerate() {
        prop_assert_eq!(end.is_none(), outcome.deadlocked.contains(&t));
        if let Some(super::End::Panicked(message)) = end {
            prop_assert_eq!(message, &format!("t{t} boom"));
        }
    }
    let puts = puts(program, &outcome.lines);
    let mut seen = got_items(&outcome.lines);
    seen.extend(checked.left);
    seen.sort_unstable();
    let mut unique = seen.clone();
    unique.dedup();
    prop_assert_eq!(&unique, &seen, "an item was got twice");
    for item in &seen {
        let put = puts.finished.contains(item) || puts.maybe.contains(item);
        prop_assert!(put, "item {} was got or left, and never put", item);
    }
    let missing: Vec<&usize> = (puts.finished.iter())
        .filter(|item| !seen.contains(item))
        .collect();
    prop_assert!(
        missing.len() <= puts.unsaid_gets,
        "items {:?} were put, and neither got nor left",
        missing
    );
    Ok(())
}
