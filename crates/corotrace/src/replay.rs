//! The state of a scheduler, rebuilt from its trace one event at a time.

use std::collections::VecDeque;
use std::time::Duration;

use crate::{Event, TaskId};

/// How the scheduler that wrote a trace queues its tasks, which decides where
/// [`Replay`] puts a task after its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Queueing {
    /// corogen's round robin, the notebook's deque: a task is added at the back,
    /// the front one runs, and a task that did not finish in its step goes to the
    /// back again.
    RoundRobin,
    /// coroasync's ready queue, asyncio's: a task is added at the back, and so is
    /// a task that is woken; the front one runs, and a task whose step ends without
    /// a wake-up waits (on a timer, a future, a lock) off the queue.
    ReadyQueue,
}

/// Where a task is, as its scheduler's trace tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskStatus {
    /// In the queue, waiting for its turn.
    Queued,
    /// Running: its step is the latest one (for a ready queue, until the next
    /// step begins, since a trace does not say that a step ended without an event).
    Running,
    /// Off the queue, waiting on something that is not a timer.
    Waiting,
    /// Off the queue, asleep until `until` on the loop's clock.
    Sleeping {
        /// The deadline, as time since the loop started.
        until: Duration,
    },
    /// Completed with `value` (as the trace writes it).
    Completed {
        /// The value.
        value: String,
    },
    /// Failed with `message`.
    Failed {
        /// The message.
        message: String,
    },
    /// Cancelled.
    Cancelled,
    /// Closed before it finished.
    Closed,
}

impl TaskStatus {
    /// Whether the task has ended, one way or another.
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            Self::Completed { .. } | Self::Failed { .. } | Self::Cancelled | Self::Closed
        )
    }
}

/// One task as a [`Replay`] knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskView {
    /// Its id.
    pub id: TaskId,
    /// Its name, if the trace gave one (coroasync's `Task-1`).
    pub name: Option<String>,
    /// Where it is.
    pub status: TaskStatus,
}

/// A timer set by a sleeping task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    /// When it fires, as time since the loop started.
    pub until: Duration,
    /// The task it wakes.
    pub task: TaskId,
}

/// A scheduler's state, rebuilt from its trace: the queue in order, the pending
/// timers, every task with its status, the output so far, the step count and the
/// clock.
///
/// It reads nothing but [`Event`]s, fed one at a time to [`Replay::apply`], so
/// it follows a finished run (a captured [`Trace::events`](crate::Trace::events))
/// as well as a live one (a debug overlay fed each event as it is recorded), and
/// it cannot drift with the schedulers' internals.
///
/// ```
/// use corotrace::replay::{Queueing, Replay, TaskStatus};
/// use corotrace::{Event, TaskId};
///
/// let (a, b) = (TaskId::new(0), TaskId::new(1));
/// let mut replay = Replay::new(Queueing::RoundRobin);
/// for event in [
///     Event::Added { task: a },
///     Event::Added { task: b },
///     Event::Running { task: a },
///     Event::Printed { task: Some(a), line: "hello".into() },
/// ] {
///     replay.apply(&event);
/// }
/// // `a` yielded, so it went to the back of the deque, behind `b`.
/// assert_eq!(replay.queue().collect::<Vec<_>>(), [b, a]);
/// assert_eq!(replay.steps(), 1);
/// assert_eq!(replay.output(), ["hello"]);
///
/// replay.apply(&Event::Running { task: b });
/// replay.apply(&Event::Completed { task: b, value: "7".into() });
/// assert_eq!(replay.queue().collect::<Vec<_>>(), [a]);
/// assert_eq!(
///     replay.task(b).unwrap().status,
///     TaskStatus::Completed { value: "7".into() }
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Replay {
    queueing: Queueing,
    queue: VecDeque<TaskId>,
    timers: Vec<Timer>,
    tasks: Vec<TaskView>,
    output: Vec<String>,
    steps: usize,
    now: Duration,
    running: Option<TaskId>,
}

impl Replay {
    /// An empty scheduler that queues as `queueing` says.
    pub fn new(queueing: Queueing) -> Self {
        Self {
            queueing,
            queue: VecDeque::new(),
            timers: Vec::new(),
            tasks: Vec::new(),
            output: Vec::new(),
            steps: 0,
            now: Duration::ZERO,
            running: None,
        }
    }

    /// How this replay queues.
    pub fn queueing(&self) -> Queueing {
        self.queueing
    }

    /// Takes one event into account.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::Added { task } => self.add(*task),
            Event::Named { task, name } => {
                if let Some(view) = self.view_mut(*task) {
                    view.name = Some(name.clone());
                }
            }
            Event::Running { task } => self.run(*task),
            Event::Printed { line, .. } => self.output.push(line.clone()),
            Event::Completed { task, value } => self.end(
                *task,
                TaskStatus::Completed {
                    value: value.clone(),
                },
            ),
            Event::Failed { task, message } => self.end(
                *task,
                TaskStatus::Failed {
                    message: message.clone(),
                },
            ),
            Event::Cancelled { task } => self.end(*task, TaskStatus::Cancelled),
            Event::Closed { task } => self.end(*task, TaskStatus::Closed),
            Event::Sleeping { task, until } => self.sleep(*task, *until),
            Event::Woken { task } => self.wake(*task),
            Event::ClockMoved { now } => self.now = *now,
            // Why a task stopped or went on changes no queue, timer or status.
            Event::Waiting { .. } | Event::Spawned { .. } | Event::WokenBy { .. } => {}
        }
    }

    /// The queue, the task that runs next first.
    pub fn queue(&self) -> impl ExactSizeIterator<Item = TaskId> + '_ {
        self.queue.iter().copied()
    }

    /// The pending timers, the earliest first (timers with the same deadline in
    /// the order they were set, as both schedulers fire them).
    pub fn timers(&self) -> &[Timer] {
        &self.timers
    }

    /// Every task the trace added, in the order it added them.
    pub fn tasks(&self) -> &[TaskView] {
        &self.tasks
    }

    /// The task `id`, if the trace added it.
    pub fn task(&self, id: TaskId) -> Option<&TaskView> {
        self.tasks.iter().find(|view| view.id == id)
    }

    /// Every line printed so far, oldest first.
    pub fn output(&self) -> &[String] {
        &self.output
    }

    /// How many steps have begun.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The loop's clock, as its last [`Event::ClockMoved`] set it (zero for a
    /// scheduler without a clock).
    pub fn now(&self) -> Duration {
        self.now
    }

    /// The task whose step is the latest, if a step has begun.
    pub fn running(&self) -> Option<TaskId> {
        self.running
    }

    fn view_mut(&mut self, id: TaskId) -> Option<&mut TaskView> {
        self.tasks.iter_mut().find(|view| view.id == id)
    }

    fn set_status(&mut self, id: TaskId, status: TaskStatus) {
        if let Some(view) = self.view_mut(id) {
            view.status = status;
        }
    }

    /// A new task at the back. A second scheduler in one trace counts its ids
    /// from 0 again: the id then names the new task.
    fn add(&mut self, task: TaskId) {
        let fresh = TaskView {
            id: task,
            name: None,
            status: TaskStatus::Queued,
        };
        match self.view_mut(task) {
            Some(view) => *view = fresh,
            None => self.tasks.push(fresh),
        }
        self.unqueue(task);
        self.queue.push_back(task);
    }

    fn run(&mut self, task: TaskId) {
        self.settle_running();
        self.steps += 1;
        self.running = Some(task);
        self.set_status(task, TaskStatus::Running);
        match self.queueing {
            // The front task rotates to the back; one resumed out of turn
            // (`send`, `throw`) keeps its place.
            Queueing::RoundRobin => {
                if self.queue.front() == Some(&task) {
                    self.queue.rotate_left(1);
                }
            }
            Queueing::ReadyQueue => self.unqueue(task),
        }
    }

    /// The previous step's task, if it is still marked running, is now queued
    /// (round robin) or waiting (a ready queue: it would have been woken else).
    fn settle_running(&mut self) {
        let Some(previous) = self.running else {
            return;
        };
        if self.task(previous).map(|view| &view.status) == Some(&TaskStatus::Running) {
            let status = match self.queueing {
                Queueing::RoundRobin => TaskStatus::Queued,
                Queueing::ReadyQueue => TaskStatus::Waiting,
            };
            self.set_status(previous, status);
        }
    }

    fn end(&mut self, task: TaskId, status: TaskStatus) {
        self.unqueue(task);
        self.timers.retain(|timer| timer.task != task);
        self.set_status(task, status);
    }

    fn sleep(&mut self, task: TaskId, until: Duration) {
        let at = self.timers.partition_point(|timer| timer.until <= until);
        self.timers.insert(at, Timer { until, task });
        self.set_status(task, TaskStatus::Sleeping { until });
    }

    fn wake(&mut self, task: TaskId) {
        self.timers.retain(|timer| timer.task != task);
        if !self.queue.contains(&task) {
            self.queue.push_back(task);
        }
        self.set_status(task, TaskStatus::Queued);
    }

    fn unqueue(&mut self, task: TaskId) {
        self.queue.retain(|&queued| queued != task);
    }
}
