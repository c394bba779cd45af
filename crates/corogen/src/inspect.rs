//! A look inside a [`Scheduler`]: its queue in order and every task's state, for
//! a debugger's view or a game's debug overlay.

use std::collections::HashMap;
use std::fmt;

use crate::TaskId;

use crate::Scheduler;
use crate::retire::describe;

/// What a [`Scheduler`] holds at one moment, from [`Scheduler::inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Steps taken from the queue so far: each [`Scheduler::step`] (or
    /// [`Scheduler::step_with`], or one of [`Scheduler::run_steps`]) that ran a
    /// routine. A [`Scheduler::send`] resumes a routine out of turn and is not
    /// one.
    pub steps: u64,
    /// The runnable queue, the task that runs next first.
    pub queue: Vec<TaskId>,
    /// Every task ever added, in the order it was added.
    pub tasks: Vec<TaskSnapshot>,
}

/// One task in a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSnapshot {
    /// Its id.
    pub id: TaskId,
    /// Where it is.
    pub state: Inspected,
}

/// Where a task is, with what a debugger shows for it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Inspected {
    /// In the queue, `position` tasks ahead of it (0: it runs next); `started`
    /// says whether it has had a step yet.
    Runnable {
        /// Tasks ahead of it in the queue.
        position: usize,
        /// Whether it has run at least once.
        started: bool,
    },
    /// Completed; its value, written as the trace writes it, waits to be taken.
    Completed {
        /// The value.
        value: String,
    },
    /// Completed, and its value was taken.
    Taken,
    /// Failed with `message`.
    Failed {
        /// The error's message, or the panic's.
        message: String,
    },
    /// Closed before it finished.
    Closed,
}

impl<T: fmt::Debug + 'static, S, Y> Scheduler<T, S, Y> {
    /// The queue in order and every task's state, as they stand now. It reads the
    /// scheduler and changes nothing: it costs nothing until it is called, and
    /// then one pass over the tasks.
    ///
    /// ```
    /// use corogen::{Gen, Inspected, Scheduler};
    ///
    /// let mut scheduler: Scheduler<u32> = Scheduler::new();
    /// let slow = scheduler.add_infallible(Gen::new(|co| async move {
    ///     co.yield_(()).await;
    ///     1
    /// }));
    /// let quick = scheduler.add_infallible(Gen::new(|_co| async move { 2 }));
    /// scheduler.run_steps(2);
    ///
    /// let snapshot = scheduler.inspect();
    /// assert_eq!(snapshot.steps, 2);
    /// assert_eq!(snapshot.queue, [slow]);
    /// assert_eq!(
    ///     snapshot.tasks[0].state,
    ///     Inspected::Runnable { position: 0, started: true }
    /// );
    /// assert_eq!(snapshot.tasks[1].id, quick);
    /// assert_eq!(snapshot.tasks[1].state, Inspected::Completed { value: "2".into() });
    /// ```
    pub fn inspect(&self) -> Snapshot {
        let queued: HashMap<TaskId, (usize, bool)> = self
            .runnable()
            .enumerate()
            .map(|(position, task)| (task.id(), (position, task.is_started())))
            .collect();
        let mut tasks = Vec::new();
        let mut id = self.task_id(0);
        while let Some(state) = self.state(id) {
            let state = if let Some(&(position, started)) = queued.get(&id) {
                Inspected::Runnable { position, started }
            } else if let Some(value) = self.result(id) {
                Inspected::Completed {
                    value: describe(value, self.render),
                }
            } else if let Some(message) = self.failure(id) {
                Inspected::Failed {
                    message: message.to_owned(),
                }
            } else if state == crate::TaskState::Closed {
                Inspected::Closed
            } else {
                Inspected::Taken
            };
            tasks.push(TaskSnapshot { id, state });
            id = id.next();
        }
        Snapshot {
            steps: self.steps,
            queue: self.runnable().map(crate::Task::id).collect(),
            tasks,
        }
    }
}

#[cfg(test)]
mod tests {
    use corotrace::replay::{Queueing, Replay, TaskStatus};

    use crate::notebook::{async_search, fib};
    use crate::{Inspected, Scheduler, Trace};

    /// The scheduler's own queue and the one replayed from its trace agree
    /// after every step.
    #[test]
    fn the_inspected_queue_is_the_replayed_one_at_every_step() {
        let trace = Trace::capture();
        let mut scheduler = Scheduler::with_trace(trace.clone());
        for digits in [3, 4, 2] {
            scheduler.add(async_search(trace.clone(), fib(), move |x| {
                x.to_string().len() >= digits
            }));
        }
        let mut replay = Replay::new(Queueing::RoundRobin);
        let mut steps = 0;
        loop {
            for event in trace.take_events() {
                replay.apply(&event);
            }
            assert_eq!(
                scheduler.inspect().queue,
                replay.queue().collect::<Vec<_>>()
            );
            assert_eq!(scheduler.inspect().steps, steps as u64);
            if scheduler.step().is_none() {
                break;
            }
            steps += 1;
        }
        assert_eq!(replay.steps(), steps);
        for task in scheduler.inspect().tasks {
            let Inspected::Completed { value } = task.state else {
                panic!("task {} did not complete: {:?}", task.id, task.state);
            };
            let replayed = &replay.task(task.id.trace_id()).expect("replayed").status;
            assert_eq!(replayed, &TaskStatus::Completed { value });
        }
    }
}
