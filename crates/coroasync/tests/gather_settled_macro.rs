//! `gather_settled!`: outcomes of awaitables of different types, failures
//! included, in asyncio's order (`gather(..., return_exceptions=True)` resumes
//! its caller two hops after the last child finishes: checked against python3).

#[path = "toolbox/twin.rs"]
mod twin;

use std::time::Duration;

use coroasync::{EventLoop, TaskError, gather_settled, say, sleep, spawn, yield_now};
use twin::assert_twin;

async fn ticker(n: usize) {
    for i in 0..n {
        say!("tick {i}");
        yield_now().await;
    }
}

#[test]
fn mixed_outcomes_come_back_in_order_and_on_asyncio_s_hop() {
    assert_twin("gather_settled", async {
        spawn(ticker(6));
        let number = async {
            yield_now().await;
            say!("number done");
            4
        };
        let word = async {
            for _ in 0..3 {
                yield_now().await;
            }
            say!("word done");
            "four"
        };
        let doomed = spawn(sleep(Duration::from_secs(5)));
        doomed.cancel();
        let (n, w, d) = gather_settled!(number, word, doomed).await.unwrap();
        let cancelled = if d == Err(TaskError::Cancelled) {
            "True"
        } else {
            "False"
        };
        say!("number {n:?}, word {w:?}, cancelled {cancelled}");
    });
}

#[test]
fn dropping_the_gathering_cancels_the_tasks_still_running() {
    let lp = EventLoop::with_virtual_clock();
    lp.run_until_complete(async {
        let slow = spawn(sleep(Duration::from_secs(60)));
        let slow_ref = slow.to_ref();
        let late = coroasync::wait_for(
            async move { gather_settled!(slow, async { 1 }).await.map(|_| ()) },
            Duration::from_secs(1),
        )
        .await;
        assert!(late.is_err());
        assert_eq!(slow_ref.await, Err(TaskError::Cancelled));
    })
    .unwrap();
}
