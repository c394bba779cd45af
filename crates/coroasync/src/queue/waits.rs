//! The futures of [`Queue::put`] and [`Queue::get`], and the wait they share
//! with a shut-down queue's.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Queue, wake_next};
use crate::context;
use crate::error::QueueEmpty;
use crate::waiters::{Name, WaitKey, WaitList};

/// Waits on `list` as asyncio's `while cond(): await future` loops do: polls the
/// waiter at `key`, and once it is notified (or was never queued) asks `blocked`
/// again, queueing anew at the back if it still holds.
pub(super) fn wait_while(
    list: &RefCell<WaitList>,
    key: &mut Option<WaitKey>,
    cx: &mut Context<'_>,
    blocked: impl Fn() -> bool,
    (name, label): (&Name, &'static str),
) -> Poll<()> {
    if let Some(k) = *key {
        if !list.borrow_mut().poll(k, cx.waker()) {
            name.note(label);
            return Poll::Pending;
        }
        *key = None;
    }
    if blocked() {
        *key = Some(list.borrow_mut().push(cx.waker(), context::cancel_flag()));
        name.note(label);
        return Poll::Pending;
    }
    Poll::Ready(())
}

/// The future of [`Queue::put`].
#[must_use = "futures do nothing unless awaited"]
pub struct Put<T> {
    pub(super) queue: Queue<T>,
    pub(super) item: Option<T>,
    pub(super) key: Option<WaitKey>,
}

impl<T> Unpin for Put<T> {}

impl<T> Future for Put<T> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let queue = &this.queue;
        if wait_while(
            &queue.inner.putters,
            &mut this.key,
            cx,
            || queue.is_full(),
            (&queue.inner.name, "Queue.put"),
        )
        .is_pending()
        {
            return Poll::Pending;
        }
        if let Some(item) = this.item.take() {
            // Not full, checked just now, on this thread.
            let _ = queue.put_nowait(item);
        }
        Poll::Ready(())
    }
}

impl<T> Drop for Put<T> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            let notified = self.queue.inner.putters.borrow_mut().remove(key);
            if notified && !self.queue.is_full() {
                wake_next(&self.queue.inner.putters);
            }
        }
    }
}

/// The future of [`Queue::get`].
#[must_use = "futures do nothing unless awaited"]
pub struct Get<T> {
    pub(super) queue: Queue<T>,
    pub(super) key: Option<WaitKey>,
}

impl<T> Future for Get<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = &mut *self;
        let queue = &this.queue;
        if wait_while(
            &queue.inner.getters,
            &mut this.key,
            cx,
            || queue.is_empty(),
            (&queue.inner.name, "Queue.get"),
        )
        .is_pending()
        {
            return Poll::Pending;
        }
        match queue.get_nowait() {
            Ok(item) => Poll::Ready(item),
            // Not empty, checked just now, on this thread.
            Err(QueueEmpty) => Poll::Pending,
        }
    }
}

impl<T> Drop for Get<T> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            let notified = self.queue.inner.getters.borrow_mut().remove(key);
            if notified && !self.queue.is_empty() {
                wake_next(&self.queue.inner.getters);
            }
        }
    }
}

impl<T> fmt::Debug for Put<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Put")
            .field("waiting", &self.key.is_some())
            .finish()
    }
}

impl<T> fmt::Debug for Get<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Get")
            .field("waiting", &self.key.is_some())
            .finish()
    }
}
