//! Closing a task and throwing an error into it: Python's `generator.close()`
//! and `generator.throw(error)`, aimed at a task of a [`Scheduler`]; and adding
//! the routines `add` cannot take as they are (one that catches what is thrown,
//! one that cannot fail).

use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use corotrace::{Event, take_panic_message};

use crate::TaskId;

use crate::retire::{drop_catching, retire};
use crate::send::record_host_wake;
use crate::task::Infallible;
use crate::throw::Catching;
use crate::{
    CloseError, ControlRefusal, Gen, Resumed, Scheduler, Step, TaskState, ThrowError, Thrown,
};

impl<T, S, Y> Scheduler<T, S, Y> {
    /// [`Scheduler::add`] for a generator whose body returns its value itself,
    /// not a `Result`, or never returns (a game's actor, a ticker): the shapes
    /// `add` cannot infer. It can still fail, by panicking or by awaiting a
    /// future other than its `co.yield_`.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler, Step};
    ///
    /// let mut scheduler: Scheduler<u32> = Scheduler::new();
    /// // Endless: yields for ever.
    /// let ticker = scheduler.add_infallible(Gen::new(|co| async move {
    ///     loop {
    ///         co.yield_(()).await;
    ///     }
    /// }));
    /// // Yields, then returns a plain value.
    /// let answer = scheduler.add_infallible(Gen::new(|co| async move {
    ///     co.yield_(()).await;
    ///     42
    /// }));
    /// scheduler.run_steps(4);
    ///
    /// assert_eq!(scheduler.take_result(answer), Ok(42));
    /// assert_eq!(scheduler.step(), Some(Step::Yielded { task: ticker, value: () }));
    /// ```
    pub fn add_infallible<F>(&mut self, routine: Gen<Y, S, F>) -> TaskId
    where
        F: Future<Output = T> + 'static,
        S: 'static,
        Y: 'static,
    {
        self.add(Infallible(routine))
    }

    /// [`Scheduler::add`] for a routine that can catch what
    /// [`Scheduler::throw`] throws at it. Its `co.yield_` evaluates to
    /// `Ok(sent)` at each ordinary step and to `Err(thrown)` when an error is
    /// thrown into it: match on it to handle the error where the routine is
    /// paused, or hand it on with `?`, which fails the task with it.
    ///
    /// Where the body calls a method on the error before anything else names
    /// its type, Rust asks for the `Co`'s type (`E0282`): write it on the
    /// closure's argument, as below, or on a function returning the `Gen`.
    ///
    /// ```
    /// use corogen::{Co, Gen, Scheduler, Step, Thrown};
    ///
    /// let mut scheduler: Scheduler<&str> = Scheduler::new();
    /// let task = scheduler.add_catching(Gen::new(|co: Co<(), Result<(), Thrown>>| async move {
    ///     match co.yield_(()).await {
    ///         Ok(()) => Ok("nothing thrown"),
    ///         Err(thrown) if thrown.message() == "stop" => Ok("stopped"),
    ///         Err(thrown) => Err(thrown),
    ///     }
    /// }));
    /// scheduler.step();
    /// assert_eq!(scheduler.throw(task, Thrown::new("stop")), Ok(Step::Completed { task }));
    /// assert_eq!(scheduler.take_result(task), Ok("stopped"));
    /// ```
    pub fn add_catching<E, F>(&mut self, routine: Gen<Y, Result<S, Thrown>, F>) -> TaskId
    where
        F: Future<Output = Result<T, E>> + 'static,
        E: fmt::Display,
        S: 'static,
        Y: 'static,
    {
        self.add(Catching(routine))
    }

    /// Closes `task` before it finishes: Python's `generator.close()`. The
    /// task leaves the queue and is dropped, so its clean-up runs (for a
    /// generator, the destructors of what its body holds, as Python runs a
    /// generator's `finally`), and it is recorded as
    /// [`TaskState::Closed`]; the trace says `Task 0 closed`. Returns the
    /// task's new state: `Closed`, or `Failed` if a destructor panicked.
    ///
    /// A task that has finished, was closed already or was never added is an
    /// error that names the reason; nothing changes.
    ///
    /// # Errors
    ///
    /// [`CloseError`] when `task` is unknown to this scheduler, has finished, or
    /// was closed already.
    ///
    /// ```
    /// use corogen::{ControlRefusal, Gen, Scheduler, TaskState};
    ///
    /// let mut scheduler: Scheduler<()> = Scheduler::new();
    /// let ticker = scheduler.add_infallible(Gen::new(|co| async move {
    ///     loop {
    ///         co.yield_(()).await;
    ///     }
    /// }));
    /// scheduler.run_steps(3);
    /// assert_eq!(scheduler.close(ticker), Ok(TaskState::Closed));
    /// assert_eq!(scheduler.close(ticker).unwrap_err().reason, ControlRefusal::Closed);
    /// assert!(scheduler.is_idle());
    /// ```
    pub fn close(&mut self, task: TaskId) -> Result<TaskState, CloseError> {
        let found = self.position(task);
        let Some(closing) = found.and_then(|position| self.runnable.remove(position)) else {
            let reason = self.refusal(task);
            return Err(CloseError { task, reason });
        };
        if let Some(panic) = drop_catching(closing) {
            let message = format!("a destructor panicked as the task was closed: {panic}");
            self.trace.record(|| Event::Failed {
                task: task.trace_id(),
                message: message.clone(),
            });
            self.failed.insert(task, message);
            return Ok(TaskState::Failed);
        }
        self.trace.record(|| Event::Closed {
            task: task.trace_id(),
        });
        self.closed.insert(task);
        Ok(TaskState::Closed)
    }

    /// The closed tasks, in the order they were closed.
    pub fn closed(&self) -> impl ExactSizeIterator<Item = TaskId> + '_ {
        self.closed.iter().copied()
    }

    fn position(&self, task: TaskId) -> Option<usize> {
        self.runnable.iter().position(|t| t.id() == task)
    }

    /// Why `task`, not in the queue, cannot be closed or thrown into.
    fn refusal(&self, task: TaskId) -> ControlRefusal {
        match self.state(task) {
            None if !self.owns(task) => ControlRefusal::Foreign,
            None => ControlRefusal::Unknown,
            Some(TaskState::Closed) => ControlRefusal::Closed,
            Some(_) => ControlRefusal::Finished,
        }
    }
}

impl<T: fmt::Debug + 'static, S, Y> Scheduler<T, S, Y> {
    /// Raises `error` in `task` where it is paused, now, out of turn: Python's
    /// `generator.throw(error)`. The trace shows `Running task N`, as for any
    /// resume, and the task keeps its place in the queue if it goes on.
    ///
    /// A routine added with [`Scheduler::add_catching`] receives the error as
    /// the `Err` of its paused `co.yield_` and may handle it and carry on. Any
    /// other routine cannot catch it: it ends there, its clean-up runs, and it
    /// fails with the error (`Failed with exception: bad key`), as a generator
    /// fails with an exception it does not catch. A task that has not started
    /// fails at once, without running, as in Python.
    ///
    /// A task that has finished, was closed or was never added refuses the
    /// error and hands it back.
    ///
    /// # Errors
    ///
    /// [`ThrowError`], with the error handed back, when `task` is unknown to this
    /// scheduler, has finished, or was closed.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler, Step, Thrown};
    ///
    /// let mut scheduler: Scheduler<()> = Scheduler::new();
    /// let ticker = scheduler.add_infallible(Gen::new(|co| async move {
    ///     loop {
    ///         co.yield_(()).await;
    ///     }
    /// }));
    /// scheduler.step();
    /// let step = scheduler.throw(ticker, Thrown::new("bad key"));
    /// assert_eq!(step, Ok(Step::Failed { task: ticker }));
    /// assert_eq!(scheduler.failure(ticker), Some("bad key"));
    /// ```
    pub fn throw(&mut self, task: TaskId, error: Thrown) -> Result<Step<Y>, ThrowError> {
        let Some(position) = self.position(task) else {
            let reason = self.refusal(task);
            return Err(ThrowError {
                task,
                reason,
                error,
            });
        };
        record_host_wake(&self.trace, task.trace_id());
        self.trace.enter(task.trace_id());
        let entry = &mut self.runnable[position];
        let mut thrown = if entry.is_started() {
            catch_unwind(AssertUnwindSafe(|| entry.throw(error))).map_err(take_panic_message)
        } else {
            Ok(Resumed::Returned(Err(error.to_string())))
        };
        if !matches!(thrown, Ok(Resumed::Yielded(_)))
            && let Some(ended) = self.runnable.remove(position)
        {
            thrown = retire(ended, thrown, self.render);
        }
        Ok(self.settle(task, thrown))
    }
}
