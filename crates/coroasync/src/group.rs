//! `TaskGroup`: a scope that owns its tasks (asyncio 3.11's `TaskGroup`, trio's
//! nursery).

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use corotrace::TaskId;

use crate::error::TaskError;
use crate::interrupt::{Interruptible, end_step_cancelled};
use crate::task::{Task, TaskRef, spawn};

/// A scope for tasks: [`TaskGroup::join`] waits for all of them, and when one
/// fails, the others are cancelled at once and every failure is reported together
/// (trio's `MultiError`, asyncio's `ExceptionGroup`).
///
/// Dropping a group that was not joined cancels its tasks, so none outlives the
/// scope that started it. Python's `async with` also cancels the body of the block
/// when a child fails; here the body runs on until it awaits `join`.
///
/// A task leaves the group as soon as it finishes (its value goes with the handle
/// `spawn` returned; only a failure is kept, for `join`), so a group that lives
/// for ever holds only the tasks still running.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{say, sleep, EventLoop, TaskGroup};
///
/// async fn counter(begin: u32, end: u32, boom: u32) {
///     for i in begin..end {
///         say!("{i}");
///         if i == boom {
///             panic!("The answer!");
///         }
///         sleep(Duration::from_millis(100)).await;
///     }
/// }
///
/// let lp = EventLoop::with_virtual_clock();
/// let outcome = lp.run_until_complete(async {
///     let group = TaskGroup::new();
///     group.spawn(counter(42, 120, 42));
///     group.spawn(counter(35, 80, 42));
///     group.join().await
/// });
/// let errors = outcome.unwrap().unwrap_err().errors;
/// assert_eq!(errors.len(), 1);
/// ```
#[doc(alias = "JoinSet")]
pub struct TaskGroup {
    inner: Rc<GroupInner>,
}

#[derive(Default)]
struct GroupInner {
    /// The tasks still running, under rising numbers of the group's own. A task
    /// leaves when its done callback runs, so a long-lived group holds no
    /// finished child (nor its value), only the errors it must report.
    tasks: RefCell<Vec<(u64, TaskRef)>>,
    spawned: Cell<u64>,
    /// Tasks whose done callback has not run yet: the group is over when none are
    /// left, and only then are all the errors in.
    unsettled: Cell<usize>,
    errors: RefCell<Vec<(TaskId, TaskError)>>,
    aborting: Cell<bool>,
    joined: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl GroupInner {
    fn abort(&self) {
        if self.aborting.replace(true) {
            return;
        }
        let tasks: Vec<TaskRef> = self.tasks.borrow().iter().map(|(_, t)| t.clone()).collect();
        for task in tasks {
            task.cancel();
        }
    }
}

/// Every failure of a [`TaskGroup`]'s tasks, in the order they happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupError {
    /// Each failed task and its error (cancellations the group made are not
    /// counted).
    pub errors: Vec<(TaskId, TaskError)>,
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unhandled errors in a TaskGroup ({} sub-errors)",
            self.errors.len()
        )?;
        for (task, error) in &self.errors {
            write!(f, "\n  task {task}: {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GroupError {}

impl TaskGroup {
    /// An empty group.
    pub fn new() -> Self {
        Self {
            inner: Rc::default(),
        }
    }

    /// Spawns `future` in the group on the running loop. A group that is already
    /// cancelling its tasks (one failed) cancels this one too.
    ///
    /// # Panics
    ///
    /// Outside a running loop.
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> Task<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let task = spawn(future);
        let number = self.inner.spawned.get();
        self.inner.spawned.set(number + 1);
        self.inner.tasks.borrow_mut().push((number, task.to_ref()));
        let inner = Rc::clone(&self.inner);
        inner.unsettled.set(inner.unsettled.get() + 1);
        task.add_done_callback(move |task| {
            inner.unsettled.set(inner.unsettled.get() - 1);
            let gone = {
                let mut tasks = inner.tasks.borrow_mut();
                let index = tasks.binary_search_by_key(&number, |(n, _)| *n);
                index.ok().map(|index| tasks.remove(index))
            };
            // Dropped after the borrow ends: it may be the task's last handle.
            drop(gone);
            match task.failure() {
                None | Some(TaskError::Cancelled) => {}
                Some(error) => {
                    inner.errors.borrow_mut().push((task.id(), error));
                    inner.abort();
                }
            }
            if let Some(waker) = inner.waker.borrow_mut().take() {
                waker.wake();
            }
        });
        if self.inner.aborting.get() {
            task.cancel();
        }
        task
    }

    /// Waits until every task of the group has finished; `Err` lists the failures.
    pub fn join(self) -> GroupJoin {
        self.inner.joined.set(true);
        GroupJoin {
            group: self,
            interrupt: Interruptible::waking(),
        }
    }

    fn all_done(&self) -> bool {
        self.inner.unsettled.get() == 0
    }
}

impl Default for TaskGroup {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TaskGroup {
    fn drop(&mut self) {
        // Not joined, or the join itself was dropped unfinished: nothing may outlive
        // the scope.
        if !self.inner.joined.get() || !self.all_done() {
            self.inner.abort();
        }
    }
}

impl fmt::Debug for TaskGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskGroup")
            .field(
                "tasks",
                &self
                    .inner
                    .tasks
                    .borrow()
                    .iter()
                    .map(|(_, task)| task)
                    .collect::<Vec<_>>(),
            )
            .field("errors", &self.inner.errors.borrow())
            .finish()
    }
}

/// The future of [`TaskGroup::join`].
#[must_use = "futures do nothing unless awaited"]
#[derive(Debug)]
pub struct GroupJoin {
    group: TaskGroup,
    /// Hears of the cancellation of the task awaiting the join.
    interrupt: Interruptible,
}

impl Future for GroupJoin {
    type Output = Result<(), GroupError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.interrupt.arm(cx.waker());
        if self.interrupt.requested() {
            // The awaiting task was cancelled (3.11's `__aexit__`): cancel every
            // task, wait for them all, then end the step as a cancellation, so
            // the task's clean-up follows theirs.
            self.group.inner.abort();
            if self.group.all_done() {
                end_step_cancelled();
            } else {
                *self.group.inner.waker.borrow_mut() = Some(cx.waker().clone());
            }
            return Poll::Pending;
        }
        let inner = &self.group.inner;
        // A task is done a hop before its done callback records its error, so the
        // group waits for the callbacks, not just the tasks.
        if !self.group.all_done() {
            *inner.waker.borrow_mut() = Some(cx.waker().clone());
            crate::context::note_waiting(crate::waiting::Waiting::Primitive("TaskGroup.join"));
            return Poll::Pending;
        }
        self.interrupt.disarm();
        let errors = std::mem::take(&mut *inner.errors.borrow_mut());
        Poll::Ready(if errors.is_empty() {
            Ok(())
        } else {
            Err(GroupError { errors })
        })
    }
}
