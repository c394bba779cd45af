//! A task as the loop holds it: the shared cell with the task's header (what the
//! loop and the handles need to know about it, whatever its output type) and its
//! stage (the future, then its result). The operations `Task` and `TaskRef`
//! share are the header's methods; the cell reaches its loop only through
//! [`Schedule`].

use std::cell::{Cell, OnceCell, RefCell};
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::rc::Weak;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use corotrace::{TaskId, py_str_if_known};

use crate::diagnostics::Diagnostic;
use crate::error::TaskError;
use crate::waiting::Waiting;
use crate::waker::TaskWaker;

mod extra;
mod locals;
mod notify;
mod schedule;
pub(crate) use extra::Extra;
pub(crate) use locals::{Locals, dropping, dropping_task, in_use, mark_in_use};
pub(crate) use notify::{DoneCallback, Notify, NotifyList};
pub(crate) use schedule::{Schedule, same_loop};

/// What a task's future is boxed as: every task ends in `Ok(value)` or in the
/// error that stopped it.
pub(crate) type TaskFuture<T> = Pin<Box<dyn Future<Output = Result<T, TaskError>>>>;

/// How many trips through the ready queue a completion takes to reach a waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hop {
    Direct,
    Deferred,
}

/// What the loop knows of every task, whatever its output type.
pub(crate) struct Header {
    pub(crate) id: TaskId,
    pub(crate) key: usize,
    /// The loop that owns the task (gone once nobody holds the loop).
    pub(crate) scheduler: Weak<dyn Schedule>,
    /// Set by `cancel()`: the loop drops the future at the task's next turn.
    pub(crate) cancel_requested: Cell<bool>,
    /// Set by an awaitable that ends the task's step as a cancellation (see
    /// `interrupt.rs`): the loop drops the future as soon as the poll returns.
    pub(crate) end_step: Cell<bool>,
    /// What only some tasks need, made on first use (one pointer until then).
    pub(crate) extra: OnceCell<Box<Extra>>,
    /// The loop's count of finished tasks when this one finished (0: running), so
    /// `gather` and `as_completed` know which of several finished first.
    pub(crate) finished_as: Cell<u64>,
    /// Set once someone has looked at the task's error or taken its result.
    pub(crate) observed: Cell<bool>,
    /// Set when the task has ended (its stage finished): what `is_done` and every
    /// waiter's first check read, without a virtual call or a borrow.
    pub(crate) done: Cell<bool>,
    pub(crate) notify: RefCell<NotifyList>,
    /// The task's waker, made at its first step and kept for every step after.
    pub(crate) waker: RefCell<Option<(Arc<TaskWaker>, Waker)>>,
    /// What the task last said it waits on, for deadlock reports.
    pub(crate) waiting: Cell<Waiting>,
}

/// The type-erased face of a task, as the loop stores it.
pub(crate) trait Runnable {
    fn header(&self) -> &Header;
    /// Polls the task's future once; `Ready` once it has finished.
    fn poll_step(&self, cx: &mut Context<'_>) -> Poll<()>;
    /// Ends the task with `error` (its future is dropped, if it still has one),
    /// unless it has ended already.
    fn abandon(&self, error: TaskError);
    /// How the task ended, without its value; `None` while it runs.
    fn ending(&self) -> Option<Ending>;
    /// The task's value as the trace shows it.
    fn describe_result(&self) -> String;
}

/// How a task ended, without its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ending {
    Completed,
    Failed(TaskError),
}

/// Where a task is. While its future is being polled the stage is borrowed, and
/// readers that find it so treat the task as running.
enum Stage<T> {
    Running(TaskFuture<T>),
    Finished(Result<T, TaskError>),
    /// The result was taken; how the task ended is kept.
    Taken(Ending),
}

pub(crate) struct TaskCell<T> {
    // First, so it is dropped first: the future or value goes before the task's
    // waiters, context values and waker, as the loop has always dropped them.
    stage: RefCell<Stage<T>>,
    pub(crate) header: Header,
}

impl<T> TaskCell<T> {
    pub(crate) fn new(header: Header, future: TaskFuture<T>) -> Self {
        Self {
            stage: RefCell::new(Stage::Running(future)),
            header,
        }
    }
}

impl<T: 'static> Runnable for TaskCell<T> {
    fn header(&self) -> &Header {
        &self.header
    }

    fn poll_step(&self, cx: &mut Context<'_>) -> Poll<()> {
        // The stage stays borrowed while the future runs: code inside it that looks
        // at its own task finds it borrowed, which every reader takes to mean
        // "running" (see `stage`).
        let mut stage = self.stage.borrow_mut();
        let Stage::Running(future) = &mut *stage else {
            return Poll::Ready(());
        };
        match future.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => {
                // A task that cancelled itself and then returned ends cancelled, its
                // value dropped, as asyncio's does ("cancelled right before coro
                // stops").
                let (result, value) = if self.header.cancel_requested.get() {
                    (Err(TaskError::Cancelled), Some(result))
                } else {
                    (result, None)
                };
                let future = mem::replace(&mut *stage, Stage::Finished(result));
                self.header.done.set(true);
                // Dropped after the borrow ends: their destructors may look at this task.
                drop(stage);
                drop(future);
                drop(value);
                Poll::Ready(())
            }
        }
    }

    fn abandon(&self, error: TaskError) {
        let previous = {
            let Ok(mut stage) = self.stage.try_borrow_mut() else {
                return;
            };
            match &*stage {
                Stage::Finished(_) | Stage::Taken(_) => return,
                Stage::Running(_) => mem::replace(&mut *stage, Stage::Finished(Err(error))),
            }
        };
        self.header.done.set(true);
        // Dropped after the borrow ends: its destructors may look at this task.
        drop(previous);
    }

    fn ending(&self) -> Option<Ending> {
        match &*self.stage.try_borrow().ok()? {
            Stage::Running(_) => None,
            Stage::Finished(Ok(_)) => Some(Ending::Completed),
            Stage::Finished(Err(error)) => Some(Ending::Failed(error.clone())),
            Stage::Taken(ending) => Some(ending.clone()),
        }
    }

    fn describe_result(&self) -> String {
        match self.stage.try_borrow().as_deref() {
            Ok(Stage::Finished(Ok(value))) => describe(value),
            _ => "(taken)".to_owned(),
        }
    }
}

/// A task's value as Python's `str()` shows it where its type is one of the
/// common ones (`None` for `()`, text unquoted, numbers, and an `Option` or a
/// `Vec` of those), else the type's name: a task's output type need not
/// implement anything, and only the trace (when it is on) asks.
fn describe<T: 'static>(value: &T) -> String {
    py_str_if_known(value).unwrap_or_else(|| format!("<{}>", std::any::type_name::<T>()))
}

impl<T> Drop for TaskCell<T> {
    fn drop(&mut self) {
        // The last reference to a failed task is gone and nobody looked at its
        // error: asyncio's "Task exception was never retrieved".
        if self.header.observed.get() {
            return;
        }
        let Stage::Finished(Err(TaskError::Panicked(message))) = self.stage.get_mut() else {
            return;
        };
        let diagnostic = Diagnostic::UnobservedFailure {
            task: self.header.id,
            name: self.header.name(),
            message: mem::take(message),
        };
        match self.header.scheduler.upgrade() {
            Some(scheduler) => scheduler.report(diagnostic),
            None => eprintln!("{diagnostic}"),
        }
    }
}

/// What a task's header does: the operations its handles share, whatever its
/// output type.
impl Header {
    /// The task's name: the one given at spawn, else asyncio's `Task-N`.
    pub(crate) fn name(&self) -> String {
        match self.extra.get().and_then(|extra| extra.name.as_ref()) {
            Some(name) => name.to_string(),
            // asyncio numbers tasks from 1, and its first is the main one, as ours is.
            None => format!("Task-{}", self.id.get() + 1),
        }
    }

    /// Asks a task to stop; see [`Task::cancel`](crate::Task::cancel). What the task
    /// waits on sees it gone at once (asyncio cancels the future a task is suspended
    /// on in `cancel()` itself); the task runs its clean-up at its next turn.
    pub(crate) fn cancel(&self) -> bool {
        if self.done.get() {
            return false;
        }
        // Made here if need be: a task that cancels itself and then waits makes its
        // wait-list entry after this, and that entry must be out of play at once, as
        // asyncio cancels the future at the end of the step that awaited it.
        self.extra().cancel_flag.set();
        let scheduler = self.scheduler.upgrade();
        if scheduler
            .as_ref()
            .is_some_and(|scheduler| scheduler.is_polling(self.key))
        {
            // A task cancelling itself (asyncio's `_must_cancel`): the end of its
            // step delivers it to what the step went on to await.
            self.cancel_requested.set(true);
            return true;
        }
        if self.interrupt() {
            return true;
        }
        self.cancel_requested.set(true);
        if let Some(scheduler) = scheduler {
            scheduler.schedule(self.key, self.id);
        }
        true
    }

    /// Tells what the task awaits that it is cancelled, if that awaitable wants to
    /// hear of it; `true` if it did and will end the task itself once what it waits
    /// for has finished.
    pub(crate) fn interrupt(&self) -> bool {
        let Some(extra) = self.extra.get() else {
            return false;
        };
        // Taken out while it runs: it cancels other tasks and wakes wakers.
        let hook = extra.interrupt.borrow_mut().take();
        match hook {
            Some(hook) if hook.interrupt() => {
                *extra.interrupt.borrow_mut() = Some(hook);
                true
            }
            _ => false,
        }
    }

    /// Registers to be woken when a task finishes; `Ready` once it has.
    pub(crate) fn poll_done(
        &self,
        cx: &mut Context<'_>,
        hop: Hop,
        slot: &mut Option<usize>,
    ) -> Poll<()> {
        if self.done.get() {
            return Poll::Ready(());
        }
        let mut notify = self.notify.borrow_mut();
        match slot {
            Some(index) => {
                if let Some(Notify::Wake { waker, .. }) = notify.get_mut(*index)
                    && !waker.will_wake(cx.waker())
                {
                    *waker = cx.waker().clone();
                }
            }
            None => {
                *slot = Some(notify.push(Notify::Wake {
                    waker: cx.waker().clone(),
                    hop,
                }));
            }
        }
        drop(notify);
        if let Some(scheduler) = self.scheduler.upgrade() {
            scheduler.note_waiting(Waiting::Task(self.id));
        }
        Poll::Pending
    }

    /// Drops the registration at `slot`.
    pub(crate) fn forget(&self, slot: Option<usize>) {
        if let Some(key) = slot {
            // Dropped after the borrow ends: a waker's drop is foreign code.
            let entry = self.notify.borrow_mut().remove(key);
            drop(entry);
        }
    }
}

/// What only a typed cell can do: hand out its value.
impl<T> TaskCell<T> {
    /// Takes a finished task's result; see [`Task::take_result`](crate::Task::take_result).
    pub(crate) fn take_result(&self) -> Option<Result<T, TaskError>> {
        let mut stage = self.stage.try_borrow_mut().ok()?;
        match &*stage {
            Stage::Running(_) => None,
            Stage::Taken(_) => Some(Err(TaskError::ResultTaken)),
            Stage::Finished(result) => {
                self.header.observed.set(true);
                let ending = match result {
                    Ok(_) => Ending::Completed,
                    Err(error) => Ending::Failed(error.clone()),
                };
                match mem::replace(&mut *stage, Stage::Taken(ending)) {
                    Stage::Finished(result) => Some(result),
                    _ => unreachable!("matched Finished above"),
                }
            }
        }
    }

    /// A clone of a finished task's result, leaving it in place.
    pub(crate) fn peek_result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        self.header.observed.set(true);
        match &*self.stage.try_borrow().ok()? {
            Stage::Running(_) => None,
            Stage::Finished(result) => Some(result.clone()),
            Stage::Taken(_) => Some(Err(TaskError::ResultTaken)),
        }
    }
}
