//! A lesson's run, recorded step by step from its trace, so the viewer goes back
//! by showing a recorded state, never by running again.

use std::time::Duration;

use corolab::{Flags, Kind, Lesson};
use corotrace::Event;
use corotrace::TaskId;
use corotrace::replay::{Queueing, Replay, TaskStatus, TaskView, Timer};

/// The scheduler's state after one step (frame 0: before the first).
#[derive(Debug, Clone)]
pub struct Frame {
    /// The queue, head first.
    pub queue: Vec<TaskId>,
    /// The pending timers, earliest first.
    pub timers: Vec<Timer>,
    /// Every task so far, in the order added.
    pub tasks: Vec<TaskView>,
    /// The task this step ran.
    pub running: Option<TaskId>,
    /// How many lines had been printed when the step ended.
    pub printed: usize,
    /// The loop's clock.
    pub now: Duration,
}

/// Every step of one run of a lesson.
#[derive(Debug)]
pub struct Recording {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// Whether the scheduler has a clock in its trace (coroasync's loop).
    pub clocked: bool,
    /// Frame `n` is the state after step `n`; frame 0 the state before step 1.
    pub frames: Vec<Frame>,
    /// Every line printed in the run.
    pub output: Vec<String>,
}

impl Recording {
    /// Runs `lesson` on the virtual clock with its trace captured, and records
    /// the state after each step.
    pub fn of(lesson: &'static Lesson) -> Self {
        let events = lesson.run_captured(Flags::default()).trace().events();
        Self::from_events(lesson, &events)
    }

    /// The recording of a run that wrote `events`.
    pub fn from_events(lesson: &'static Lesson, events: &[Event]) -> Self {
        let queueing = match lesson.kind {
            Kind::Generators => Queueing::RoundRobin,
            Kind::Futures => Queueing::ReadyQueue,
        };
        let mut replay = Replay::new(queueing);
        let mut frames = Vec::new();
        for event in events {
            if matches!(event, Event::Running { .. }) {
                frames.push(frame(&replay));
            }
            replay.apply(event);
        }
        frames.push(frame(&replay));
        Self {
            lesson,
            clocked: lesson.kind == Kind::Futures,
            frames,
            output: replay.output().to_vec(),
        }
    }

    /// How many steps the run took.
    pub fn steps(&self) -> usize {
        self.frames.len() - 1
    }

    /// The first step after `step` that printed a line, if any.
    pub fn next_output(&self, step: usize) -> Option<usize> {
        (step + 1..self.frames.len())
            .find(|&at| self.printed_in(at).start < self.printed_in(at).end)
    }

    /// The lines step `step` printed, as indices into [`Recording::output`].
    pub fn printed_in(&self, step: usize) -> std::ops::Range<usize> {
        let before = step.checked_sub(1).map_or(0, |at| self.frames[at].printed);
        before..self.frames[step].printed
    }

    /// The label of a task: its id, and its name if it has one.
    pub fn label(&self, step: usize, task: TaskId) -> String {
        let name = self.frames[step]
            .tasks
            .iter()
            .find(|view| view.id == task)
            .and_then(|view| view.name.as_deref());
        match name {
            Some(name) => format!("{task} {name}"),
            None => format!("task {task}"),
        }
    }
}

/// The state as the step ends. A task still marked running when its step ends
/// did not finish: it went to the back of a round robin's deque, or it waits
/// (a yield on a ready queue was marked as a wake-up).
fn frame(replay: &Replay) -> Frame {
    let settled = match replay.queueing() {
        Queueing::ReadyQueue => TaskStatus::Waiting,
        _ => TaskStatus::Queued,
    };
    let mut tasks = replay.tasks().to_vec();
    for view in &mut tasks {
        if view.status == TaskStatus::Running {
            view.status = settled.clone();
        }
    }
    Frame {
        queue: replay.queue().collect(),
        timers: replay.timers().to_vec(),
        tasks,
        running: replay.running(),
        printed: replay.output().len(),
        now: replay.now(),
    }
}
