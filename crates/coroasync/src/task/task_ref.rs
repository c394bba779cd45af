//! `TaskRef`, a handle on a task whatever its result type, and `TaskDone`, the
//! future that awaits one.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use corotrace::TaskId;

use crate::cell::{Ending, Hop, Runnable, Schedule, same_loop};
use crate::context;
use crate::core::Core;
use crate::error::TaskError;
use crate::interrupt::AwaitedTask;
#[cfg(doc)]
use crate::{Task, all_tasks, current_task};

/// A handle on a task whatever its result type: what [`all_tasks`],
/// [`current_task`] and done callbacks hand out.
///
/// `Display` writes it as asyncio's `repr` does, short of the coroutine:
/// `<Task pending name='Task-2'>`.
#[derive(Clone)]
pub struct TaskRef {
    cell: Rc<dyn Runnable>,
}

impl TaskRef {
    pub(crate) fn from_runnable(cell: Rc<dyn Runnable>) -> Self {
        Self { cell }
    }

    /// The task's id.
    pub fn id(&self) -> TaskId {
        self.cell.header().id
    }

    /// The task's name.
    pub fn name(&self) -> String {
        self.cell.header().name()
    }

    /// Asks the task to stop; see [`Task::cancel`].
    pub fn cancel(&self) -> bool {
        self.cell.header().cancel()
    }

    /// Whether the task has finished.
    pub fn is_done(&self) -> bool {
        self.cell.header().done.get()
    }

    /// Whether the task ended by cancellation.
    pub fn is_cancelled(&self) -> bool {
        self.cell.ending() == Some(Ending::Failed(TaskError::Cancelled))
    }

    /// The error the task ended with, if it failed.
    pub fn failure(&self) -> Option<TaskError> {
        self.cell.header().observed.set(true);
        match self.cell.ending()? {
            Ending::Failed(error) => Some(error),
            Ending::Completed => None,
        }
    }
}

impl TaskRef {
    /// A future that waits for the task to finish, without its value (which only
    /// the [`Task`] can take): `Ok(())` if it completed, or the error that ended
    /// it. The same as awaiting the `TaskRef` itself, but keeps the handle.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coroasync::{sleep, spawn, EventLoop, TaskError};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// lp.run_until_complete(async {
    ///     let worker = spawn(async { sleep(Duration::from_secs(1)).await; "value" });
    ///     let handle = worker.to_ref();
    ///     assert_eq!(handle.done().await, Ok(()));
    ///     assert!(handle.is_done());
    ///     let doomed = spawn(sleep(Duration::from_secs(9))).to_ref();
    ///     doomed.cancel();
    ///     assert_eq!(doomed.await, Err(TaskError::Cancelled));
    /// })
    /// .unwrap();
    /// ```
    pub fn done(&self) -> TaskDone {
        self.clone().into_future()
    }

    pub(crate) fn ending(&self) -> Option<Ending> {
        self.cell.ending()
    }

    /// The loop's count of finished tasks when this one finished (0: running).
    pub(crate) fn finished_as(&self) -> u64 {
        self.cell.header().finished_as.get()
    }

    /// Counts the task's error as seen, so it is not reported as unobserved.
    pub(crate) fn mark_observed(&self) {
        self.cell.header().observed.set(true);
    }

    pub(crate) fn poll_done(
        &self,
        cx: &mut Context<'_>,
        hop: Hop,
        slot: &mut Option<usize>,
    ) -> Poll<()> {
        self.cell.header().poll_done(cx, hop, slot)
    }

    pub(crate) fn forget(&self, slot: Option<usize>) {
        self.cell.header().forget(slot);
    }

    /// The loop that owns the task, as its cell sees it.
    pub(crate) fn scheduler(&self) -> Option<Rc<dyn Schedule>> {
        self.cell.header().scheduler.upgrade()
    }

    /// Whether the task belongs to the loop at `core`.
    pub(crate) fn belongs_to(&self, core: &Rc<Core>) -> bool {
        same_loop(&self.cell.header().scheduler, core)
    }
}

impl IntoFuture for TaskRef {
    type Output = Result<(), TaskError>;
    type IntoFuture = TaskDone;

    /// Awaiting a `TaskRef` waits for the task to finish; see [`TaskRef::done`].
    fn into_future(self) -> TaskDone {
        TaskDone {
            task: self,
            slot: None,
            awaited: AwaitedTask::default(),
        }
    }
}

/// The future that awaits a [`TaskRef`]: the task's end, without its value.
#[must_use = "futures do nothing unless awaited"]
pub struct TaskDone {
    task: TaskRef,
    slot: Option<usize>,
    awaited: AwaitedTask,
}

impl Future for TaskDone {
    type Output = Result<(), TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if context::with_running(|core| core.is_some_and(|core| !this.task.belongs_to(core))) {
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        let ended = this.task.poll_done(cx, Hop::Direct, &mut this.slot);
        if ended.is_ready() {
            // The finished task dropped its registrations.
            this.slot = None;
        }
        if (this.awaited)
            .settle(ended, || this.task.clone(), cx.waker())
            .is_pending()
        {
            return Poll::Pending;
        }
        this.task.mark_observed();
        Poll::Ready(match this.task.ending() {
            Some(Ending::Failed(error)) => Err(error),
            _ => Ok(()),
        })
    }
}

impl Drop for TaskDone {
    fn drop(&mut self) {
        self.task.forget(self.slot.take());
    }
}

impl fmt::Debug for TaskDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskDone")
            .field("task", &self.task)
            .finish()
    }
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name();
        match self.cell.ending() {
            None => write!(f, "<Task pending name='{name}'>"),
            Some(Ending::Completed) => write!(f, "<Task finished name='{name}'>"),
            Some(Ending::Failed(TaskError::Cancelled)) => {
                write!(f, "<Task cancelled name='{name}'>")
            }
            Some(Ending::Failed(error)) => {
                write!(f, "<Task finished name='{name}' exception={error}>")
            }
        }
    }
}

impl fmt::Debug for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
