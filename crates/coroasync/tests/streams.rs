//! The `futures` feature: `AsCompleted` as a `Stream`, a `Queue`'s ends as a
//! `Stream` and a `Sink`, combined as users combine them, and nothing lost when a
//! consumer is cancelled mid-wait.
#![cfg(feature = "futures")]

use std::time::Duration;

use coroasync::{EventLoop, Queue, QueueShutDown, as_completed, sleep, spawn, yield_now};
use futures_util::{SinkExt, Stream, StreamExt, stream};

fn run<T: 'static>(program: impl Future<Output = T> + 'static) -> T {
    EventLoop::with_virtual_clock()
        .run(program)
        .expect("the program runs to its end")
}

#[test]
fn as_completed_streams_results_in_the_order_tasks_finish() {
    let order = run(async {
        let tasks = as_completed([3u64, 1, 2].map(|secs| async move {
            sleep(Duration::from_secs(secs)).await;
            secs
        }));
        assert_eq!(tasks.size_hint(), (3, Some(3)));
        tasks.map(Result::unwrap).collect::<Vec<_>>().await
    });
    assert_eq!(order, [1, 2, 3]);
}

#[test]
fn a_queue_stream_takes_every_item_then_ends_at_shutdown() {
    let got = run(async {
        let queue = Queue::bounded(2);
        let consumer = spawn(queue.clone().into_stream().collect::<Vec<u32>>());
        for i in 0..5 {
            queue.send(i).await.unwrap();
        }
        queue.shutdown(false);
        consumer.await.unwrap()
    });
    assert_eq!(got, [0, 1, 2, 3, 4]);
}

#[test]
fn a_sink_waits_for_room_and_keeps_the_order() {
    let (got, peak) = run(async {
        let queue = Queue::bounded(1);
        let watcher = queue.clone();
        let consumer = spawn(async move {
            let mut got = Vec::new();
            let mut peak = 0;
            let mut items = watcher.clone().into_stream();
            while let Some(item) = items.next().await {
                peak = peak.max(watcher.qsize());
                got.push(item);
                sleep(Duration::from_millis(10)).await;
            }
            (got, peak)
        });
        let mut sink = queue.clone().into_sink();
        sink.send_all(&mut stream::iter(0..6u32).map(Ok))
            .await
            .unwrap();
        sink.close().await.unwrap();
        assert!(
            !queue.is_shut_down(),
            "closing a sink leaves the queue open"
        );
        queue.shutdown(false);
        consumer.await.unwrap()
    });
    assert_eq!(got, [0, 1, 2, 3, 4, 5]);
    assert!(peak <= 1, "a bounded queue held {peak} items");
}

#[test]
fn a_sink_hands_the_item_back_once_the_queue_is_shut_down() {
    let refused = run(async {
        let queue = Queue::unbounded();
        queue.shutdown(false);
        queue.into_sink().send(7).await
    });
    assert_eq!(refused, Err(QueueShutDown(7)));
}

#[test]
fn a_sink_blocked_on_a_full_queue_hands_its_item_back_at_shutdown() {
    let refused = run(async {
        let queue = Queue::bounded(1);
        queue.put_nowait(0).unwrap();
        let closer = queue.clone();
        spawn(async move {
            yield_now().await;
            closer.shutdown(false);
        });
        let mut sink = queue.into_sink();
        sink.feed(1).await.unwrap(); // held: no room
        sink.flush().await
    });
    assert_eq!(refused, Err(QueueShutDown(1)));
}

#[test]
fn a_stream_dropped_while_waiting_loses_no_item() {
    let got = run(async {
        let queue = Queue::unbounded();
        let waiting = |queue: &Queue<&'static str>| {
            let mut items = queue.clone().into_stream();
            async move { items.next().await }
        };
        let first = spawn(waiting(&queue));
        let second = spawn(waiting(&queue));
        yield_now().await; // both wait, `first` at the head of the line
        first.cancel();
        queue.put_nowait("only").unwrap();
        let (first, second) = (first.await, second.await);
        assert!(first.is_err(), "the first consumer was cancelled");
        second.unwrap()
    });
    assert_eq!(got, Some("only"));
}

#[test]
fn a_stream_can_be_raced_against_a_timer() {
    let picked = run(async {
        let queue: Queue<u32> = Queue::unbounded();
        let mut items = queue.clone().into_stream();
        let timer = std::pin::pin!(sleep(Duration::from_secs(1)));
        match futures_util::future::select(items.next(), timer).await {
            futures_util::future::Either::Left(_) => "item",
            futures_util::future::Either::Right(_) => "timer",
        }
    });
    assert_eq!(picked, "timer");
}
