use std::collections::VecDeque;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use corotrace::{Event, Trace, take_panic_message};
use indexmap::{IndexMap, IndexSet};

#[cfg(doc)]
use crate::Gen;
use crate::retire::{Render, describe, retire};
use crate::{Resumed, Routine, Step, Task, TaskId};

/// The notebook's round-robin `Scheduler`: a queue of tasks, each resumed for one
/// step in turn until it completes or fails.
///
/// `T` is what tasks complete with, `S` what is sent into them at each resume
/// (Python's `generator.send`; `()` by default) and `Y` what they yield at each
/// pause (`()`, the notebook's bare `yield`).
///
/// A task is always in exactly one place: runnable, completed (until its result is
/// taken), failed or closed ([`Scheduler::close`]). A routine that returns `Err(e)`
/// fails with `e`'s message; one that panics is caught and fails with the panic's
/// message, and the others keep running. (The notebook declares `failed_task_errors` but never fills it.) So
/// does one that awaits a future other than its `co.yield_`, one whose panic
/// value panics again as it is dropped, and one whose destructor panics as the
/// finished task is dropped: the scheduler itself never panics because of a
/// routine. A task still runnable when the scheduler is dropped is dropped with
/// it; a destructor that panics then is recorded in the trace as that task's
/// [`Event::Failed`].
///
/// The trace records each completed value as the notebook prints it, with
/// Python's `str()`: `Task 0 completed with result: 123`, `… result: None` for a
/// routine that returns `()`, `… result: hello` for a `String`. The methods that
/// run tasks ([`step`](Scheduler::step) and the rest) need `T: Debug + 'static`
/// for that: a value of a common type (`()`, `bool`, numbers, text, and an
/// `Option` or a `Vec` of one) is written as Python writes it
/// ([`py_str_if_known`](crate::py_str_if_known)), any other by its `Debug`,
/// so a result type of your own needs only `#[derive(Debug)]`. To write it as
/// Python would, implement [`PyRepr`](crate::PyRepr) for it and pass
/// [`render_results_with`](Scheduler::render_results_with) its `py_str`. (A
/// `T: PyRepr` bound would have asked every result type to implement a
/// corolab trait; the type check at the trace costs only when the trace is on.)
///
/// Ids count from 0 for each scheduler. The notebook's counter lives on the
/// `Task` class, so its second scheduler starts at 1; per-scheduler ids make a
/// trace depend only on its own program, which is what a snapshot needs.
///
/// ```
/// use corogen::notebook::{async_search, fib};
/// use corogen::{Scheduler, Trace};
///
/// let trace = Trace::capture();
/// let mut scheduler = Scheduler::with_trace(trace.clone());
/// let id = scheduler.add(async_search(trace.clone(), fib(), |x| x.to_string().len() >= 3));
/// scheduler.run_to_completion();
///
/// assert_eq!(scheduler.take_result(id), Ok(123));
/// assert!(trace.text().ends_with("Task 0 completed with result: 123\n"));
/// ```
pub struct Scheduler<T, S = (), Y = ()> {
    pub(crate) runnable: VecDeque<Task<T, S, Y>>,
    pub(crate) completed: IndexMap<TaskId, T>,
    pub(crate) failed: IndexMap<TaskId, String>,
    pub(crate) closed: IndexSet<TaskId>,
    pub(crate) next_id: TaskId,
    /// Steps taken from the queue so far, for [`Scheduler::inspect`].
    pub(crate) steps: u64,
    pub(crate) trace: Trace,
    pub(crate) render: Option<Render<T>>,
}

impl<T, S, Y> Scheduler<T, S, Y> {
    /// An empty scheduler whose trace is off.
    pub fn new() -> Self {
        Self::with_trace(Trace::off())
    }

    /// An empty scheduler that records into `trace`. Give routines clones of the
    /// same trace, so what they print lands between the scheduler's own lines.
    pub fn with_trace(trace: Trace) -> Self {
        Self {
            runnable: VecDeque::new(),
            completed: IndexMap::new(),
            failed: IndexMap::new(),
            closed: IndexSet::new(),
            next_id: TaskId::first_of_new_scheduler(),
            steps: 0,
            trace,
            render: None,
        }
    }

    /// The scheduler's trace.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Wraps `routine` in a task at the back of the queue and returns its id. The
    /// routine does not run until the task's first step.
    ///
    /// A routine is a [`Gen`] whose body returns `Result<T, E>` (its `Err` is the
    /// task's failure), or any [`Routine`]. Where nothing in the body names `E`,
    /// Rust cannot infer it (`E0283: type annotations needed`); name it where
    /// the body returns. A body that cannot fail, or never returns, goes to
    /// [`Scheduler::add_infallible`] instead, with no annotation.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler};
    ///
    /// let mut scheduler: Scheduler<u32> = Scheduler::new();
    /// // Yields, then returns a value: name the error type once.
    /// let ok = scheduler.add(Gen::new(|co| async move {
    ///     co.yield_(()).await;
    ///     Ok::<_, String>(7)
    /// }));
    /// // Returns a `Result` whose error type something else fixes.
    /// let parsed = scheduler.add(Gen::new(|_co| async move { "12".parse::<u32>() }));
    /// // Fails: the message is the error's `Display`.
    /// let bad = scheduler.add(Gen::new(|_co| async move { Err::<u32, _>("disk full") }));
    /// scheduler.run_to_completion();
    ///
    /// assert_eq!(scheduler.take_result(ok), Ok(7));
    /// assert_eq!(scheduler.take_result(parsed), Ok(12));
    /// assert_eq!(scheduler.failure(bad), Some("disk full"));
    /// ```
    pub fn add(&mut self, routine: impl Routine<T, S, Y> + 'static) -> TaskId {
        let task = self.next_id;
        self.next_id = task.next();
        self.runnable.push_back(Task::new(task, routine));
        self.trace.record(|| Event::Added {
            task: task.trace_id(),
        });
        task
    }

    /// The runnable tasks, next to run first.
    pub fn runnable(&self) -> impl ExactSizeIterator<Item = &Task<T, S, Y>> {
        self.runnable.iter()
    }

    /// Whether no task is left to run.
    pub fn is_idle(&self) -> bool {
        self.runnable.is_empty()
    }
}

impl<T: fmt::Debug + 'static, S, Y> Scheduler<T, S, Y> {
    /// Runs the task at the front of the queue for one step, sending it
    /// `S::default()` (Python's `next(g)`, which is `g.send(None)`), and says what
    /// happened; `None` when no task is runnable.
    ///
    /// A host program with its own loop (a game's frame, a simulation's tick)
    /// calls this as often as it likes. `T: Debug + 'static` is for the trace,
    /// which records a completed task's value as the notebook prints it.
    ///
    /// ```
    /// use corogen::notebook::async_search;
    /// use corogen::{Scheduler, Step};
    ///
    /// let mut scheduler: Scheduler<u32> = Scheduler::new();
    /// let id = scheduler.add(async_search(Default::default(), [1, 2], |&x| x == 2));
    /// assert_eq!(scheduler.step(), Some(Step::Yielded { task: id, value: () }));
    /// assert_eq!(scheduler.step(), Some(Step::Completed { task: id }));
    /// assert_eq!(scheduler.step(), None);
    /// ```
    pub fn step(&mut self) -> Option<Step<Y>>
    where
        S: Default,
    {
        self.step_with(|_| S::default())
    }

    /// Runs the task at the front of the queue for one step, as
    /// [`Scheduler::step`] does, sending it what `value` makes of its id: the
    /// one call for a host that hands something to one task in its turn. A game
    /// that steps every entity once a frame sends this frame's key to the player
    /// when the player's turn comes, and nothing to the others, so no entity runs
    /// twice in a frame and the trace shows one step a turn. ([`Scheduler::send`]
    /// resumes a task out of turn, as Python's `g.send(v)` does.) The value sent
    /// to a task that has not started is dropped, as the first `send` of a
    /// Python generator must be `None`.
    ///
    /// ```
    /// use corogen::{Gen, Scheduler, Step};
    ///
    /// // Two entities; the player moves by the key it is sent.
    /// let mut scheduler: Scheduler<(), Option<char>, String> = Scheduler::new();
    /// let player = scheduler.add_infallible(Gen::new(|co| async move {
    ///     let mut key = co.yield_("ready".to_owned()).await;
    ///     loop {
    ///         key = co.yield_(format!("player moves {key:?}")).await;
    ///     }
    /// }));
    /// let bird = scheduler.add_infallible(Gen::new(|co| async move {
    ///     loop {
    ///         co.yield_("bird flaps".to_owned()).await;
    ///     }
    /// }));
    /// let mut frame = |key: Option<char>| {
    ///     let mut seen = Vec::new();
    ///     for _ in 0..2 {
    ///         let step = scheduler.step_with(|id| if id == player { key } else { None });
    ///         if let Some(Step::Yielded { value, .. }) = step {
    ///             seen.push(value);
    ///         }
    ///     }
    ///     seen
    /// };
    /// assert_eq!(frame(None), ["ready", "bird flaps"]);
    /// assert_eq!(frame(Some('w')), ["player moves Some('w')", "bird flaps"]);
    /// # let _ = bird;
    /// ```
    pub fn step_with(&mut self, value: impl FnOnce(TaskId) -> S) -> Option<Step<Y>> {
        let mut task = self.runnable.pop_front()?;
        self.steps += 1;
        let id = task.id();
        match resume(&self.trace, &mut task, value(id)) {
            // The hot path, kept free of `settle`'s bookkeeping: back of the queue.
            Ok(Resumed::Yielded(value)) => {
                self.runnable.push_back(task);
                record_turn(&self.trace, id.trace_id());
                self.trace.leave();
                Some(Step::Yielded { task: id, value })
            }
            ended => {
                let ended = ended.map_err(take_panic_message);
                Some(self.settle(id, retire(task, ended, self.render)))
            }
        }
    }

    /// Runs at most `budget` steps and returns how many ran (fewer only when the
    /// queue empties first).
    ///
    /// This is corogen's frame. The scheduler has no clock, so a host's frame
    /// decides three things, in this order: the input, sent in with
    /// [`Scheduler::send`] (it resumes that routine at once, out of turn, and the
    /// routine keeps its place in the queue), or left where a routine reads it at
    /// its step (an `Rc<Cell<_>>`, a channel); one round, `run_steps(n)` with `n`
    /// the number of routines runnable as the frame begins
    /// ([`Scheduler::runnable`]), so each gets one step whatever the others do;
    /// and the time, moved by the frame on the [`VirtualClock`](crate::VirtualClock)
    /// (or [`SystemClock`](crate::SystemClock)) its sleeps read. A sleep
    /// ([`async_sleep`](crate::notebook::async_sleep)) ends at the first step after its
    /// deadline: a sleep of 250 ms in 100 ms frames ends in the fourth frame's
    /// round (the clock then reads 300 ms). Where the host needs what each routine
    /// yields, it calls [`Scheduler::step`] `n` times instead.
    ///
    /// ```
    /// use std::convert::Infallible;
    /// use std::time::Duration;
    /// use corogen::notebook::async_sleep;
    /// use corogen::{Clock, Gen, Scheduler, VirtualClock};
    ///
    /// let clock = VirtualClock::new();
    /// let mut scheduler: Scheduler<String, Option<char>> = Scheduler::new();
    /// // The player takes the keys sent in, and goes home after three.
    /// let player = scheduler.add(Gen::new(|co| async move {
    ///     let mut walked = String::new();
    ///     while walked.len() < 3 {
    ///         if let Some(key) = co.yield_(()).await {
    ///             walked.push(key);
    ///         }
    ///     }
    ///     Ok::<_, Infallible>(walked)
    /// }));
    /// // An alarm on the host's clock.
    /// let alarm = scheduler.add(Gen::new({
    ///     let clock = clock.clone();
    ///     move |co| async move {
    ///         async_sleep(&co, &clock, Duration::from_millis(250)).await;
    ///         Ok::<_, Infallible>("ring".to_string())
    ///     }
    /// }));
    ///
    /// let mut keys = "wad".chars();
    /// let (mut frames, mut rang_in) = (0, None);
    /// while !scheduler.is_idle() {
    ///     // Input first: a key every other frame (not before the player's first step).
    ///     if frames % 2 == 1 && let Some(key) = keys.next() {
    ///         scheduler.send(player, Some(key)).unwrap();
    ///     }
    ///     // One step for each routine runnable as the frame begins.
    ///     let round = scheduler.runnable().len();
    ///     scheduler.run_steps(round);
    ///     if rang_in.is_none() && scheduler.result(alarm).is_some() {
    ///         rang_in = Some((frames, clock.now()));
    ///     }
    ///     clock.advance(Duration::from_millis(100));
    ///     frames += 1;
    /// }
    /// // The alarm rang in the fourth frame's round; the third key sent the player
    /// // home in the sixth frame.
    /// assert_eq!(rang_in, Some((3, Duration::from_millis(300))));
    /// assert_eq!(frames, 6);
    /// assert_eq!(scheduler.take_result(alarm).as_deref(), Ok("ring"));
    /// assert_eq!(scheduler.take_result(player).as_deref(), Ok("wad"));
    /// ```
    pub fn run_steps(&mut self, budget: usize) -> usize
    where
        S: Default,
    {
        (0..budget).take_while(|_| self.step().is_some()).count()
    }

    /// Runs steps until no task is runnable: the notebook's `run_to_completion`.
    /// A routine that never returns keeps this from returning too; bound such
    /// programs with [`Scheduler::run_steps`].
    pub fn run_to_completion(&mut self)
    where
        S: Default,
    {
        while self.step().is_some() {}
    }

    /// Files the outcome of `task`'s step: a yield goes out to the caller, a
    /// return into `completed`, an error or a panic into `failed`.
    #[cold]
    pub(crate) fn settle(
        &mut self,
        task: TaskId,
        resumed: Result<Resumed<Y, T>, String>,
    ) -> Step<Y> {
        let step = match resumed {
            Ok(Resumed::Yielded(value)) => {
                record_turn(&self.trace, task.trace_id());
                Step::Yielded { task, value }
            }
            Ok(Resumed::Returned(Ok(value))) => {
                self.trace.record(|| Event::Completed {
                    task: task.trace_id(),
                    value: describe(&value, self.render),
                });
                self.completed.insert(task, value);
                Step::Completed { task }
            }
            Ok(Resumed::Returned(Err(message))) | Err(message) => {
                self.trace.record(|| Event::Failed {
                    task: task.trace_id(),
                    message: message.clone(),
                });
                self.failed.insert(task, message);
                Step::Failed { task }
            }
        };
        self.trace.leave();
        step
    }
}

/// Records that `task`, which yielded, waits for its turn: in a round-robin that
/// is all a routine waits on (a sleeping one looks at its clock at each turn).
#[inline]
fn record_turn(trace: &Trace, task: corotrace::TaskId) {
    trace.record(|| Event::Waiting {
        task,
        on: "its turn".to_owned(),
    });
}

/// Resumes one task under the trace, catching a panic, so one broken routine
/// cannot take the scheduler down. The panic's payload becomes the task's
/// failure message only off the hot path: matching this `Result` as it is
/// saves moving a converted one at every step.
#[inline]
pub(crate) fn resume<T, S, Y>(
    trace: &Trace,
    task: &mut Task<T, S, Y>,
    sent: S,
) -> std::thread::Result<Resumed<Y, T>> {
    trace.enter(task.id().trace_id());
    // A routine that panicked is dropped, never resumed again, so no broken
    // invariant of its can be observed afterwards.
    catch_unwind(AssertUnwindSafe(|| task.resume_with(sent)))
}

impl<T, S, Y> Default for Scheduler<T, S, Y> {
    fn default() -> Self {
        Self::new()
    }
}
