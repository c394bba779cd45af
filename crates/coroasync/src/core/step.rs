//! One step of a task, and how a task's end is filed: its slot freed, its ending
//! traced, its waiters and done callbacks told.

use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use corotrace::{Cause, Event, TaskId, Trace};

use super::Core;
use crate::cell::{DoneCallback, Ending, Header, Hop, Notify, NotifyList, Runnable};
use crate::diagnostics::Diagnostic;
use crate::error::TaskError;
use crate::tick::Tick;
use crate::unwind;
use crate::waiting::Waiting;
use crate::waker::{Remote, TaskWaker};
use crate::watchdog::Watchdog;

impl Core {
    /// Runs one step of the task in slot `key`: polls its future once (or, if it
    /// was cancelled, drops it), and files its end if it ended.
    pub(super) fn run_step(
        &self,
        key: usize,
        cell: &Rc<dyn Runnable>,
        trace: &Trace,
        watchdog: Option<&mut Watchdog>,
        tick: &mut Tick,
    ) {
        // One virtual call for the step's header reads.
        let header = cell.header();
        trace.enter(header.id);
        let ended = if header.cancel_requested.get() {
            self.end(key, cell, TaskError::Cancelled);
            true
        } else {
            tick.polled += 1;
            match self.poll_task(key, cell, watchdog) {
                Ok(Poll::Pending) if header.end_step.get() => self.end_cancelled(key, cell),
                Ok(Poll::Pending) => {
                    if header.cancel_requested.get() {
                        self.cancel_at_step_end(key, cell);
                    }
                    false
                }
                Ok(Poll::Ready(())) => {
                    self.finish(key, cell);
                    true
                }
                Err(panic) => {
                    self.end(key, cell, TaskError::Panicked(panic.into_message()));
                    true
                }
            }
        };
        tick.completed += usize::from(ended);
        trace.leave();
    }

    /// Polls the task's future once with its own waker, catching a panic, and
    /// keeps what the step said: that it yielded, what it waits on, that it was
    /// slow.
    #[inline]
    fn poll_task(
        &self,
        key: usize,
        cell: &Rc<dyn Runnable>,
        watchdog: Option<&mut Watchdog>,
    ) -> Result<Poll<()>, unwind::Panic> {
        let header = cell.header();
        let mut waker = header.waker.borrow();
        if waker.is_none() {
            drop(waker);
            self.give_waker(cell, key);
            waker = header.waker.borrow();
        }
        self.current.set(Some(key));
        let watched = watchdog.map(|watchdog| {
            let phase = watchdog.begin();
            (watchdog, phase)
        });
        let polled = {
            let waker = match &*waker {
                Some((_, waker)) => waker,
                None => Waker::noop(),
            };
            crate::waker::polling(Some(waker));
            unwind::catch(|| cell.poll_step(&mut Context::from_waker(waker)))
        };
        drop(waker);
        self.current.set(None);
        let yielded = crate::waker::polling(None);
        let waiting = self.waiting.take();
        header.waiting.set(waiting);
        if let Waiting::Named(_) | Waiting::Tasks = waiting {
            header.set_waiting_detail(self.waiting_detail.take());
        }
        if self.tracing.get() && matches!(polled, Ok(Poll::Pending)) && !header.end_step.get() {
            self.record_waiting(header, yielded);
        }
        if yielded {
            self.requeue(key, header.id);
        }
        let took = watched.and_then(|(watchdog, phase)| watchdog.end(phase));
        // A step that panicked is reported as the task's failure, not as slow: its
        // time includes the panic hook (a backtrace capture under RUST_BACKTRACE=1
        // takes about 100 ms) and the unwinding, which are not the task's work.
        if let Some(took) = took.filter(|_| polled.is_ok()) {
            self.report_slow_step(cell, took);
        }
        polled
    }

    /// Records what the task's step, which ended pending, waits on; before a
    /// yield's requeue, so the trace reads the wait, then the wake.
    #[inline]
    fn record_waiting(&self, header: &Header, yielded: bool) {
        self.trace.borrow().record(|| Event::Waiting {
            task: header.id,
            on: if yielded {
                "its turn".to_owned()
            } else {
                super::report::waiting_on(header)
            },
        });
    }

    /// Gives the task in slot `key` a waker: a pooled one if a finished task left
    /// one, else a new one. Once per task, at its first step.
    #[cold]
    fn give_waker(&self, cell: &Rc<dyn Runnable>, key: usize) {
        let made = new_waker(
            &mut self.state.borrow_mut().spare_wakers,
            key,
            cell.header().id,
            &self.remote,
        );
        *cell.header().waker.borrow_mut() = Some(made);
    }

    #[cold]
    fn report_slow_step(&self, cell: &Rc<dyn Runnable>, took: std::time::Duration) {
        let header = cell.header();
        self.report(Diagnostic::SlowStep {
            task: header.id,
            name: header.name(),
            took,
        });
    }

    /// Ends a task whose step an awaitable ended as a cancellation (see
    /// `interrupt.rs`); kept out of line, off the switch path.
    #[cold]
    #[inline(never)]
    fn end_cancelled(&self, key: usize, cell: &Rc<dyn Runnable>) -> bool {
        self.end(key, cell, TaskError::Cancelled);
        true
    }

    /// Delivers the cancellation a task asked for itself during the step that
    /// just ended pending: to what it now awaits, if that wants to hear of it
    /// (asyncio cancels `_fut_waiter` at the end of the step), else by ending the
    /// task at its next turn.
    #[cold]
    fn cancel_at_step_end(&self, key: usize, cell: &Rc<dyn Runnable>) {
        let header = cell.header();
        if header.interrupt() {
            header.cancel_requested.set(false);
        } else {
            self.schedule(key, header.id);
        }
    }

    /// Ends a task that did not finish by itself (cancelled, or panicked).
    pub(super) fn end(&self, key: usize, cell: &Rc<dyn Runnable>, error: TaskError) {
        self.abandon(cell, error);
        self.finish(key, cell);
    }

    /// Drops a task's future, ending it with `error`. A destructor that panics is
    /// the task's problem, not the loop's: it is reported, and the ending stands.
    pub(super) fn abandon(&self, cell: &Rc<dyn Runnable>, error: TaskError) {
        let _context = crate::cell::dropping(cell);
        if let Err(panic) = unwind::catch(|| cell.abandon(error)) {
            let message = panic.into_message();
            let header = cell.header();
            self.report(Diagnostic::DropPanicked {
                task: header.id,
                name: header.name(),
                message,
            });
        }
    }

    /// Files a task that has ended: frees its slot, traces the ending, and tells
    /// its waiters and callbacks, in the order they registered.
    pub(super) fn finish(&self, key: usize, cell: &Rc<dyn Runnable>) {
        let header = cell.header();
        let count = self.finished.get() + 1;
        self.finished.set(count);
        header.finished_as.set(count);

        let slot = self.state.borrow_mut().tasks.try_remove(key);
        drop(slot);
        let waker = header.waker.borrow_mut().take();
        if let Some((mut arc, waker)) = waker {
            drop(waker);
            if Arc::get_mut(&mut arc).is_some() {
                self.state.borrow_mut().spare_wakers.push(arc);
            }
        }

        if self.tracing.get() {
            self.record_ending(cell);
        }
        self.tell_waiters(cell);
    }

    /// Records how the task ended.
    fn record_ending(&self, cell: &Rc<dyn Runnable>) {
        let task = cell.header().id;
        self.trace().record(|| match cell.ending() {
            Some(Ending::Failed(TaskError::Cancelled)) => Event::Cancelled { task },
            Some(Ending::Failed(error)) => Event::Failed {
                task,
                message: error.to_string(),
            },
            _ => Event::Completed {
                task,
                value: cell.describe_result(),
            },
        });
    }

    /// Tells a finished task's waiters and done callbacks, in the order they
    /// registered.
    fn tell_waiters(&self, cell: &Rc<dyn Runnable>) {
        let task = cell.header().id;
        let notify = cell.header().notify.borrow_mut().take();
        if let NotifyList::Empty = notify {
            return;
        }
        // For the trace's `WokenBy`: what these wakes come from. Tasks end only
        // in a step of their own, never inside another wake, so nothing nests.
        let traced = self.tracing.get();
        if traced {
            self.waking.set(Some(Cause::End(task)));
        }
        match notify {
            NotifyList::Empty => {}
            // Most tasks have one awaiter: no iterator for them.
            NotifyList::One(_, entry) => self.tell(cell, task, entry),
            NotifyList::Many(entries) => {
                for (_, entry) in entries {
                    self.tell(cell, task, entry);
                }
            }
        }
        if traced {
            self.waking.set(None);
        }
    }

    /// Tells one waiter or callback that task `task` has ended.
    #[inline]
    fn tell(&self, cell: &Rc<dyn Runnable>, task: TaskId, entry: Notify) {
        match entry {
            Notify::Wake {
                waker,
                hop: Hop::Direct,
            } => waker.wake(),
            Notify::Wake {
                waker,
                hop: Hop::Deferred,
            } => self.wake_later_for_end(waker, task),
            Notify::Callback(callback) => self.call_soon(Rc::clone(cell), callback),
        }
    }

    pub(super) fn run_callback(&self, task: &Rc<dyn Runnable>, callback: DoneCallback) {
        let id = task.header().id;
        let traced = self.tracing.get();
        if traced {
            self.waking.set(Some(Cause::End(id)));
        }
        let called = unwind::catch(|| callback(task));
        if traced {
            self.waking.set(None);
        }
        if let Err(panic) = called {
            let message = panic.into_message();
            self.report(Diagnostic::CallbackPanicked { task: id, message });
        }
    }
}

fn new_waker(
    spare: &mut Vec<Arc<TaskWaker>>,
    key: usize,
    id: TaskId,
    remote: &Arc<Remote>,
) -> (Arc<TaskWaker>, Waker) {
    let reused = spare.pop().and_then(|mut arc| {
        let waker = Arc::get_mut(&mut arc)?;
        waker.key = key;
        waker.id = id;
        Some(arc)
    });
    let arc = reused.unwrap_or_else(|| Arc::new(TaskWaker::new(key, id, Arc::clone(remote))));
    let waker = Waker::from(Arc::clone(&arc));
    (arc, waker)
}
