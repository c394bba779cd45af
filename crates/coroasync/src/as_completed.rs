//! `as_completed`: results handed out in the order their tasks finish.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error::TaskError;
use crate::task::{IntoTask, Task};
use crate::watch::{Home, Watch};

/// Hands out the tasks' results in the order they finish: asyncio's
/// `as_completed`.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{as_completed, sleep, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let order = lp.run_until_complete(async {
///     let mut results = as_completed([3, 1, 2].map(|secs| async move {
///         sleep(Duration::from_secs(secs)).await;
///         secs
///     }));
///     let mut order = Vec::new();
///     while let Some(result) = results.next().await {
///         order.push(result.unwrap());
///     }
///     order
/// });
/// assert_eq!(order, Ok(vec![1, 2, 3]));
/// ```
pub fn as_completed<I>(awaitables: I) -> AsCompleted<<I::Item as IntoTask>::Output>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    let tasks: Vec<Task<_>> = awaitables.into_iter().map(IntoTask::into_task).collect();
    let watch = Watch::new(tasks.iter().map(Task::to_ref).collect());
    AsCompleted {
        tasks: tasks.into_iter().map(Some).collect(),
        watch,
        home: Home::default(),
        other_loop: 0,
    }
}

/// What [`as_completed`] returns: call [`AsCompleted::next`] until it gives `None`.
///
/// A task of another loop can never finish here: its result is
/// [`TaskError::OtherLoop`], handed out first, as awaiting it would give; the task is
/// left alone.
pub struct AsCompleted<T: 'static> {
    tasks: Vec<Option<Task<T>>>,
    watch: Watch,
    home: Home,
    /// Tasks of another loop taken out, whose `OtherLoop` is still to hand out.
    other_loop: usize,
}

impl<T: 'static> AsCompleted<T> {
    /// Takes out the tasks of another loop than the one polling, and stops
    /// watching them.
    fn split_off_other(&mut self) {
        if !self.home.any_other(self.watch.tasks()) {
            return;
        }
        for slot in &mut self.tasks {
            if slot
                .as_ref()
                .is_some_and(|task| !self.home.owns(&task.to_ref()))
            {
                *slot = None;
                self.other_loop += 1;
            }
        }
        let own = self.tasks.iter().flatten().map(Task::to_ref);
        self.watch = Watch::new(own.collect());
    }

    /// The result of the next task to finish, or `None` when every result has been
    /// handed out.
    // A stream's `next`, awaited: it cannot be `Iterator::next`, which may not wait.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> NextCompleted<'_, T> {
        NextCompleted { set: self }
    }

    /// How many results are still to come.
    pub fn remaining(&self) -> usize {
        self.tasks.iter().flatten().count() + self.other_loop
    }

    /// The next result if a task has finished, or `Pending` with the waker kept:
    /// the work of [`AsCompleted::next`], and of `Stream::poll_next` with the
    /// `futures` feature.
    pub(crate) fn poll_next_result(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<T, TaskError>>> {
        self.split_off_other();
        if self.other_loop > 0 {
            self.other_loop -= 1;
            return Poll::Ready(Some(Err(TaskError::OtherLoop)));
        }
        if self.remaining() == 0 {
            return Poll::Ready(None);
        }
        if !self.watch.poll(cx) {
            return Poll::Pending;
        }
        let next = self
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(i, task)| Some((i, task.as_ref()?)))
            .filter(|(_, task)| task.ending().is_some())
            .min_by_key(|(_, task)| task.to_ref().finished_as())
            .map(|(index, _)| index);
        match next.and_then(|index| self.tasks[index].take()) {
            Some(task) => Poll::Ready(Some(task.take_finished())),
            None => Poll::Pending,
        }
    }
}

impl<T: 'static> fmt::Debug for AsCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("remaining", &self.remaining())
            .finish()
    }
}

/// The future of [`AsCompleted::next`].
#[must_use = "futures do nothing unless awaited"]
#[derive(Debug)]
pub struct NextCompleted<'a, T: 'static> {
    set: &'a mut AsCompleted<T>,
}

impl<T: 'static> Future for NextCompleted<'_, T> {
    type Output = Option<Result<T, TaskError>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.set.poll_next_result(cx)
    }
}
