//! `Event`: a flag tasks can wait for.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::context;
use crate::waiters::{Name, WaitKey, WaitList};

/// A flag that tasks wait on until some task sets it: asyncio's `Event`.
///
/// [`Event::set`] wakes every waiter in the order they started waiting; the
/// setter runs on, and tasks already queued run before the woken ones. Waiting on
/// a set event returns at once. Clones share one flag.
///
/// ```
/// use coroasync::{run, say, spawn, yield_now, Event};
///
/// run(async {
///     let event = Event::new();
///     let waiter = spawn({
///         let event = event.clone();
///         async move {
///             event.wait().await;
///             say!("the event was set");
///         }
///     });
///     yield_now().await; // let the waiter start waiting
///     event.set();
///     waiter.await.unwrap();
/// })
/// .unwrap();
/// ```
#[derive(Clone, Default)]
#[doc(alias = "Notify")]
pub struct Event {
    inner: Rc<EventInner>,
}

#[derive(Default)]
struct EventInner {
    set: Cell<bool>,
    waiters: RefCell<WaitList>,
    name: Name,
}

impl Event {
    /// A new, unset event.
    pub fn new() -> Self {
        Self::default()
    }

    /// Names the event (shared by its clones) for the deadlock report and the
    /// trace: `Event 'ready'.wait`.
    ///
    /// ```
    /// use coroasync::{EventLoop, Event};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let report = lp.run(async {
    ///     Event::new().named("ready").wait().await;
    /// });
    /// let report = report.unwrap_err().to_string();
    /// assert!(report.contains("waits on Event 'ready'.wait"), "{report}");
    /// ```
    #[must_use]
    pub fn named(self, name: impl Into<Rc<str>>) -> Self {
        self.set_name(name.into());
        self
    }

    pub(crate) fn set_name(&self, name: Rc<str>) {
        self.inner.name.set(name);
    }

    /// Sets the flag and wakes every waiter; does nothing if it was set already.
    pub fn set(&self) {
        if self.inner.set.replace(true) {
            return;
        }
        let wakers = self.inner.waiters.borrow_mut().notify_all();
        for waker in wakers {
            waker.wake();
        }
    }

    /// Unsets the flag. Waiters already woken still return.
    pub fn clear(&self) {
        self.inner.set.set(false);
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        self.inner.set.get()
    }

    /// Waits until the flag is set.
    pub fn wait(&self) -> EventWait {
        self.wait_as("Event.wait")
    }

    /// [`Event::wait`], named in deadlock reports as `label` says.
    pub(crate) fn wait_as(&self, label: &'static str) -> EventWait {
        EventWait {
            event: self.clone(),
            key: None,
            label,
        }
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("set", &self.is_set())
            .finish()
    }
}

/// The future of [`Event::wait`].
#[must_use = "futures do nothing unless awaited"]
pub struct EventWait {
    event: Event,
    key: Option<WaitKey>,
    label: &'static str,
}

impl Future for EventWait {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let mut waiters = this.event.inner.waiters.borrow_mut();
        match this.key {
            Some(key) if waiters.poll(key, cx.waker()) => {
                this.key = None;
                return Poll::Ready(());
            }
            Some(_) => {}
            None if this.event.is_set() => return Poll::Ready(()),
            None => this.key = Some(waiters.push(cx.waker(), context::cancel_flag())),
        }
        drop(waiters);
        this.event.inner.name.note(this.label);
        Poll::Pending
    }
}

impl Drop for EventWait {
    fn drop(&mut self) {
        if let Some(key) = self.key {
            self.event.inner.waiters.borrow_mut().remove(key);
        }
    }
}

impl fmt::Debug for EventWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventWait")
            .field("event", &self.event)
            .field("waiting", &self.key.is_some())
            .finish()
    }
}
