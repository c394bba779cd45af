//! What a scheduler knows of its tasks: their ids, where each is, and the values
//! and failures they ended with.

use std::fmt;

use crate::error::ResultError;
use crate::{Scheduler, TaskId, TaskState};

impl<T, S, Y> Scheduler<T, S, Y> {
    /// Has the trace write each completed value with `render`, in place of
    /// Python's `str()` for the common types and `Debug` for the rest: for a
    /// result type of your own that implements [`PyRepr`](crate::PyRepr),
    /// its `py_str`, so the trace reads as the Python's.
    ///
    /// ```
    /// use std::fmt;
    /// use corogen::{Gen, Scheduler, Trace};
    /// use corogen::PyRepr;
    ///
    /// #[derive(Debug)]
    /// struct Point(i32, i32);
    ///
    /// impl PyRepr for Point {
    ///     fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    ///         write!(f, "Point(x={}, y={})", self.0, self.1)
    ///     }
    /// }
    ///
    /// let trace = Trace::capture();
    /// let mut scheduler: Scheduler<Point> = Scheduler::with_trace(trace.clone());
    /// scheduler.render_results_with(|point: &Point| point.py_str().to_string());
    /// scheduler.add(Gen::new(|_co| async move { Ok::<_, String>(Point(1, 2)) }));
    /// scheduler.run_to_completion();
    ///
    /// assert!(trace.text().ends_with("Task 0 completed with result: Point(x=1, y=2)\n"));
    /// ```
    pub fn render_results_with(&mut self, render: fn(&T) -> String) {
        self.render = Some(render);
    }

    /// This scheduler's id with `number`, whether or not a task of that number
    /// was added yet: for a host that names tasks by the numbers the trace
    /// prints. Ids from [`Scheduler::add`] are the same.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler};
    ///
    /// let mut scheduler: Scheduler<u8> = Scheduler::new();
    /// let id = scheduler.add(Gen::new(|_co| async move { Ok::<_, String>(1) }));
    /// assert_eq!(scheduler.task_id(0), id);
    /// assert_eq!(scheduler.state(scheduler.task_id(1)), None);
    /// ```
    pub fn task_id(&self, number: u64) -> TaskId {
        self.next_id.sibling(number)
    }

    /// Whether `task` is an id of this scheduler (added or not).
    pub(crate) fn owns(&self, task: TaskId) -> bool {
        task.same_scheduler(self.next_id)
    }

    /// Where `task` is, or `None` if it was never added here (an id of another
    /// scheduler included; the calls that change a task say which it was).
    pub fn state(&self, task: TaskId) -> Option<TaskState> {
        if !self.owns(task) || task >= self.next_id {
            None
        } else if self.completed.contains_key(&task) {
            Some(TaskState::Completed)
        } else if self.failed.contains_key(&task) {
            Some(TaskState::Failed)
        } else if self.closed.contains(&task) {
            Some(TaskState::Closed)
        } else if self.runnable.iter().any(|t| t.id() == task) {
            Some(TaskState::Runnable)
        } else {
            Some(TaskState::Taken)
        }
    }

    /// The value `task` completed with, if it did and it has not been taken
    /// (`None` for another scheduler's id).
    pub fn result(&self, task: TaskId) -> Option<&T> {
        self.completed.get(&task)
    }

    /// Takes the value `task` completed with (the notebook's
    /// `completed_task_result.pop(id)`); asking twice is an error, not a panic.
    ///
    /// # Errors
    ///
    /// [`ResultError`] when `task` is unknown or another scheduler's, has not
    /// finished, failed, was closed, or its result was taken already.
    pub fn take_result(&mut self, task: TaskId) -> Result<T, ResultError> {
        if let Some(value) = self.completed.shift_remove(&task) {
            return Ok(value);
        }
        Err(match self.state(task) {
            None if !self.owns(task) => ResultError::Foreign(task),
            None => ResultError::Unknown(task),
            Some(TaskState::Runnable) => ResultError::Pending(task),
            Some(TaskState::Failed) => ResultError::Failed {
                task,
                message: self.failed[&task].clone(),
            },
            Some(TaskState::Closed) => ResultError::Closed(task),
            Some(TaskState::Taken | TaskState::Completed) => ResultError::Taken(task),
        })
    }

    /// The completed tasks' values not yet taken, in the order the tasks completed.
    pub fn completed(&self) -> impl ExactSizeIterator<Item = (TaskId, &T)> {
        self.completed.iter().map(|(&task, value)| (task, value))
    }

    /// The message `task` failed with, if it failed (`None` for another
    /// scheduler's id).
    pub fn failure(&self, task: TaskId) -> Option<&str> {
        self.failed.get(&task).map(String::as_str)
    }

    /// The failed tasks and their messages, in the order they failed.
    pub fn failures(&self) -> impl ExactSizeIterator<Item = (TaskId, &str)> {
        self.failed
            .iter()
            .map(|(&task, message)| (task, message.as_str()))
    }
}

impl<T: fmt::Debug, S, Y> fmt::Debug for Scheduler<T, S, Y> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scheduler")
            .field("runnable", &self.runnable)
            .field("completed", &self.completed)
            .field("failed", &self.failed)
            .field("closed", &self.closed)
            .field("next_id", &self.next_id)
            .finish()
    }
}
