//! Tasks: a future the loop drives on its own, and the handles to it.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use corotrace::TaskId;

use crate::cell::{DoneCallback, Ending, Hop, Notify, Runnable, TaskCell, TaskFuture, same_loop};
use crate::context;
use crate::core::Core;
use crate::error::{SpawnError, TaskError};
use crate::interrupt::AwaitedTask;

mod into_task;
mod task_ref;
pub use into_task::IntoTask;
pub use task_ref::{TaskDone, TaskRef};

/// A handle on a spawned task: asyncio's `Task`.
///
/// Await it (it is [`IntoFuture`]) for `Ok(value)`, or the [`TaskError`] that ended
/// it. Dropping the handle does not stop the task, as in asyncio; [`Task::cancel`]
/// does.
///
/// `&mut task` is a [`Future`] too (and `Task` is [`Unpin`]), as tokio's
/// `&mut JoinHandle` is: it can be raced or selected and awaited again later.
/// A race it loses leaves the task running, and its result where it was. Once
/// the result has been taken, awaiting the task again gives
/// [`TaskError::ResultTaken`]. `Task` itself is not a `Future`, so that
/// [`IntoTask`] can take a task as the task it is, as asyncio's `ensure_future`
/// returns a task unchanged, while it spawns any other future.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{race, sleep, spawn, EventLoop, First};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let mut slow = spawn(async { sleep(Duration::from_secs(5)).await; "done" });
///     let first = race!(&mut slow, sleep(Duration::from_secs(1))).await;
///     assert!(matches!(first, First::B(())));
///     assert!(!slow.is_done()); // it lost the race, and runs on
///     assert_eq!(slow.await, Ok("done"));
/// })
/// .unwrap();
/// ```
///
/// Cancelling a task drops its future at its next turn, so the destructors of
/// everything it holds run: Rust's counterpart of `CancelledError` clean-up. Unlike
/// Python, the task cannot catch the cancellation and carry on; code that must run
/// on cancellation belongs in a `Drop` impl.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, spawn, EventLoop, TaskError};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let quick = spawn(async { 2 + 2 });
///     let slow = spawn(async { sleep(Duration::from_secs(60)).await });
///     assert!(slow.cancel());
///     assert_eq!(quick.await, Ok(4));
///     assert_eq!(slow.await, Err(TaskError::Cancelled));
/// })
/// .unwrap();
/// ```
#[doc(alias = "JoinHandle")]
pub struct Task<T: 'static> {
    cell: Rc<TaskCell<T>>,
    /// This handle's registration to be woken when the task finishes, kept
    /// between polls of `&mut task` (and dropped with the handle).
    slot: Option<usize>,
}

impl<T: 'static> Task<T> {
    pub(crate) fn from_cell(cell: Rc<TaskCell<T>>) -> Self {
        Self { cell, slot: None }
    }

    /// The task's id: 0 for the first task of its loop (the main one, under
    /// [`EventLoop::run_until_complete`](crate::EventLoop::run_until_complete)).
    pub fn id(&self) -> TaskId {
        self.cell.header.id
    }

    /// The task's name: the one it was spawned with, or asyncio's `Task-N`.
    pub fn name(&self) -> String {
        self.cell.header.name()
    }

    /// Asks the task to stop: its future is dropped at its next turn (the next
    /// pass of the loop). Returns `false` if it has already finished.
    #[doc(alias = "abort")]
    pub fn cancel(&self) -> bool {
        self.cell.header.cancel()
    }

    /// Whether the task has finished (completed, failed or been cancelled).
    pub fn is_done(&self) -> bool {
        self.cell.header.done.get()
    }

    /// Whether the task ended by cancellation.
    pub fn is_cancelled(&self) -> bool {
        self.cell.ending() == Some(Ending::Failed(TaskError::Cancelled))
    }

    /// The error the task ended with, if it failed: asyncio's `exception()`.
    /// Asking counts as looking, so the failure is not reported as unobserved.
    pub fn failure(&self) -> Option<TaskError> {
        self.cell.header.observed.set(true);
        match self.cell.ending()? {
            Ending::Failed(error) => Some(error),
            Ending::Completed => None,
        }
    }

    /// Takes the task's result if it has finished: `None` while it runs, and
    /// `Some(Err(TaskError::ResultTaken))` the second time.
    pub fn take_result(&self) -> Option<Result<T, TaskError>> {
        self.cell.take_result()
    }

    /// Takes the result of a task known to have finished (`ResultTaken` if it was
    /// taken already, or, should it be asked too early, not finished).
    pub(crate) fn take_finished(&self) -> Result<T, TaskError> {
        self.take_result().unwrap_or(Err(TaskError::ResultTaken))
    }

    /// Calls `callback` with the task once it has finished, from the loop's ready
    /// queue, after any waiter or callback registered before it (at once, that
    /// is one pass later, if the task has finished already). A panic in the
    /// callback is caught and reported; the loop runs on.
    ///
    /// ```
    /// use coroasync::{run, say, spawn};
    ///
    /// run(async {
    ///     let task = spawn(async { say!("execute the task") });
    ///     task.add_done_callback(|task| say!("this is a callback of {task}"));
    ///     task.await.unwrap();
    ///     say!("main coroutine done");
    /// })
    /// .unwrap();
    /// ```
    pub fn add_done_callback(&self, callback: impl FnOnce(&TaskRef) + 'static) {
        let callback: DoneCallback = Box::new(move |cell: &Rc<dyn Runnable>| {
            callback(&TaskRef::from_runnable(Rc::clone(cell)));
        });
        if self.is_done() {
            if let Some(scheduler) = self.cell.header.scheduler.upgrade() {
                scheduler.call_soon(self.cell.clone(), callback);
            }
        } else {
            self.cell
                .header
                .notify
                .borrow_mut()
                .push(Notify::Callback(callback));
        }
    }

    /// A handle on this task without its result type, for lists of mixed tasks.
    pub fn to_ref(&self) -> TaskRef {
        TaskRef::from_runnable(self.cell.clone())
    }

    /// Registers `waker` to be woken when the task finishes, or updates the one
    /// registered at `slot`; `Ready` once it has finished.
    pub(crate) fn poll_done(
        &self,
        cx: &mut Context<'_>,
        hop: Hop,
        slot: &mut Option<usize>,
    ) -> Poll<()> {
        self.cell.header.poll_done(cx, hop, slot)
    }

    /// Stops waiting: the registration at `slot` is dropped.
    pub(crate) fn forget(&self, slot: Option<usize>) {
        self.cell.header.forget(slot);
    }

    pub(crate) fn ending(&self) -> Option<Ending> {
        self.cell.ending()
    }

    /// A second handle on the same task.
    pub(crate) fn share(&self) -> Self {
        Self::from_cell(Rc::clone(&self.cell))
    }

    /// Awaits the task's end and takes its result: what both `task.await` and
    /// polling `&mut task` run.
    #[inline]
    fn poll_join(&mut self, cx: &mut Context<'_>) -> Poll<Result<T, TaskError>> {
        let home = &self.cell.header.scheduler;
        if context::with_running(|core| core.is_some_and(|core| !same_loop(home, core))) {
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        match (self.cell.header).poll_done(cx, Hop::Direct, &mut self.slot) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                // Finished tasks wake their waiters and drop the registrations.
                self.slot = None;
                Poll::Ready(self.take_finished())
            }
        }
    }

    /// A clone of the task's result, leaving it in place.
    pub(crate) fn peek_result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        self.cell.peek_result()
    }
}

impl<T: 'static> IntoFuture for Task<T> {
    type Output = Result<T, TaskError>;
    type IntoFuture = Join<T>;

    fn into_future(self) -> Join<T> {
        Join {
            task: self,
            awaited: AwaitedTask::default(),
        }
    }
}

/// Polling `&mut task` awaits the task without giving up the handle, as tokio's
/// `&mut JoinHandle` does: for [`race!`](crate::race!) and the ecosystem's
/// `select`s.
impl<T: 'static> Future for &mut Task<T> {
    type Output = Result<T, TaskError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.get_mut().poll_join(cx)
    }
}

impl<T: 'static> Drop for Task<T> {
    fn drop(&mut self) {
        self.cell.header.forget(self.slot.take());
    }
}

impl<T: 'static> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_ref(), f)
    }
}

/// The future that awaits a [`Task`]: what `task.await` runs.
#[must_use = "futures do nothing unless awaited"]
pub struct Join<T: 'static> {
    task: Task<T>,
    awaited: AwaitedTask,
}

impl<T: 'static> Future for Join<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let polled = this.task.poll_join(cx);
        this.awaited
            .settle(polled, || this.task.to_ref(), cx.waker())
    }
}

impl<T: 'static> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("task", &self.task).finish()
    }
}

/// Spawns `future` as a task on the running loop: asyncio's `create_task`.
///
/// The task's first step goes to the back of the ready queue; the caller runs on
/// until it next awaits something that is not ready.
///
/// # Panics
///
/// Outside a running loop, with a message saying so; [`try_spawn`] returns the
/// error instead.
///
/// ```
/// use coroasync::{run, spawn};
///
/// let four = run(async { spawn(async { 2 + 2 }).await }).unwrap();
/// assert_eq!(four, Ok(4));
/// ```
#[doc(alias = "spawn_local")]
#[track_caller]
pub fn spawn<F>(future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    match try_spawn(future) {
        Ok(task) => task,
        Err(error) => panic!("{error}"),
    }
}

/// Like [`spawn`], with a name for the trace, diagnostics and [`Task::name`].
///
/// # Panics
///
/// Outside a running loop.
#[track_caller]
pub fn spawn_named<F>(name: &str, future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    match context::running() {
        Some(core) => spawn_on(&core, Some(name.into()), async move { Ok(future.await) }),
        None => panic!("{}", SpawnError::NoRunningLoop),
    }
}

/// Spawns `future` on the running loop, or says there is none.
///
/// # Errors
///
/// [`SpawnError::NoRunningLoop`] when no event loop runs on this thread.
///
/// ```
/// use coroasync::{try_spawn, SpawnError};
///
/// // No loop runs here: the future comes to no harm, and the error says why.
/// assert_eq!(try_spawn(async {}).unwrap_err(), SpawnError::NoRunningLoop);
/// ```
pub fn try_spawn<F>(future: F) -> Result<Task<F::Output>, SpawnError>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let core = context::running().ok_or(SpawnError::NoRunningLoop)?;
    Ok(spawn_on(&core, None, async move { Ok(future.await) }))
}

/// Spawns `future`, already in `Result` form, on the loop at `core`, with a copy
/// of the current context's values, as asyncio's `create_task` copies the context.
///
/// The future is boxed here, before it is handed down: a future is often a few
/// hundred bytes, and each layer it passed through by value copied it again.
#[inline]
pub(crate) fn spawn_on<T: 'static>(
    core: &Rc<Core>,
    name: Option<Rc<str>>,
    future: impl Future<Output = Result<T, TaskError>> + 'static,
) -> Task<T> {
    let future: TaskFuture<T> = Box::pin(future);
    Task::from_cell(core.spawn(name, crate::context_var::inherited(), future))
}

/// The task the running loop is polling, if any: asyncio's `current_task()`.
pub fn current_task() -> Option<TaskRef> {
    let cell = context::running()?.current_cell()?;
    Some(TaskRef::from_runnable(cell))
}

/// The running loop's unfinished tasks, in the order they were spawned:
/// asyncio's `all_tasks()` (whose order is a set's).
pub fn all_tasks() -> Vec<TaskRef> {
    context::running()
        .map(|core| tasks_of(&core))
        .unwrap_or_default()
}

/// The unfinished tasks of the loop at `core`, in the order they were spawned.
pub(crate) fn tasks_of(core: &Core) -> Vec<TaskRef> {
    (core.all_cells().into_iter())
        .map(TaskRef::from_runnable)
        .collect()
}
