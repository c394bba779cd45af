//! The `futures` feature: [`Stream`] and [`Sink`], the traits the ecosystem's
//! combinators take (`StreamExt::next`, `forward`, `select`, `buffer_unordered`
//! from `futures-util`, and the same traits in tokio-stream and async-channel).
//!
//! [`AsCompleted`] is a stream as it is. A [`Queue`] is shared by many producers
//! and consumers, so its ends are small adapters over a clone of it:
//! [`Queue::into_stream`] and [`Queue::into_sink`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::{FusedStream, Stream};
use futures_sink::Sink;

use crate::as_completed::AsCompleted;
use crate::error::{QueueShutDown, TaskError};
use crate::queue::{Queue, QueueRecv, QueueSend};

/// The results in the order their tasks finish, as [`AsCompleted::next`] gives
/// them; the stream ends when every result has been handed out.
impl<T: 'static> Stream for AsCompleted<T> {
    type Item = Result<T, TaskError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_next_result(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining(), Some(self.remaining()))
    }
}

impl<T: 'static> FusedStream for AsCompleted<T> {
    fn is_terminated(&self) -> bool {
        self.remaining() == 0
    }
}

impl<T> Queue<T> {
    /// This queue's receiving end as a [`Stream`]: each item is taken as
    /// [`Queue::recv`] takes it, and the stream ends once the queue is shut down
    /// ([`Queue::shutdown`]) and empty. Items are not counted as done: call
    /// [`Queue::task_done`] as with `get`, if anyone [`join`](Queue::join)s.
    ///
    /// ```
    /// use coroasync::{run, Queue};
    /// use futures_util::StreamExt;
    ///
    /// run(async {
    ///     let queue = Queue::unbounded();
    ///     for word in ["to", "be"] {
    ///         queue.put_nowait(word).unwrap();
    ///     }
    ///     queue.shutdown(false);
    ///     let words: Vec<_> = queue.into_stream().collect().await;
    ///     assert_eq!(words, ["to", "be"]);
    /// })
    /// .unwrap();
    /// ```
    pub fn into_stream(self) -> QueueStream<T> {
        QueueStream {
            queue: self,
            recv: None,
            ended: false,
        }
    }

    /// This queue's sending end as a [`Sink`]: each item is put as
    /// [`Queue::send`] puts it, waiting for room in a bounded queue, and handed
    /// back in [`QueueShutDown`] once the queue is shut down. Closing the sink
    /// sends what it holds and does not shut the queue down, since other
    /// producers may share it: call [`Queue::shutdown`] for that.
    ///
    /// ```
    /// use coroasync::{run, spawn, Queue};
    /// use futures_util::{SinkExt, StreamExt, stream};
    ///
    /// run(async {
    ///     let queue = Queue::bounded(1);
    ///     let consumer = spawn(queue.clone().into_stream().collect::<Vec<u32>>());
    ///     let mut sink = queue.clone().into_sink();
    ///     sink.send_all(&mut stream::iter([1, 2, 3]).map(Ok)).await.unwrap();
    ///     queue.shutdown(false);
    ///     assert_eq!(consumer.await, Ok(vec![1, 2, 3]));
    /// })
    /// .unwrap();
    /// ```
    pub fn into_sink(self) -> QueueSink<T> {
        QueueSink {
            queue: self,
            send: None,
        }
    }
}

/// A [`Queue`]'s receiving end as a [`Stream`]: see [`Queue::into_stream`].
#[must_use = "streams do nothing unless polled"]
#[derive(Debug)]
pub struct QueueStream<T> {
    queue: Queue<T>,
    /// The take in progress, kept across polls so the consumer keeps its place
    /// in the queue's line of waiters.
    recv: Option<QueueRecv<T>>,
    ended: bool,
}

impl<T> Stream for QueueStream<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        let queue = &this.queue;
        let recv = this.recv.get_or_insert_with(|| queue.recv());
        let taken = std::task::ready!(Pin::new(recv).poll(cx));
        this.recv = None;
        match taken {
            Ok(item) => Poll::Ready(Some(item)),
            Err(QueueShutDown(())) => {
                this.ended = true;
                Poll::Ready(None)
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.queue.qsize(), None)
    }
}

impl<T> FusedStream for QueueStream<T> {
    fn is_terminated(&self) -> bool {
        self.ended
    }
}

/// A [`Queue`]'s sending end as a [`Sink`]: see [`Queue::into_sink`].
#[must_use = "sinks do nothing unless polled"]
#[derive(Debug)]
pub struct QueueSink<T> {
    queue: Queue<T>,
    /// The put still waiting for room: at most one item is held here.
    send: Option<QueueSend<T>>,
}

impl<T> QueueSink<T> {
    /// Waits until the held item, if any, is in the queue.
    fn poll_sent(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), QueueShutDown<T>>> {
        let Some(send) = &mut self.send else {
            return Poll::Ready(Ok(()));
        };
        let sent = std::task::ready!(Pin::new(send).poll(cx));
        self.send = None;
        Poll::Ready(sent)
    }
}

impl<T> Sink<T> for QueueSink<T> {
    type Error = QueueShutDown<T>;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.get_mut().poll_sent(cx)
    }

    /// Puts `item` at once if there is room; otherwise holds it until the next
    /// `poll_ready` or `poll_flush` finds room.
    fn start_send(self: Pin<&mut Self>, item: T) -> Result<(), Self::Error> {
        let this = self.get_mut();
        if this.queue.is_shut_down() {
            return Err(QueueShutDown(item));
        }
        if let Err(full) = this.queue.put_nowait(item) {
            this.send = Some(this.queue.send(full.0));
        }
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.get_mut().poll_sent(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.get_mut().poll_sent(cx)
    }
}
