//! Sending a value into a paused task out of turn: Python's
//! `generator.send(value)`, aimed at a task of a [`Scheduler`].

use std::fmt;

use corotrace::{Cause, Event, Trace, take_panic_message};

use crate::retire::retire;
use crate::scheduler::resume;
use crate::{Resumed, Scheduler, SendError, SendRefusal, Step, TaskId, TaskState};

impl<T: fmt::Debug + 'static, S, Y> Scheduler<T, S, Y> {
    /// Resumes `task` now, out of turn, with `value` as what its paused `yield`
    /// evaluates to (Python's `generator.send(value)`), and says what it did; a
    /// yielded value comes back in [`Step::Yielded`]. The task keeps its place
    /// in the queue.
    ///
    /// Finding the task costs a scan of the runnable queue. A task that has
    /// finished, has not started, or was never added refuses the value and
    /// hands it back in the error.
    ///
    /// # Errors
    ///
    /// [`SendError`], with the value handed back, when `task` is unknown (or
    /// another scheduler's), has not started, has finished or was closed.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler, SendRefusal, Step};
    ///
    /// let mut scheduler: Scheduler<(), i32, i32> = Scheduler::new();
    /// let doubler = scheduler.add_infallible(Gen::new(|co| async move {
    ///     let mut sent = co.yield_(0).await;
    ///     loop {
    ///         sent = co.yield_(sent * 2).await;
    ///     }
    /// }));
    /// let refused = scheduler.send(doubler, 5).unwrap_err();
    /// assert_eq!((refused.reason, refused.value), (SendRefusal::NotStarted, 5));
    ///
    /// scheduler.step(); // runs it to its first `yield`, like `next(g)`
    /// assert_eq!(scheduler.send(doubler, 5), Ok(Step::Yielded { task: doubler, value: 10 }));
    /// ```
    pub fn send(&mut self, task: TaskId, value: S) -> Result<Step<Y>, SendError<S>> {
        let refuse = |reason, value| {
            Err(SendError {
                task,
                reason,
                value,
            })
        };
        let Some(position) = self.runnable.iter().position(|t| t.id() == task) else {
            let reason = match self.state(task) {
                None if !self.owns(task) => SendRefusal::Foreign,
                None => SendRefusal::Unknown,
                Some(TaskState::Closed) => SendRefusal::Closed,
                Some(_) => SendRefusal::Finished,
            };
            return refuse(reason, value);
        };
        let entry = &mut self.runnable[position];
        if !entry.is_started() {
            return refuse(SendRefusal::NotStarted, value);
        }
        record_host_wake(&self.trace, task.trace_id());
        let mut resumed = resume(&self.trace, entry, value).map_err(take_panic_message);
        if !matches!(resumed, Ok(Resumed::Yielded(_)))
            && let Some(ended) = self.runnable.remove(position)
        {
            resumed = retire(ended, resumed, self.render);
        }
        Ok(self.settle(task, resumed))
    }
}

/// Records that the program holding the scheduler resumes `task` out of turn
/// (a `send`, a `throw`).
pub(crate) fn record_host_wake(trace: &Trace, task: corotrace::TaskId) {
    trace.record(|| Event::WokenBy {
        task,
        by: Cause::Host,
    });
}
