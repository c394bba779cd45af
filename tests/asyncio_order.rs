//! `docs/asyncio-order.md` stays true: its worked example prints, under python3,
//! what the page says, and its Rust twin on coroasync prints the same lines.

use std::cell::RefCell;
use std::process::Command;
use std::rc::Rc;

use coroasync::{Event, gather, run, spawn, yield_now};

const PAGE: &str = include_str!("../docs/asyncio-order.md");

/// The body of the page's first ```LANGUAGE block.
fn block(language: &str) -> &'static str {
    let fence = format!("```{language}\n");
    let start = PAGE.find(&fence).expect("the page has the block") + fence.len();
    let end = start + PAGE[start..].find("```").expect("the block is closed");
    &PAGE[start..end]
}

type Log = Rc<RefCell<Vec<String>>>;

async fn child(log: Log, name: &'static str, hops: usize) -> &'static str {
    for i in 0..hops {
        log.borrow_mut().push(format!("{name} step {i}"));
        yield_now().await;
    }
    log.borrow_mut().push(format!("{name} done"));
    name
}

async fn ticker(log: Log, n: usize) {
    for i in 0..n {
        log.borrow_mut().push(format!("tick {i}"));
        yield_now().await;
    }
}

async fn waiter(log: Log, event: Event, n: usize) {
    event.wait().await;
    log.borrow_mut().push(format!("waiter {n} woke"));
}

/// The page's Python, on coroasync.
async fn main_(log: Log) {
    let t = spawn(child(log.clone(), "a", 1));
    log.borrow_mut().push("main after create_task".to_owned());
    let tick = spawn(ticker(log.clone(), 6));
    let got = t.await.expect("a finishes");
    log.borrow_mut().push(format!("main got {got}"));
    gather([spawn(child(log.clone(), "b", 0))])
        .await
        .expect("b finishes");
    log.borrow_mut().push("main after gather".to_owned());
    let event = Event::new();
    let waiters = [1, 2].map(|n| spawn(waiter(log.clone(), event.clone(), n)));
    yield_now().await;
    event.set();
    log.borrow_mut().push("setter runs on".to_owned());
    gather(waiters).await.expect("the waiters finish");
    tick.await.expect("the ticker finishes");
}

#[test]
fn coroasync_orders_the_worked_example_as_the_page_says() {
    let log: Log = Rc::default();
    run(main_(log.clone())).expect("main finishes");
    let printed: String = log
        .borrow()
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(printed, block("text"));
}

#[test]
fn python_orders_the_worked_example_as_the_page_says() {
    let output = Command::new("python3")
        .args(["-c", block("python")])
        .output()
        .unwrap_or_else(|error| panic!("cannot run python3 ({error}); install Python 3.11"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), block("text"));
}
