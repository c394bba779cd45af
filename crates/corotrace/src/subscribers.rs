//! The closures a [`Trace`](crate::Trace) hands each event to as it is recorded.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use crate::Event;

/// One subscriber: called with each event, in order.
type Subscriber = Box<dyn FnMut(&Event)>;

/// A trace's subscribers, and the events recorded while they were being called.
///
/// A subscriber may record into the trace it watches (a `print`, say). Calling
/// the subscribers again from inside one of them would borrow them twice, so such
/// an event waits in `pending` and is delivered when the outer delivery ends:
/// every subscriber still sees every event, once, in the order recorded.
#[derive(Default)]
pub(crate) struct Subscribers {
    subscribers: RefCell<Vec<Subscriber>>,
    /// How many there are, readable while they are borrowed for a delivery.
    count: Cell<usize>,
    delivering: Cell<bool>,
    pending: RefCell<VecDeque<Event>>,
    /// Subscribers added by a subscriber, during a delivery: they join after it.
    joining: RefCell<Vec<Subscriber>>,
}

impl Subscribers {
    pub(crate) fn add(&self, subscriber: Subscriber) {
        match self.subscribers.try_borrow_mut() {
            Ok(mut subscribers) => subscribers.push(subscriber),
            Err(_) => self.joining.borrow_mut().push(subscriber),
        }
        self.count.set(self.count.get() + 1);
    }

    pub(crate) fn count(&self) -> usize {
        self.count.get()
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.count.get() == 0
    }

    /// Hands `event` to every subscriber, or queues it if a subscriber is running.
    #[inline]
    pub(crate) fn deliver(&self, event: &Event) {
        if self.delivering.get() {
            self.pending.borrow_mut().push_back(event.clone());
            return;
        }
        let _delivering = Delivering::start(&self.delivering);
        let mut subscribers = self.subscribers.borrow_mut();
        call_each(&mut subscribers, event);
        // Events the subscribers themselves recorded, oldest first. The borrow of
        // `pending` ends before the calls, which may queue more.
        loop {
            let next = self.pending.borrow_mut().pop_front();
            let Some(next) = next else { break };
            call_each(&mut subscribers, &next);
        }
        subscribers.append(&mut self.joining.borrow_mut());
    }
}

fn call_each(subscribers: &mut [Subscriber], event: &Event) {
    for subscriber in subscribers {
        subscriber(event);
    }
}

/// Raises the `delivering` flag, and lowers it again even if a subscriber
/// panics: a flag left up would queue every later event for ever.
struct Delivering<'a>(&'a Cell<bool>);

impl<'a> Delivering<'a> {
    fn start(flag: &'a Cell<bool>) -> Self {
        flag.set(true);
        Self(flag)
    }
}

impl Drop for Delivering<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}
