//! Closing a queue: asyncio 3.13's `Queue.shutdown`, and the put and get that
//! report it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Get, Put, Queue, wait_while};
use crate::error::QueueShutDown;

impl<T> Queue<T> {
    /// Closes the queue: asyncio 3.13's `shutdown(immediate)`. Nothing more goes
    /// in: [`Queue::send`] fails with [`QueueShutDown`] (handing the item back),
    /// and so does [`Queue::put_nowait`]. Consumers calling [`Queue::recv`] take
    /// the items left, then get [`QueueShutDown`]. With `immediate`, the items
    /// left are dropped (and counted as done, so [`Queue::join`] returns). Every
    /// task blocked in `send` or `recv` is woken to look again. Shutting down twice
    /// does no harm.
    ///
    /// Plain [`Queue::get`] and [`Queue::put`] know nothing of shutdown: on a
    /// closed, empty queue `get` waits for ever (and a deadlock report names it),
    /// and `put` on a closed queue waits for ever, holding its item. Use `recv`
    /// and `send` on a queue that may be closed.
    ///
    /// ```
    /// use coroasync::{run, spawn, Queue, QueueShutDown};
    ///
    /// run(async {
    ///     let queue = Queue::new(0);
    ///     let consumer = spawn({
    ///         let queue = queue.clone();
    ///         async move {
    ///             let mut got = Vec::new();
    ///             while let Ok(item) = queue.recv().await {
    ///                 got.push(item);
    ///             }
    ///             got
    ///         }
    ///     });
    ///     for i in 0..3 {
    ///         queue.send(i).await.unwrap();
    ///     }
    ///     queue.shutdown(false);
    ///     assert_eq!(queue.send(3).await, Err(QueueShutDown(3)));
    ///     assert_eq!(consumer.await, Ok(vec![0, 1, 2]));
    /// })
    /// .unwrap();
    /// ```
    pub fn shutdown(&self, immediate: bool) {
        let inner = &self.inner;
        inner.shut_down.set(true);
        if immediate {
            let dropped = std::mem::take(&mut *inner.items.borrow_mut());
            let unfinished = inner.unfinished.get().saturating_sub(dropped.len());
            inner.unfinished.set(unfinished);
            if unfinished == 0 {
                inner.finished.set();
            }
            drop(dropped); // after the borrow: an item's `Drop` may use the queue
        }
        let getters = inner.getters.borrow_mut().notify_all();
        let putters = inner.putters.borrow_mut().notify_all();
        getters.into_iter().chain(putters).for_each(|w| w.wake());
    }

    /// Whether [`Queue::shutdown`] was called.
    pub fn is_shut_down(&self) -> bool {
        self.inner.shut_down.get()
    }

    /// Puts `item` at the back, first waiting for room if the queue is full, or
    /// hands it back in [`QueueShutDown`] once the queue is shut down (asyncio
    /// 3.13's `put`).
    pub fn send(&self, item: T) -> QueueSend<T> {
        QueueSend {
            put: self.put(item),
        }
    }

    /// Takes the item at the front, first waiting for one if the queue is empty;
    /// [`QueueShutDown`] once the queue is shut down and empty (asyncio 3.13's
    /// `get`).
    pub fn recv(&self) -> QueueRecv<T> {
        QueueRecv { get: self.get() }
    }
}

/// The future of [`Queue::send`].
#[must_use = "futures do nothing unless awaited"]
pub struct QueueSend<T> {
    put: Put<T>,
}

impl<T> Unpin for QueueSend<T> {}

impl<T> Future for QueueSend<T> {
    type Output = Result<(), QueueShutDown<T>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let put = &mut self.put;
        let queue = &put.queue;
        let blocked = || queue.is_full() && !queue.is_shut_down();
        let label = (&queue.inner.name, "Queue.put");
        if wait_while(&queue.inner.putters, &mut put.key, cx, blocked, label).is_pending() {
            return Poll::Pending;
        }
        let Some(item) = put.item.take() else {
            return Poll::Ready(Ok(())); // polled again after it finished
        };
        Poll::Ready(queue.put_nowait(item).map_err(|full| QueueShutDown(full.0)))
    }
}

/// The future of [`Queue::recv`].
#[must_use = "futures do nothing unless awaited"]
pub struct QueueRecv<T> {
    get: Get<T>,
}

impl<T> Unpin for QueueRecv<T> {}

impl<T> Future for QueueRecv<T> {
    type Output = Result<T, QueueShutDown>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let get = &mut self.get;
        let queue = &get.queue;
        let blocked = || queue.is_empty() && !queue.is_shut_down();
        let label = (&queue.inner.name, "Queue.get");
        if wait_while(&queue.inner.getters, &mut get.key, cx, blocked, label).is_pending() {
            return Poll::Pending;
        }
        Poll::Ready(queue.get_nowait().map_err(|_| QueueShutDown(())))
    }
}

impl<T> fmt::Debug for QueueSend<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueueSend").field("put", &self.put).finish()
    }
}

impl<T> fmt::Debug for QueueRecv<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueueRecv").field("get", &self.get).finish()
    }
}
