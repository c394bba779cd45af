//! Tasks: a future the loop drives on its own, and the handle to its result.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::{Future, IntoFuture};
use std::mem;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use corotrace::TaskId;

use crate::context;
use crate::core::Core;
use crate::error::{SpawnError, TaskError};
use crate::time::Waiting;
use crate::waker::TaskWaker;

/// What a task's future is boxed as: every task ends in `Ok(value)` or in the
/// error that stopped it.
pub(crate) type TaskFuture<T> = Pin<Box<dyn Future<Output = Result<T, TaskError>>>>;

/// How a finished task tells those waiting on it, in the order they registered
/// (asyncio schedules a future's done callbacks in that order).
pub(crate) enum Notify {
    /// A waiter that went away.
    Gone,
    /// Wake this waker: at once (`Direct`, the waiter runs one hop later), or from
    /// a ready-queue entry of its own (`Deferred`, two hops later, as asyncio's
    /// `gather` and `wait` do through their done callbacks).
    Wake { waker: Waker, hop: Hop },
    /// A done callback, run from the ready queue with the finished task.
    Callback(Box<dyn FnOnce(&TaskRef)>),
}

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
    pub(crate) name: Option<Rc<str>>,
    pub(crate) core: Weak<Core>,
    /// Set by `cancel()`: the loop drops the future at the task's next turn.
    pub(crate) cancel_requested: Cell<bool>,
    /// The loop's count of finished tasks when this one finished (0: running), so
    /// `gather` and `as_completed` know which of several finished first.
    pub(crate) finished_as: Cell<u64>,
    /// Set once someone has looked at the task's error or taken its result.
    pub(crate) observed: Cell<bool>,
    pub(crate) notify: RefCell<Vec<Notify>>,
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
    header: Header,
    stage: RefCell<Stage<T>>,
}

impl<T> TaskCell<T> {
    pub(crate) fn new(header: Header, future: TaskFuture<T>) -> Self {
        Self {
            header,
            stage: RefCell::new(Stage::Running(future)),
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
                let future = mem::replace(&mut *stage, Stage::Finished(result));
                // Dropped after the borrow ends: its destructors may look at this task.
                drop(stage);
                drop(future);
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

/// `Debug` of a task's value where its type is one of the common ones, else the
/// type's name: a task's output type need not implement `Debug`, and only the
/// trace (when it is on) asks.
fn describe<T: 'static>(value: &T) -> String {
    let any: &dyn Any = value;
    macro_rules! known {
        ($($t:ty),*) => {
            $(if let Some(v) = any.downcast_ref::<$t>() {
                return format!("{v:?}");
            })*
        };
    }
    known!(
        (),
        bool,
        char,
        i8,
        i16,
        i32,
        i64,
        i128,
        isize,
        u8,
        u16,
        u32,
        u64,
        u128,
        usize,
        f32,
        f64,
        String,
        &'static str
    );
    format!("<{}>", std::any::type_name::<T>())
}

impl<T> Drop for TaskCell<T> {
    fn drop(&mut self) {
        // The last reference to a failed task is gone and nobody looked at its
        // error: asyncio's "Task exception was never retrieved".
        let stage = mem::replace(self.stage.get_mut(), Stage::Taken(Ending::Completed));
        if let Stage::Finished(Err(TaskError::Panicked(message))) = stage
            && !self.header.observed.get()
        {
            let core = self.header.core.upgrade();
            crate::diagnostics::unobserved_failure(
                core.as_deref(),
                self.header.id,
                task_name(&self.header),
                message,
            );
        }
    }
}

pub(crate) fn task_name(header: &Header) -> String {
    match &header.name {
        Some(name) => name.to_string(),
        // asyncio numbers tasks from 1, and its first is the main one, as ours is.
        None => format!("Task-{}", header.id.get() + 1),
    }
}

/// A handle on a spawned task: asyncio's `Task`.
///
/// Await it (it is [`IntoFuture`]) for `Ok(value)`, or the [`TaskError`] that ended
/// it. Dropping the handle does not stop the task, as in asyncio; [`Task::cancel`]
/// does.
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
pub struct Task<T> {
    cell: Rc<TaskCell<T>>,
}

impl<T: 'static> Task<T> {
    pub(crate) fn from_cell(cell: Rc<TaskCell<T>>) -> Self {
        Self { cell }
    }

    /// The task's id: 0 for the first task of its loop (the main one, under
    /// [`EventLoop::run_until_complete`](crate::EventLoop::run_until_complete)).
    pub fn id(&self) -> TaskId {
        self.cell.header.id
    }

    /// The task's name: the one it was spawned with, or asyncio's `Task-N`.
    pub fn name(&self) -> String {
        task_name(&self.cell.header)
    }

    /// Asks the task to stop: its future is dropped at its next turn (the next
    /// pass of the loop). Returns `false` if it has already finished.
    pub fn cancel(&self) -> bool {
        cancel(&self.cell.header, &*self.cell)
    }

    /// Whether the task has finished (completed, failed or been cancelled).
    pub fn is_done(&self) -> bool {
        self.cell.ending().is_some()
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
        take_result(&self.cell)
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
        let callback = Box::new(callback);
        if self.is_done() {
            if let Some(core) = self.cell.header.core.upgrade() {
                core.call_soon(self.to_ref(), callback);
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
        TaskRef {
            cell: self.cell.clone(),
        }
    }

    /// Registers `waker` to be woken when the task finishes, or updates the one
    /// registered at `slot`; `Ready` once it has finished.
    pub(crate) fn poll_done(
        &self,
        cx: &mut Context<'_>,
        hop: Hop,
        slot: &mut Option<usize>,
    ) -> Poll<()> {
        poll_done(&self.cell.header, &*self.cell, cx, hop, slot)
    }

    /// Stops waiting: the registration at `slot` is dropped.
    pub(crate) fn forget(&self, slot: Option<usize>) {
        forget(&self.cell.header, slot);
    }

    pub(crate) fn ending(&self) -> Option<Ending> {
        self.cell.ending()
    }

    /// A second handle on the same task.
    pub(crate) fn share(&self) -> Self {
        Self {
            cell: Rc::clone(&self.cell),
        }
    }

    /// A clone of the task's result, leaving it in place.
    pub(crate) fn peek_result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        self.cell.header.observed.set(true);
        match &*self.cell.stage.try_borrow().ok()? {
            Stage::Running(_) => None,
            Stage::Finished(result) => Some(result.clone()),
            Stage::Taken(_) => Some(Err(TaskError::ResultTaken)),
        }
    }
}

fn cancel(header: &Header, runnable: &dyn Runnable) -> bool {
    if runnable.ending().is_some() {
        return false;
    }
    header.cancel_requested.set(true);
    if let Some(core) = header.core.upgrade() {
        core.schedule(header.key, header.id);
    }
    true
}

fn take_result<T>(cell: &TaskCell<T>) -> Option<Result<T, TaskError>> {
    let mut stage = cell.stage.try_borrow_mut().ok()?;
    match &*stage {
        Stage::Running(_) => None,
        Stage::Taken(_) => Some(Err(TaskError::ResultTaken)),
        Stage::Finished(result) => {
            cell.header.observed.set(true);
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

fn poll_done(
    header: &Header,
    runnable: &dyn Runnable,
    cx: &mut Context<'_>,
    hop: Hop,
    slot: &mut Option<usize>,
) -> Poll<()> {
    if runnable.ending().is_some() {
        return Poll::Ready(());
    }
    let mut notify = header.notify.borrow_mut();
    match slot {
        Some(index) => {
            if let Some(Notify::Wake { waker, .. }) = notify.get_mut(*index)
                && !waker.will_wake(cx.waker())
            {
                *waker = cx.waker().clone();
            }
        }
        None => {
            *slot = Some(notify.len());
            notify.push(Notify::Wake {
                waker: cx.waker().clone(),
                hop,
            });
        }
    }
    drop(notify);
    if let Some(core) = header.core.upgrade() {
        core.note_waiting(Waiting::Task(header.id));
    }
    Poll::Pending
}

fn forget(header: &Header, slot: Option<usize>) {
    if let Some(index) = slot
        && let Some(entry) = header.notify.borrow_mut().get_mut(index)
    {
        *entry = Notify::Gone;
    }
}

impl<T: 'static> IntoFuture for Task<T> {
    type Output = Result<T, TaskError>;
    type IntoFuture = Join<T>;

    fn into_future(self) -> Join<T> {
        Join {
            task: self,
            slot: None,
        }
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
    slot: Option<usize>,
}

impl<T: 'static> Future for Join<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if context::with_running(|core| {
            core.is_some_and(|core| {
                !std::ptr::eq(this.task.cell.header.core.as_ptr(), Rc::as_ptr(core))
            })
        }) {
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        match this.task.poll_done(cx, Hop::Direct, &mut this.slot) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                this.slot = None;
                Poll::Ready(this.task.take_finished())
            }
        }
    }
}

impl<T: 'static> Drop for Join<T> {
    fn drop(&mut self) {
        self.task.forget(self.slot);
    }
}

impl<T: 'static> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("task", &self.task).finish()
    }
}

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
        task_name(self.cell.header())
    }

    /// Asks the task to stop; see [`Task::cancel`].
    pub fn cancel(&self) -> bool {
        cancel(self.cell.header(), &*self.cell)
    }

    /// Whether the task has finished.
    pub fn is_done(&self) -> bool {
        self.cell.ending().is_some()
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
        poll_done(self.cell.header(), &*self.cell, cx, hop, slot)
    }

    pub(crate) fn forget(&self, slot: Option<usize>) {
        forget(self.cell.header(), slot);
    }

    pub(crate) fn core(&self) -> Option<Rc<Core>> {
        self.cell.header().core.upgrade()
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
pub fn spawn_named<F>(name: &str, future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    match context::running() {
        Some(core) => core.spawn(Some(name.into()), async move { Ok(future.await) }),
        None => panic!("{}", SpawnError::NoRunningLoop),
    }
}

/// Spawns `future` on the running loop, or says there is none.
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
    Ok(core.spawn(None, async move { Ok(future.await) }))
}

/// The task the running loop is polling, if any: asyncio's `current_task()`.
pub fn current_task() -> Option<TaskRef> {
    context::running().and_then(|core| core.current_task())
}

/// The running loop's unfinished tasks, in the order they were spawned:
/// asyncio's `all_tasks()` (whose order is a set's).
pub fn all_tasks() -> Vec<TaskRef> {
    context::running()
        .map(|core| core.all_tasks())
        .unwrap_or_default()
}

/// Something that can become a task: a future (spawned on the running loop, as
/// asyncio's `ensure_future` wraps a coroutine) or a task already.
///
/// [`gather`](crate::gather), [`wait_for`](crate::wait_for) and
/// [`shield`](crate::shield) take anything of this kind, as their asyncio
/// namesakes take coroutines and tasks alike.
pub trait IntoTask {
    /// What the task completes with.
    type Output: 'static;

    /// The task: spawned now if it was not one already.
    ///
    /// # Panics
    ///
    /// A future given outside a running loop cannot be spawned.
    fn into_task(self) -> Task<Self::Output>;
}

impl<F> IntoTask for F
where
    F: Future + 'static,
    F::Output: 'static,
{
    type Output = F::Output;

    fn into_task(self) -> Task<F::Output> {
        spawn(self)
    }
}

impl<T: 'static> IntoTask for Task<T> {
    type Output = T;

    fn into_task(self) -> Task<T> {
        self
    }
}
