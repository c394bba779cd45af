//! `Barrier` against asyncio 3.11: arrival indexes, the order waiters leave in,
//! rounds, cancellation, reset and abort (a Python program in `toolbox/` and its
//! Rust twin print the same lines).

#[path = "toolbox/twin.rs"]
mod twin;

use coroasync::{
    Barrier, BrokenBarrierError, EventLoop, TaskError, ZeroParties, gather, say, spawn, yield_now,
};
use twin::assert_twin;

fn py(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

async fn party(barrier: Barrier, name: &'static str, rounds: usize) {
    for round in 0..rounds {
        say!(
            "{name} arrives (round {round}), waiting {}",
            barrier.n_waiting()
        );
        match barrier.wait().await {
            Ok(index) => say!("{name} passes with index {index}"),
            Err(BrokenBarrierError) => say!("{name}: broken barrier"),
        }
    }
}

#[test]
fn barrier_rounds_cancellation_reset_and_abort_match_asyncio() {
    assert_twin("barrier_order", async {
        let barrier = Barrier::new(3);
        let tasks: Vec<_> = ["a", "b", "c"]
            .map(|name| spawn(party(barrier.clone(), name, 2)))
            .into();
        gather(tasks).await.unwrap();
        say!(
            "after two rounds: waiting {}, broken {}",
            barrier.n_waiting(),
            py(barrier.is_broken())
        );
        let quitter = spawn(party(barrier.clone(), "quitter", 1));
        let stayer = spawn(party(barrier.clone(), "stayer", 1));
        yield_now().await;
        say!("waiting {}", barrier.n_waiting());
        quitter.cancel();
        if quitter.await == Err(TaskError::Cancelled) {
            say!(
                "quitter cancelled, waiting {}, broken {}",
                barrier.n_waiting(),
                py(barrier.is_broken())
            );
        }
        barrier.reset().await;
        say!("reset, waiting {}", barrier.n_waiting());
        stayer.await.unwrap();
        barrier.abort().await;
        say!("aborted, broken {}", py(barrier.is_broken()));
        party(barrier.clone(), "late", 1).await;
        barrier.reset().await;
        say!("reset again, broken {}", py(barrier.is_broken()));
    });
}

#[test]
fn a_barrier_of_one_lets_each_task_through_at_once() {
    let lp = EventLoop::with_virtual_clock();
    let indexes = lp.run_until_complete(async {
        let barrier = Barrier::new(1);
        (barrier.wait().await, barrier.wait().await)
    });
    assert_eq!(indexes, Ok((Ok(0), Ok(0))));
}

#[test]
fn zero_parties_is_an_error_not_a_panic() {
    assert_eq!(Barrier::try_new(0).unwrap_err(), ZeroParties);
    assert_eq!(
        ZeroParties.to_string(),
        "a barrier needs at least one party"
    );
}
