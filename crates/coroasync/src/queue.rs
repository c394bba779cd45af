//! `Queue`: a FIFO between producers and consumers, bounded or not.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

use crate::error::{QueueEmpty, QueueFull, TaskDoneError};
use crate::event::Event;
use crate::waiters::{Name, WaitList};

mod shutdown;
mod waits;

pub use shutdown::{QueueRecv, QueueSend};
use waits::wait_while;
pub use waits::{Get, Put};

/// A first-in, first-out queue for tasks: asyncio's `Queue`.
///
/// With a `maxsize` above 0, [`Queue::put`] waits while the queue is full; 0 means
/// unbounded. Each put counts an unfinished item; [`Queue::task_done`] counts one
/// finished, and [`Queue::join`] waits until none are left. Clones share one queue.
///
/// Order follows asyncio: a put wakes the oldest waiting getter, which re-checks
/// when it runs, so a task that runs first may take the item, and the getter then
/// waits again at the back. A waiter that is cancelled passes its wake-up on, so no
/// item and no wake-up is lost.
///
/// ```
/// use coroasync::{run, spawn, Queue};
///
/// run(async {
///     let queue = Queue::new(1);
///     let producer = spawn({
///         let queue = queue.clone();
///         async move {
///             for i in 0..3 {
///                 queue.put(format!("message {i}")).await;
///             }
///         }
///     });
///     let mut got = Vec::new();
///     for _ in 0..3 {
///         got.push(queue.get().await);
///         queue.task_done().unwrap();
///     }
///     producer.await.unwrap();
///     queue.join().await;
///     assert_eq!(got, ["message 0", "message 1", "message 2"]);
/// })
/// .unwrap();
/// ```
#[doc(alias = "mpsc")]
#[doc(alias = "channel")]
pub struct Queue<T> {
    inner: Rc<QueueInner<T>>,
}

struct QueueInner<T> {
    items: RefCell<VecDeque<T>>,
    maxsize: usize,
    getters: RefCell<WaitList>,
    putters: RefCell<WaitList>,
    unfinished: Cell<usize>,
    finished: Event,
    /// Set by [`Queue::shutdown`]: nothing more goes in.
    shut_down: Cell<bool>,
    name: Name,
}

impl<T> Queue<T> {
    /// A queue that holds at most `maxsize` items, as asyncio's `Queue(maxsize)`:
    /// 0 means no limit (where tokio's `mpsc::channel(0)` panics). Outside the
    /// lessons, [`Queue::bounded`] and [`Queue::unbounded`] say which is meant.
    ///
    /// ```
    /// use coroasync::Queue;
    ///
    /// assert_eq!(Queue::<u8>::new(0).maxsize(), 0); // unbounded
    /// assert!(!Queue::<u8>::new(0).is_full());
    /// ```
    #[doc(alias = "channel")]
    pub fn new(maxsize: usize) -> Self {
        let finished = Event::new();
        finished.set();
        Self {
            inner: Rc::new(QueueInner {
                items: RefCell::default(),
                maxsize,
                getters: RefCell::default(),
                putters: RefCell::default(),
                unfinished: Cell::new(0),
                finished,
                shut_down: Cell::new(false),
                name: Name::default(),
            }),
        }
    }

    /// A queue that holds at most `capacity` items: [`Queue::put`] waits while it
    /// is full (tokio's `mpsc::channel(capacity)`).
    ///
    /// # Panics
    ///
    /// When `capacity` is 0, as tokio's `channel(0)` does: a queue that holds
    /// nothing cannot pass an item on (and `Queue::new(0)` would mean no limit).
    ///
    /// ```
    /// use coroasync::{Queue, QueueFull};
    ///
    /// let queue = Queue::bounded(1);
    /// queue.put_nowait("first").unwrap();
    /// assert_eq!(queue.put_nowait("second"), Err(QueueFull("second")));
    /// ```
    #[track_caller]
    pub fn bounded(capacity: usize) -> Self {
        assert!(
            capacity > 0,
            "Queue::bounded(0): a bounded queue holds at least one item; \
             use Queue::unbounded() for no limit"
        );
        Self::new(capacity)
    }

    /// A queue without a limit: [`Queue::put`] never waits (tokio's
    /// `mpsc::unbounded_channel`, asyncio's `Queue()`).
    ///
    /// ```
    /// use coroasync::Queue;
    ///
    /// let queue = Queue::unbounded();
    /// for i in 0..1000 {
    ///     queue.put_nowait(i).unwrap();
    /// }
    /// assert_eq!(queue.qsize(), 1000);
    /// ```
    #[doc(alias = "unbounded_channel")]
    pub fn unbounded() -> Self {
        Self::new(0)
    }

    /// The limit given to [`Queue::new`] or [`Queue::bounded`] (0: none).
    pub fn maxsize(&self) -> usize {
        self.inner.maxsize
    }

    /// How many items are in the queue.
    pub fn qsize(&self) -> usize {
        self.inner.items.borrow().len()
    }

    /// Whether the queue holds no item.
    pub fn is_empty(&self) -> bool {
        self.inner.items.borrow().is_empty()
    }

    /// Whether the queue holds `maxsize` items (never, without a limit).
    pub fn is_full(&self) -> bool {
        self.inner.maxsize > 0 && self.qsize() >= self.inner.maxsize
    }

    /// Puts `item` at the back without waiting, or hands it back if the queue is
    /// full, or shut down (see [`Queue::shutdown`]).
    ///
    /// # Errors
    ///
    /// [`QueueFull`] with the item handed back when the queue is full or shut down.
    pub fn put_nowait(&self, item: T) -> Result<(), QueueFull<T>> {
        if self.is_full() || self.is_shut_down() {
            return Err(QueueFull(item));
        }
        self.inner.items.borrow_mut().push_back(item);
        self.inner.unfinished.set(self.inner.unfinished.get() + 1);
        self.inner.finished.clear();
        wake_next(&self.inner.getters);
        Ok(())
    }

    /// Takes the item at the front without waiting, if there is one.
    ///
    /// # Errors
    ///
    /// [`QueueEmpty`] when the queue holds no item.
    pub fn get_nowait(&self) -> Result<T, QueueEmpty> {
        let item = self
            .inner
            .items
            .borrow_mut()
            .pop_front()
            .ok_or(QueueEmpty)?;
        wake_next(&self.inner.putters);
        Ok(item)
    }

    /// Puts `item` at the back, first waiting for room if the queue is full. A put
    /// that need not wait does not yield.
    pub fn put(&self, item: T) -> Put<T> {
        Put {
            queue: self.clone(),
            item: Some(item),
            key: None,
        }
    }

    /// Names the queue (shared by its clones) for the deadlock report and the
    /// trace, which then say a task waits on `Queue 'orders'.get` (or `.put`,
    /// `.join`).
    ///
    /// ```
    /// use coroasync::{EventLoop, Queue};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let report = lp.run(async {
    ///     let orders = Queue::<u32>::unbounded().named("orders");
    ///     orders.get().await;
    /// });
    /// let report = report.unwrap_err().to_string();
    /// assert!(report.contains("waits on Queue 'orders'.get"), "{report}");
    /// ```
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        let name = name.into();
        self.inner.finished.set_name(Rc::clone(&name));
        self.inner.name.set(name);
        self
    }

    /// Takes the item at the front, first waiting for one if the queue is empty.
    pub fn get(&self) -> Get<T> {
        Get {
            queue: self.clone(),
            key: None,
        }
    }

    /// Counts one item taken with `get` as processed. Called more often than items
    /// were put, it is an error (asyncio's `ValueError`) and counts nothing.
    ///
    /// # Errors
    ///
    /// [`TaskDoneError`] when called more times than items were put.
    pub fn task_done(&self) -> Result<(), TaskDoneError> {
        let unfinished = self.inner.unfinished.get();
        if unfinished == 0 {
            return Err(TaskDoneError);
        }
        self.inner.unfinished.set(unfinished - 1);
        if unfinished == 1 {
            self.inner.finished.set();
        }
        Ok(())
    }

    /// Waits until every item put has been counted by [`Queue::task_done`].
    pub async fn join(&self) {
        if self.inner.unfinished.get() > 0 {
            self.inner.finished.wait_as("Queue.join").await;
        }
    }
}

fn wake_next(waiters: &RefCell<WaitList>) {
    let waker = waiters.borrow_mut().notify_one();
    if let Some(waker) = waker {
        waker.wake();
    }
}

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<T> fmt::Debug for Queue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Queue")
            .field("qsize", &self.qsize())
            .field("maxsize", &self.inner.maxsize)
            .field("unfinished", &self.inner.unfinished.get())
            .finish()
    }
}
