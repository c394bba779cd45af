//! Who a task tells when it finishes: [`Notify`] and the list of them.

use std::rc::Rc;
use std::task::Waker;

use super::{Hop, Runnable};

/// A done callback, as the loop keeps it: run with the finished task. (The
/// public one takes a `TaskRef`; `Task::add_done_callback` wraps it.)
pub(crate) type DoneCallback = Box<dyn FnOnce(&Rc<dyn Runnable>)>;

/// How a finished task tells those waiting on it, in the order they registered
/// (asyncio schedules a future's done callbacks in that order).
pub(crate) enum Notify {
    /// Wake this waker: at once (`Direct`, the waiter runs one hop later), or from
    /// a ready-queue entry of its own (`Deferred`, two hops later, as asyncio's
    /// `gather` and `wait` do through their done callbacks).
    Wake { waker: Waker, hop: Hop },
    /// A done callback, run from the ready queue with the finished task.
    Callback(DoneCallback),
}

/// A task's waiters and callbacks, in registration order, each under a key that
/// stays its own until it is forgotten: a waiter that gives up (a timeout, say)
/// takes its entry out, so a long task waited on again and again keeps only the
/// waiters still waiting. Keys rise with each push, so the list is sorted by
/// them. Most tasks have one awaiter or none, so one is kept inline and only a
/// second allocates.
#[derive(Default)]
pub(crate) enum NotifyList {
    #[default]
    Empty,
    One(usize, Notify),
    Many(Vec<(usize, Notify)>),
}

impl NotifyList {
    /// Adds `entry` at the end and returns its key. A key is reused only once it
    /// and every key after it have been removed, each by the holder that then lets
    /// go of it (a finished task's list is taken whole, but takes no new entry).
    pub(crate) fn push(&mut self, entry: Notify) -> usize {
        let (list, key) = match std::mem::take(self) {
            Self::Empty => (Self::One(0, entry), 0),
            Self::One(first, notify) => (
                Self::Many(vec![(first, notify), (first + 1, entry)]),
                first + 1,
            ),
            Self::Many(mut entries) => {
                let key = entries.last().map_or(0, |(last, _)| last + 1);
                entries.push((key, entry));
                (Self::Many(entries), key)
            }
        };
        *self = list;
        key
    }

    pub(crate) fn get_mut(&mut self, key: usize) -> Option<&mut Notify> {
        match self {
            Self::Empty => None,
            Self::One(k, entry) => (*k == key).then_some(entry),
            Self::Many(entries) => {
                let index = entries.binary_search_by_key(&key, |(k, _)| *k).ok()?;
                Some(&mut entries[index].1)
            }
        }
    }

    /// Takes the entry at `key` out, keeping the others in order.
    pub(crate) fn remove(&mut self, key: usize) -> Option<Notify> {
        match self {
            Self::Empty => None,
            Self::One(k, _) if *k != key => None,
            Self::One(..) => match std::mem::take(self) {
                Self::One(_, entry) => Some(entry),
                _ => unreachable!("matched One above"),
            },
            Self::Many(entries) => {
                let index = entries.binary_search_by_key(&key, |(k, _)| *k).ok()?;
                Some(entries.remove(index).1)
            }
        }
    }

    /// Takes every entry out, to go through in order.
    pub(crate) fn take(&mut self) -> Self {
        std::mem::take(self)
    }
}
