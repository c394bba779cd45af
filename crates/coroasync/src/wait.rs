//! Waiting on tasks with conditions and time limits: `wait`, `wait_for` and
//! `shield`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::cell::Hop;
use crate::error::{Elapsed, TaskError};
use crate::interrupt::{Interruptible, end_step_cancelled};
#[cfg(doc)]
use crate::shield;
use crate::task::{IntoTask, Task, TaskRef};
use crate::time::{Sleep, sleep};
use crate::watch::{Home, Relay, Watch};

/// When [`wait`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReturnWhen {
    /// When every task has finished.
    #[default]
    AllCompleted,
    /// When any task has finished.
    FirstCompleted,
    /// When any task has failed (not counting cancellation), or all have finished.
    FirstException,
}

/// A handle [`wait`] can watch: a [`Task`] of any output type, or a [`TaskRef`]
/// (so one call can wait for tasks of different types, or for
/// [`all_tasks`](crate::all_tasks)).
pub trait Waitable {
    /// The task, without its result type.
    fn task_ref(&self) -> TaskRef;
}

impl<T: 'static> Waitable for Task<T> {
    fn task_ref(&self) -> TaskRef {
        self.to_ref()
    }
}

impl Waitable for TaskRef {
    fn task_ref(&self) -> TaskRef {
        self.clone()
    }
}

/// Waits until `return_when` holds for `tasks`, or until `timeout` passes, and
/// returns them split into `(done, pending)`: asyncio's `wait`.
///
/// `tasks` are [`Task`]s or [`TaskRef`]s. Both lists keep the order the tasks
/// were given in (asyncio's are sets, in hash order). Nothing is cancelled, on
/// timeout either; the pending tasks run on. A task of another loop can never
/// finish here: the wait ends at once with [`TaskError::OtherLoop`], as awaiting
/// that task would, and leaves it alone.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, spawn, wait, EventLoop, ReturnWhen};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let tasks: Vec<_> = [3, 1, 2]
///         .map(|secs| spawn(async move { sleep(Duration::from_secs(secs)).await; secs }))
///         .into();
///     let (done, pending) = wait(tasks, ReturnWhen::FirstCompleted, None).await.unwrap();
///     assert_eq!(done.len(), 1);
///     assert_eq!(pending.len(), 2);
///     assert_eq!(done[0].take_result(), Some(Ok(1)));
/// })
/// .unwrap();
/// ```
///
/// Tasks of different types, through their [`TaskRef`]s:
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, spawn, wait, EventLoop, ReturnWhen};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let number = spawn(async { 4 });
///     let text = spawn(async { sleep(Duration::from_secs(1)).await; "four" });
///     let both = [number.to_ref(), text.to_ref()];
///     let (done, pending) = wait(both, ReturnWhen::AllCompleted, None).await.unwrap();
///     assert_eq!((done.len(), pending.len()), (2, 0));
///     assert_eq!(text.await, Ok("four"));
/// })
/// .unwrap();
/// ```
#[doc(alias = "select")]
pub fn wait<W: Waitable>(
    tasks: impl IntoIterator<Item = W>,
    return_when: ReturnWhen,
    timeout: Option<Duration>,
) -> Wait<W> {
    let tasks: Vec<W> = tasks.into_iter().collect();
    let watch = Watch::new(tasks.iter().map(Waitable::task_ref).collect());
    Wait {
        tasks,
        watch,
        return_when,
        timeout: timeout.map(sleep),
        home: Home::default(),
    }
}

/// The future of [`wait`]: `(done, pending)`, or [`TaskError::OtherLoop`].
#[must_use = "futures do nothing unless awaited"]
pub struct Wait<W> {
    tasks: Vec<W>,
    watch: Watch,
    return_when: ReturnWhen,
    timeout: Option<Sleep>,
    home: Home,
}

impl<W> Unpin for Wait<W> {}

impl<W: Waitable> Future for Wait<W> {
    type Output = Result<(Vec<W>, Vec<W>), TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.home.any_other(this.watch.tasks()) {
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        let looked = this.watch.poll(cx);
        let timed_out = this
            .timeout
            .as_mut()
            .is_some_and(|sleep| Pin::new(sleep).poll(cx).is_ready());
        let met = looked
            && (this.watch.all_done()
                || match this.return_when {
                    ReturnWhen::AllCompleted => false,
                    ReturnWhen::FirstCompleted => this.watch.any_done(),
                    ReturnWhen::FirstException => this.watch.first_failure(false).is_some(),
                });
        if !met && !timed_out {
            return Poll::Pending;
        }
        this.watch.forget();
        let (done, pending) = std::mem::take(&mut this.tasks)
            .into_iter()
            .partition(|task| task.task_ref().is_done());
        Poll::Ready(Ok((done, pending)))
    }
}

impl<W> fmt::Debug for Wait<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("tasks", &self.watch.tasks())
            .field("return_when", &self.return_when)
            .finish()
    }
}

/// Waits for `awaitable` for at most `timeout`: asyncio's `wait_for`.
///
/// A future is spawned as a task first (as asyncio 3.11 does). If time runs out,
/// the task is cancelled and, once its cancellation has gone through, the result is
/// `Err(Elapsed)`; otherwise it is the task's own result. Dropping the `wait_for`
/// while it waits cancels the task too. A task of another loop is
/// `Ok(Err(TaskError::OtherLoop))` at once, as awaiting it would be, and is never
/// cancelled. To let the task run on past the time
/// limit, [`shield`] it.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, wait_for, Elapsed, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let late = lp.run_until_complete(async {
///     wait_for(sleep(Duration::from_secs(2)), Duration::from_secs(1)).await
/// });
/// assert_eq!(late, Ok(Err(Elapsed)));
/// ```
pub fn wait_for<A: IntoTask>(awaitable: A, timeout: Duration) -> WaitFor<A::Output> {
    WaitFor {
        task: awaitable.into_task(),
        slot: None,
        timer: sleep(timeout),
        cancelling: false,
        home: Home::here(),
        relay: None,
        interrupt: Interruptible::waking(),
        interrupting: false,
    }
}

/// The future of [`wait_for`].
#[must_use = "futures do nothing unless awaited"]
pub struct WaitFor<T: 'static> {
    task: Task<T>,
    slot: Option<usize>,
    timer: Sleep,
    cancelling: bool,
    home: Home,
    /// What is registered on the task (from the first poll on): the wait goes on
    /// only when the task's end came through it or the timer is due, as asyncio's
    /// `wait_for` resumes only when its waiter completes.
    relay: Option<(Arc<Relay>, Waker)>,
    /// Hears of the cancellation of the task awaiting this wait.
    interrupt: Interruptible,
    /// The awaiting task was cancelled, and the task waited on has been told.
    interrupting: bool,
}

impl<T: 'static> Unpin for WaitFor<T> {}

impl<T: 'static> WaitFor<T> {
    /// The awaiting task was cancelled. As 3.11's `wait_for`, when this runs
    /// again: a task waited on that has finished by then gives its result, and
    /// the cancellation is spent (`if fut.done(): return fut.result()`); a wait
    /// already cancelling the task for its time limit ends the step as a
    /// cancellation at once (the waiter of `_cancel_and_wait` was cancelled);
    /// otherwise the task waited on is cancelled, and once it has ended (its end
    /// comes through the relay, a hop late) the step ends as a cancellation, so
    /// the awaiting task's clean-up follows the inner one's.
    fn poll_interrupted(&mut self, cx: &mut Context<'_>) -> Poll<Result<T, TaskError>> {
        let first = !std::mem::replace(&mut self.interrupting, true);
        let (relay, relay_waker) = self.relay.get_or_insert_with(Relay::new);
        let fired = relay.poll(cx.waker());
        let mut relay_cx = Context::from_waker(relay_waker);
        let done = (self.task)
            .poll_done(&mut relay_cx, Hop::Deferred, &mut self.slot)
            .is_ready();
        match (first, done) {
            (true, _) if self.cancelling => end_step_cancelled(),
            (true, true) => {
                relay.close();
                self.slot = None;
                self.interrupt.disarm();
                if let Some(flag) = crate::context::cancel_flag() {
                    flag.clear();
                }
                return Poll::Ready(self.task.take_finished());
            }
            (true, false) => {
                self.task.cancel();
            }
            (false, true) if fired => end_step_cancelled(),
            (false, _) => {}
        }
        Poll::Pending
    }
}

impl<T: 'static> Future for WaitFor<T> {
    type Output = Result<Result<T, TaskError>, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.home.any_other(&[this.task.to_ref()]) {
            return Poll::Ready(Ok(Err(TaskError::OtherLoop)));
        }
        this.interrupt.arm(cx.waker());
        if this.interrupt.requested() {
            return this.poll_interrupted(cx).map(Ok);
        }
        // The timer first, so that a deadlock report names the task waited on,
        // not the timer (a time limit of `Duration::MAX` sets none).
        let due = !this.cancelling && Pin::new(&mut this.timer).poll(cx).is_ready();
        let first = this.relay.is_none();
        let (relay, relay_waker) = this.relay.get_or_insert_with(Relay::new);
        let fired = relay.poll(cx.waker());
        let mut relay_cx = Context::from_waker(relay_waker);
        let done = (this.task)
            .poll_done(&mut relay_cx, Hop::Deferred, &mut this.slot)
            .is_ready();
        if first && done {
            // Finished already: asyncio 3.11 still takes its two hops (the done
            // callback, then the waiter), and so does this.
            if let Some(core) = crate::context::running() {
                core.wake_later(relay_waker.clone());
                return Poll::Pending;
            }
        }
        if !(fired || due || first && done) {
            return Poll::Pending; // not this wait's wake-up
        }
        if done {
            relay.close();
            this.slot = None;
            this.interrupt.disarm();
            let result = this.task.take_finished();
            return Poll::Ready(match (this.cancelling, result) {
                (true, Err(TaskError::Cancelled)) => Err(Elapsed),
                (_, result) => Ok(result),
            });
        }
        if due {
            this.cancelling = true;
            this.task.cancel();
        }
        Poll::Pending
    }
}

impl<T: 'static> Drop for WaitFor<T> {
    fn drop(&mut self) {
        if let Some((relay, _)) = &self.relay {
            relay.close();
        }
        self.task.forget(self.slot.take());
        if self.home.owns(&self.task.to_ref()) {
            self.task.cancel();
        }
    }
}

impl<T: 'static> fmt::Debug for WaitFor<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitFor")
            .field("task", &self.task)
            .field("cancelling", &self.cancelling)
            .finish()
    }
}
