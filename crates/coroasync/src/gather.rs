//! `gather`: run tasks concurrently and collect their values in order.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error::TaskError;
use crate::interrupt::{Interruptible, end_step_cancelled};
use crate::task::{IntoTask, Task};
use crate::watch::{Home, Watch};

mod tuple;
pub use tuple::{GatherTuple, TaskTuple, gather_tuple};

/// Runs every awaitable concurrently and returns their values in the order given:
/// asyncio's `gather`.
///
/// Futures are spawned as tasks now, in the order given (asyncio wraps coroutines
/// the same way), so `gather` is called inside a running loop; tasks are taken as
/// they are. The first task to fail ends the
/// gather with its error, and the others keep running, as in asyncio; use
/// [`gather_settled`] for every result. Dropping an unfinished gather (say, because
/// the task awaiting it was cancelled) cancels the tasks it gathers.
///
/// A task of another loop can never finish here: the gather ends at once with
/// [`TaskError::OtherLoop`], as awaiting that task would, and leaves it alone.
///
/// For awaitables of different types, use the [`gather!`](crate::gather!) macro.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{gather, sleep, EventLoop};
///
/// async fn get_double(n: u64) -> u64 {
///     sleep(Duration::from_millis(100 * (10 - n))).await; // later numbers finish first
///     n * 2
/// }
///
/// let lp = EventLoop::with_virtual_clock();
/// let doubles = lp.run_until_complete(async { gather((0..10).map(get_double)).await });
/// let doubles = doubles.unwrap();
/// assert_eq!(doubles, Ok(vec![0, 2, 4, 6, 8, 10, 12, 14, 16, 18]));
/// ```
pub fn gather<I>(awaitables: I) -> Gather<<I::Item as IntoTask>::Output>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    Gather {
        group: Gathered::new(awaitables),
    }
}

/// Like [`gather`](fn@gather), but waits for every task and returns each one's result, error
/// or value: asyncio's `gather(..., return_exceptions=True)`. A task of another
/// loop gets [`TaskError::OtherLoop`] in its place at once, and is left alone.
///
/// ```
/// use coroasync::{gather_settled, run, TaskError};
///
/// let results = run(async {
///     gather_settled([
///         Box::pin(async { 1 }) as std::pin::Pin<Box<dyn std::future::Future<Output = i32>>>,
///         Box::pin(async { panic!("Ooops!") }),
///     ])
///     .await
/// })
/// .unwrap();
/// assert_eq!(results, [Ok(1), Err(TaskError::Panicked("Ooops!".into()))]);
/// ```
pub fn gather_settled<I>(awaitables: I) -> GatherSettled<<I::Item as IntoTask>::Output>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    GatherSettled {
        group: Gathered::new(awaitables),
    }
}

/// The tasks of a gather and the watch over them.
struct Gathered<T: 'static> {
    tasks: Vec<Task<T>>,
    watch: Watch,
    home: Home,
    /// Which tasks belong to another loop (empty while none has been found):
    /// their results are `OtherLoop`, and the watch leaves them out.
    other: Vec<bool>,
    finished: bool,
    /// Cancels the tasks at once when the awaiting task is cancelled.
    interrupt: Interruptible,
}

impl<T: 'static> Gathered<T> {
    fn new<I>(awaitables: I) -> Self
    where
        I: IntoIterator,
        I::Item: IntoTask<Output = T>,
    {
        let tasks: Vec<Task<T>> = awaitables.into_iter().map(IntoTask::into_task).collect();
        let watch = Watch::new(tasks.iter().map(Task::to_ref).collect());
        let home = Home::here();
        let interrupt = interruptible(watch.tasks(), &home);
        Self {
            tasks,
            watch,
            home,
            other: Vec::new(),
            finished: false,
            interrupt,
        }
    }

    /// Finds the tasks of another loop than the one polling, and stops watching
    /// them; whether there are any.
    fn split_off_other(&mut self) -> bool {
        if !self.home.any_other(self.watch.tasks()) {
            return !self.other.is_empty();
        }
        let home = &self.home;
        self.other = self.tasks.iter().map(|t| !home.owns(&t.to_ref())).collect();
        let own = self.tasks.iter().map(Task::to_ref).filter(|t| home.owns(t));
        self.watch = Watch::new(own.collect());
        true
    }

    fn take_all(&mut self) -> Vec<Result<T, TaskError>> {
        self.finished = true;
        self.interrupt.disarm();
        let other = |index| self.other.get(index).copied().unwrap_or(false);
        let results = self
            .tasks
            .iter()
            .enumerate()
            .map(|(index, task)| match other(index) {
                true => Err(TaskError::OtherLoop),
                false => task.take_finished(),
            });
        results.collect()
    }
}

impl<T: 'static> Drop for Gathered<T> {
    fn drop(&mut self) {
        let_go(&self.watch, &self.home, self.finished);
    }
}

/// The hook through which the cancellation of the task awaiting a gather
/// cancels the gathered tasks of this loop at once (asyncio's
/// `_GatheringFuture.cancel()`).
fn interruptible(tasks: &[crate::TaskRef], home: &Home) -> Interruptible {
    let own = tasks.iter().filter(|task| home.owns(task)).cloned();
    Interruptible::cancelling(own.collect())
}

/// Once the task awaiting a gather has been cancelled (which cancelled the
/// gathered tasks), the gather ends that task's step as a cancellation when the
/// first of them has ended by failing or being cancelled, or when all have ended
/// (only that, `settled`): asyncio's gathering future completes then, cancelled, and the
/// task's clean-up follows its children's. `false` while no cancellation came.
fn interrupted(
    interrupt: &mut Interruptible,
    watch: &mut Watch,
    cx: &mut Context<'_>,
    settled: bool,
) -> bool {
    interrupt.arm(cx.waker());
    if !interrupt.requested() {
        return false;
    }
    // The gathering future completes when all have ended, or, unsettled, at the
    // first failure; then the task ends cancelled, even if no task could be
    // cancelled because all had finished (asyncio's `_must_cancel`).
    let over = watch.all_done() || !settled && watch.first_failure(true).is_some();
    if watch.poll(cx) && over {
        end_step_cancelled();
    }
    true
}

/// What a gather does with its tasks when it goes away: a finished gather has
/// looked at every child's error (asyncio's does, so none is reported as
/// unobserved); an unfinished one was cancelled, and cancels them. A task of
/// another loop is left alone either way.
fn let_go(watch: &Watch, home: &Home, finished: bool) {
    for task in watch.tasks().iter().filter(|task| home.owns(task)) {
        if finished {
            task.mark_observed();
        } else {
            task.cancel();
        }
    }
}

/// The future of [`gather`](fn@gather).
#[must_use = "futures do nothing unless awaited"]
pub struct Gather<T: 'static> {
    group: Gathered<T>,
}

impl<T: 'static> Future for Gather<T> {
    type Output = Result<Vec<T>, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let group = &mut self.group;
        if group.split_off_other() {
            // As awaiting it would: a task of another loop fails at once here.
            group.finished = true;
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        if interrupted(&mut group.interrupt, &mut group.watch, cx, false) {
            return Poll::Pending;
        }
        if !group.watch.poll(cx) {
            return Poll::Pending;
        }
        if let Some(index) = group.watch.first_failure(true) {
            group.finished = true;
            group.interrupt.disarm();
            let error = match group.tasks[index].take_result() {
                Some(Err(error)) => error,
                _ => TaskError::ResultTaken,
            };
            return Poll::Ready(Err(error));
        }
        if !group.watch.all_done() {
            return Poll::Pending;
        }
        Poll::Ready(group.take_all().into_iter().collect())
    }
}

/// The future of [`gather_settled`].
#[must_use = "futures do nothing unless awaited"]
pub struct GatherSettled<T: 'static> {
    group: Gathered<T>,
}

impl<T: 'static> Future for GatherSettled<T> {
    type Output = Vec<Result<T, TaskError>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let group = &mut self.group;
        group.split_off_other();
        if interrupted(&mut group.interrupt, &mut group.watch, cx, true) {
            return Poll::Pending;
        }
        if !group.watch.poll(cx) || !group.watch.all_done() {
            return Poll::Pending;
        }
        Poll::Ready(group.take_all())
    }
}

impl<T: 'static> fmt::Debug for Gather<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gather")
            .field("tasks", &self.group.watch.tasks())
            .finish()
    }
}

impl<T: 'static> fmt::Debug for GatherSettled<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatherSettled")
            .field("tasks", &self.group.watch.tasks())
            .finish()
    }
}
