//! `Queue::shutdown` (asyncio 3.13): producers close the queue, consumers drain
//! it and then learn it is closed; `immediate` drops what is left; every task
//! blocked in `send` or `recv` at shutdown time is woken.

use std::cell::Cell;
use std::rc::Rc;

use coroasync::{EventLoop, Queue, QueueShutDown, spawn, yield_now};

fn run<T: 'static>(main: impl std::future::Future<Output = T> + 'static) -> T {
    EventLoop::with_virtual_clock()
        .run_until_complete(main)
        .expect("main finishes")
}

#[test]
fn consumers_drain_what_is_left_then_learn_the_queue_is_shut_down() {
    let got = run(async {
        let queue = Queue::new(0);
        for i in 0..3 {
            queue.send(i).await.unwrap();
        }
        queue.shutdown(false);
        assert!(queue.is_shut_down());
        assert_eq!(queue.send(9).await, Err(QueueShutDown(9)));
        assert!(queue.put_nowait(9).is_err());
        let mut got = Vec::new();
        while let Ok(item) = queue.recv().await {
            got.push(item);
        }
        assert_eq!(queue.recv().await, Err(QueueShutDown(())));
        got
    });
    assert_eq!(got, [0, 1, 2]);
}

#[test]
fn getters_blocked_at_shutdown_are_woken_with_the_error() {
    let outcome = run(async {
        let queue: Queue<u32> = Queue::new(0);
        let getters: Vec<_> = (0..3)
            .map(|_| {
                let queue = queue.clone();
                spawn(async move { queue.recv().await })
            })
            .collect();
        yield_now().await; // all three wait on the empty queue
        queue.shutdown(false);
        let mut outcome = Vec::new();
        for getter in getters {
            outcome.push(getter.await.unwrap());
        }
        outcome
    });
    assert_eq!(outcome, [Err(QueueShutDown(())); 3]);
}

#[test]
fn putters_blocked_at_shutdown_get_their_items_back() {
    let (outcome, left) = run(async {
        let queue = Queue::new(1);
        queue.send("in").await.unwrap();
        let putter = spawn({
            let queue = queue.clone();
            async move { queue.send("blocked").await }
        });
        yield_now().await; // the putter waits on the full queue
        queue.shutdown(false);
        let outcome = putter.await.unwrap();
        (outcome, queue.recv().await)
    });
    assert_eq!(outcome, Err(QueueShutDown("blocked")));
    assert_eq!(left, Ok("in"), "a plain shutdown keeps the items in");
}

/// Counts its drops, to see what an immediate shutdown throws away.
struct Counted(Rc<Cell<usize>>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn immediate_shutdown_drops_the_items_and_releases_join() {
    let dropped = Rc::new(Cell::new(0));
    let counted = dropped.clone();
    let got_nothing = run(async move {
        let queue = Queue::new(0);
        for _ in 0..3 {
            queue.send(Counted(counted.clone())).await.ok().unwrap();
        }
        let joiner = spawn({
            let queue = queue.clone();
            async move { queue.join().await }
        });
        yield_now().await; // join waits on three unfinished items
        queue.shutdown(true);
        joiner.await.unwrap();
        assert_eq!(queue.qsize(), 0);
        queue.recv().await.is_err()
    });
    assert!(got_nothing);
    assert_eq!(dropped.get(), 3);
}

#[test]
fn a_getter_woken_by_a_put_then_shutdown_still_takes_the_item() {
    let got = run(async {
        let queue = Queue::new(0);
        let getter = spawn({
            let queue = queue.clone();
            async move { queue.recv().await }
        });
        yield_now().await;
        queue.send(7).await.unwrap();
        queue.shutdown(false);
        getter.await.unwrap()
    });
    assert_eq!(got, Ok(7));
}
