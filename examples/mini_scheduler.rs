//! From `study-note`: the notebook's `Task` and `Scheduler`, rebuilt here in a few
//! lines on the generator's own `resume`, beside `corogen::Scheduler`, which does
//! the same with more care (sending values in, closing, throwing). The program is
//! the two searches of `scheduler-two-tasks`, and prints what they print.

use std::collections::VecDeque;

use corogen::notebook::{async_search, fib};
use corogen::{Event, GeneratorState, NotFound, Trace};
use corolab::{Flag, Kind, Stage};

// The trace's own id, a number (`corogen::TaskId` also names its scheduler).
use corotrace::TaskId;

/// This lesson runs generators.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// What a routine's `resume` gives: Python's `next(routine)`, which yields `None`
/// or stops with the result.
type Resumed = GeneratorState<(), Result<u64, NotFound>>;

/// The notebook's `Task`: an id and a routine. The routine is boxed as "something
/// to resume", so routines of different types share one queue.
struct Task {
    id: TaskId,
    routine: Box<dyn FnMut() -> Resumed>,
}

/// The notebook's `Scheduler`: a queue of runnable tasks, taken in turn.
struct MiniScheduler {
    runnable_tasks: VecDeque<Task>,
    next_id: u64,
    trace: Trace,
}

impl MiniScheduler {
    fn add(&mut self, routine: impl FnMut() -> Resumed + 'static) -> TaskId {
        let id = TaskId::new(self.next_id);
        self.next_id += 1;
        self.trace.record(|| Event::Added { task: id });
        let routine = Box::new(routine);
        self.runnable_tasks.push_back(Task { id, routine });
        id
    }

    /// `run_to_completion`: pop a task, resume it, put it back if it yielded.
    fn run_to_completion(&mut self) {
        while let Some(mut task) = self.runnable_tasks.pop_front() {
            let task_id = task.id;
            self.trace.enter(task_id); // prints `Running task N`
            let resumed = (task.routine)();
            self.trace.leave();
            match resumed {
                GeneratorState::Yielded(()) => self.runnable_tasks.push_back(task),
                GeneratorState::Complete(Ok(value)) => {
                    self.trace.record(|| Event::Completed {
                        task: task_id,
                        value: value.to_string(),
                    });
                }
                GeneratorState::Complete(Err(error)) => self.trace.record(|| Event::Failed {
                    task: task_id,
                    message: error.to_string(),
                }),
            }
        }
    }
}

/// Two searches, round robin, on the scheduler above.
pub fn lesson(stage: &Stage) {
    let mut scheduler = MiniScheduler {
        runnable_tasks: VecDeque::new(),
        next_id: 0,
        trace: stage.trace(),
    };
    let mut three = async_search(stage.trace(), fib(), |x| x.to_string().len() >= 3);
    scheduler.add(move || three.resume());
    let mut four = async_search(stage.trace(), fib(), |x| x.to_string().len() >= 4);
    scheduler.add(move || four.resume());
    scheduler.run_to_completion();
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
