//! The loop's machinery: the task slab, the ready queue, the timers, and one pass
//! of the loop (asyncio's `_run_once`).
//!
//! Everything here is single-threaded and reached through `Rc<Core>`. The one rule
//! that keeps the `RefCell`s honest: the state is never borrowed while user code
//! runs (a task's poll, a waker, a callback, a destructor).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use corotrace::{Event, TaskId, Trace, panic_message};
use slab::Slab;

use crate::Tick;
use crate::blocking::BlockingPool;
use crate::cell::{Ending, Header, Hop, Notify, Runnable, TaskCell, task_name};
use crate::diagnostics::{BlockedTask, Deadlock, Diagnostic};
use crate::error::TaskError;
use crate::task::{Task, TaskRef};
use crate::time::{LoopClock, TimerKey, Timers, Waiting};
use crate::waker::{Remote, TaskWaker};
use crate::watchdog::Watchdog;

/// A done callback and the task it is for.
type DoneCallback = (TaskRef, Box<dyn FnOnce(&TaskRef)>);

/// One entry of the ready queue: asyncio's `Handle`.
enum Entry {
    /// Run one step of a task.
    Step { key: usize, id: TaskId },
    /// Wake a waker: the hop a timer or a done callback takes before its task runs.
    Wake(Waker),
    /// Run a done callback (boxed with its task, to keep entries small).
    Callback(Box<DoneCallback>),
}

struct Slot {
    cell: Rc<dyn Runnable>,
    /// The task's id, kept here so a wake-up can check it without a virtual call.
    id: TaskId,
    /// Set while the task has an entry in the ready queue, so it never has two.
    scheduled: bool,
}

/// What the next ready-queue entry asks for, taken out of the state so the state
/// is not borrowed while it runs.
enum Work {
    Step(usize, Rc<dyn Runnable>),
    Wake(Waker),
    Callback(TaskRef, Box<dyn FnOnce(&TaskRef)>),
}

struct State {
    tasks: Slab<Slot>,
    ready: VecDeque<Entry>,
    timers: Timers,
    next_id: u64,
    /// Wakers of finished tasks that nothing else held, ready for new tasks.
    spare_wakers: Vec<Arc<TaskWaker>>,
    /// Scratch space for the remote inbox, kept for its capacity.
    inbox: Vec<(usize, TaskId)>,
}

pub(crate) struct Core {
    state: RefCell<State>,
    remote: Arc<Remote>,
    pub(crate) clock: LoopClock,
    trace: RefCell<Trace>,
    /// Whether `trace` records anything: checked before borrowing it on hot paths.
    tracing: Cell<bool>,
    slow_step: Cell<Option<Duration>>,
    /// Watches for slow steps; started at the first pass with a threshold set.
    watchdog: RefCell<Option<Watchdog>>,
    pub(crate) report_to_stderr: Cell<bool>,
    diagnostics: RefCell<Vec<Diagnostic>>,
    /// The slot of the task being polled.
    current: Cell<Option<usize>>,
    /// What the task being polled last said it waits on.
    waiting: Cell<Waiting>,
    finished: Cell<u64>,
    pub(crate) blocking: BlockingPool,
}

impl Core {
    pub(crate) fn new(clock: LoopClock, trace: Trace) -> Self {
        Self {
            state: RefCell::new(State {
                tasks: Slab::new(),
                ready: VecDeque::new(),
                timers: Timers::default(),
                next_id: 0,
                spare_wakers: Vec::new(),
                inbox: Vec::new(),
            }),
            remote: Arc::new(Remote::new()),
            clock,
            tracing: Cell::new(trace.is_on()),
            trace: RefCell::new(trace),
            slow_step: Cell::new(Some(Duration::from_millis(100))),
            watchdog: RefCell::new(None),
            report_to_stderr: Cell::new(true),
            diagnostics: RefCell::default(),
            current: Cell::new(None),
            waiting: Cell::new(Waiting::Unknown),
            finished: Cell::new(0),
            blocking: BlockingPool::new(),
        }
    }

    pub(crate) fn remote(&self) -> &Arc<Remote> {
        &self.remote
    }

    pub(crate) fn trace(&self) -> Trace {
        self.trace.borrow().clone()
    }

    pub(crate) fn set_trace(&self, trace: Trace) {
        self.tracing.set(trace.is_on());
        *self.trace.borrow_mut() = trace;
    }

    /// Prints a line into the trace, for the task being polled.
    pub(crate) fn print(&self, line: std::fmt::Arguments<'_>) {
        self.trace.borrow().print(line);
    }

    /// Spawns a task whose future already speaks in `Result<T, TaskError>`.
    pub(crate) fn spawn<T: 'static>(
        self: &Rc<Self>,
        name: Option<Rc<str>>,
        future: impl std::future::Future<Output = Result<T, TaskError>> + 'static,
    ) -> Task<T> {
        let mut state = self.state.borrow_mut();
        let id = TaskId::new(state.next_id);
        state.next_id += 1;
        let key = state.tasks.vacant_key();
        let header = Header {
            id,
            key,
            name,
            core: Rc::downgrade(self),
            cancel_requested: Cell::new(false),
            finished_as: Cell::new(0),
            observed: Cell::new(false),
            notify: RefCell::default(),
            waker: RefCell::default(),
            waiting: Cell::new(Waiting::Unknown),
        };
        let cell = Rc::new(TaskCell::new(header, Box::pin(future)));
        state.tasks.insert(Slot {
            cell: cell.clone(),
            id,
            scheduled: true,
        });
        state.ready.push_back(Entry::Step { key, id });
        drop(state);
        if self.tracing.get() {
            self.trace().record(|| Event::Added { task: id });
        }
        Task::from_cell(cell)
    }

    /// Puts task `key` at the back of the ready queue, unless it is there already
    /// or has finished.
    pub(crate) fn schedule(&self, key: usize, id: TaskId) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            // Woken from inside the loop's own bookkeeping (a destructor run while
            // the state is borrowed): the inbox takes it, nothing is lost.
            self.remote.push(key, id);
            return;
        };
        let state = &mut *state;
        if let Some(slot) = state.tasks.get_mut(key)
            && slot.id == id
            && !slot.scheduled
        {
            slot.scheduled = true;
            state.ready.push_back(Entry::Step { key, id });
            if self.tracing.get() {
                self.trace.borrow().record(|| Event::Woken { task: id });
            }
        }
    }

    /// Queues task `key` again after a step in which it yielded: the slot is its
    /// own (it just ran), so only the duplicate check remains.
    fn requeue(&self, key: usize, id: TaskId) {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        if let Some(slot) = state.tasks.get_mut(key)
            && !slot.scheduled
        {
            slot.scheduled = true;
            state.ready.push_back(Entry::Step { key, id });
        }
    }

    /// Wakes `waker` from the ready queue: one hop later than waking it now.
    pub(crate) fn wake_later(&self, waker: Waker) {
        self.state.borrow_mut().ready.push_back(Entry::Wake(waker));
    }

    pub(crate) fn call_soon(&self, task: TaskRef, callback: Box<dyn FnOnce(&TaskRef)>) {
        self.state
            .borrow_mut()
            .ready
            .push_back(Entry::Callback(Box::new((task, callback))));
    }

    /// One pass of the loop: wakes from other threads and due timers join the back
    /// of the ready queue, then exactly the entries queued when the pass began run;
    /// what they schedule waits for the next pass.
    pub(crate) fn tick(&self) -> Tick {
        let spawned_before = self.state.borrow().next_id;
        let mut tick = Tick {
            // An atomic load decides, so a pass with no wake from elsewhere (the
            // usual case) never touches the inbox's lock.
            woken: if self.remote.has_pending() {
                self.drain_remote()
            } else {
                0
            },
            ..Tick::default()
        };
        let now = self.clock.now();
        let due = {
            let mut state = self.state.borrow_mut();
            let state = &mut *state;
            while let Some(waker) = state.timers.pop_due(now) {
                state.ready.push_back(Entry::Wake(waker));
                tick.timers_fired += 1;
            }
            state.ready.len()
        };
        let trace = self.trace();
        let mut watchdog = self.watchdog.borrow_mut();
        if watchdog.as_ref().map(Watchdog::threshold) != self.slow_step.get() {
            *watchdog = self.slow_step.get().and_then(Watchdog::start);
        }
        for _ in 0..due {
            let work = {
                let mut state = self.state.borrow_mut();
                let state = &mut *state;
                match state.ready.pop_front() {
                    None => break,
                    Some(Entry::Step { key, id }) => match state.tasks.get_mut(key) {
                        Some(slot) if slot.id == id => {
                            slot.scheduled = false;
                            Work::Step(key, Rc::clone(&slot.cell))
                        }
                        // Finished since it was queued: its slot is empty or reused.
                        _ => continue,
                    },
                    Some(Entry::Wake(waker)) => Work::Wake(waker),
                    Some(Entry::Callback(boxed)) => {
                        let (task, callback) = *boxed;
                        Work::Callback(task, callback)
                    }
                }
            };
            match work {
                Work::Step(key, cell) => {
                    self.run_step(key, &cell, &trace, watchdog.as_mut(), &mut tick)
                }
                Work::Wake(waker) => {
                    tick.woken += 1;
                    waker.wake();
                }
                Work::Callback(task, callback) => self.run_callback(&task, callback),
            }
        }
        let mut state = self.state.borrow_mut();
        tick.spawned = (state.next_id - spawned_before) as usize;
        tick.next_deadline = state.timers.next_deadline();
        tick.ready = state.ready.len();
        tick.has_remaining = !state.ready.is_empty()
            || tick.next_deadline.is_some()
            || self.remote.has_pending()
            || self.blocking.in_flight() > 0;
        tick
    }

    fn drain_remote(&self) -> usize {
        let mut inbox = mem::take(&mut self.state.borrow_mut().inbox);
        self.remote.drain(&mut inbox);
        let woken = inbox.len();
        for (key, id) in inbox.drain(..) {
            self.schedule(key, id);
        }
        self.state.borrow_mut().inbox = inbox;
        woken
    }

    fn run_step(
        &self,
        key: usize,
        cell: &Rc<dyn Runnable>,
        trace: &Trace,
        watchdog: Option<&mut Watchdog>,
        tick: &mut Tick,
    ) {
        let header = cell.header();
        let id = header.id;
        trace.enter(id);
        if header.cancel_requested.get() {
            self.end(key, cell, TaskError::Cancelled);
            tick.completed += 1;
            trace.leave();
            return;
        }
        let mut waker = header.waker.borrow();
        if waker.is_none() {
            drop(waker);
            let made = new_waker(
                &mut self.state.borrow_mut().spare_wakers,
                key,
                id,
                &self.remote,
            );
            *header.waker.borrow_mut() = Some(made);
            waker = header.waker.borrow();
        }

        tick.polled += 1;
        self.current.set(Some(key));
        let watched = watchdog.map(|watchdog| {
            let phase = watchdog.begin();
            (watchdog, phase)
        });
        let polled = {
            let waker = match &*waker {
                Some((_, waker)) => waker,
                None => Waker::noop(),
            };
            crate::context::polling(Some(waker));
            catch_unwind(AssertUnwindSafe(|| {
                cell.poll_step(&mut Context::from_waker(waker))
            }))
        };
        drop(waker);
        self.current.set(None);
        if crate::context::polling(None) {
            self.requeue(key, id);
        }
        header.waiting.set(self.waiting.take());
        if let Some(took) = watched.and_then(|(watchdog, phase)| watchdog.end(phase)) {
            self.report(Diagnostic::SlowStep {
                task: id,
                name: task_name(header),
                took,
            });
        }

        match polled {
            Ok(Poll::Pending) => {}
            Ok(Poll::Ready(())) => {
                self.finish(key, cell);
                tick.completed += 1;
            }
            Err(payload) => {
                self.end(
                    key,
                    cell,
                    TaskError::Panicked(panic_message(payload.as_ref())),
                );
                tick.completed += 1;
            }
        }
        trace.leave();
    }

    /// Ends a task that did not finish by itself (cancelled, or panicked).
    fn end(&self, key: usize, cell: &Rc<dyn Runnable>, error: TaskError) {
        // A destructor that panics while the future is dropped is the task's
        // problem, not the loop's.
        let _ = catch_unwind(AssertUnwindSafe(|| cell.abandon(error)));
        self.finish(key, cell);
    }

    /// Files a task that has ended: frees its slot, traces the ending, and tells
    /// its waiters and callbacks, in the order they registered.
    fn finish(&self, key: usize, cell: &Rc<dyn Runnable>) {
        let header = cell.header();
        let count = self.finished.get() + 1;
        self.finished.set(count);
        header.finished_as.set(count);

        let slot = self.state.borrow_mut().tasks.try_remove(key);
        drop(slot);
        let waker = header.waker.borrow_mut().take();
        if let Some((mut arc, waker)) = waker {
            drop(waker);
            if Arc::get_mut(&mut arc).is_some() {
                self.state.borrow_mut().spare_wakers.push(arc);
            }
        }

        let task = header.id;
        if self.tracing.get() {
            self.trace().record(|| match cell.ending() {
                Some(Ending::Failed(TaskError::Cancelled)) => Event::Cancelled { task },
                Some(Ending::Failed(error)) => Event::Failed {
                    task,
                    message: error.to_string(),
                },
                _ => Event::Completed {
                    task,
                    value: cell.describe_result(),
                },
            });
        }

        let notify = header.notify.borrow_mut().take();
        for entry in notify {
            match entry {
                Notify::Gone => {}
                Notify::Wake {
                    waker,
                    hop: Hop::Direct,
                } => waker.wake(),
                Notify::Wake {
                    waker,
                    hop: Hop::Deferred,
                } => self.wake_later(waker),
                Notify::Callback(callback) => {
                    self.call_soon(TaskRef::from_runnable(Rc::clone(cell)), callback);
                }
            }
        }
    }

    fn run_callback(&self, task: &TaskRef, callback: Box<dyn FnOnce(&TaskRef)>) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| callback(task))) {
            self.report(Diagnostic::CallbackPanicked {
                task: task.id(),
                message: panic_message(payload.as_ref()),
            });
        }
    }

    pub(crate) fn set_slow_step(&self, threshold: Option<Duration>) {
        self.slow_step.set(threshold);
    }

    pub(crate) fn report(&self, diagnostic: Diagnostic) {
        if self.report_to_stderr.get() {
            eprintln!("{diagnostic}");
        }
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics.borrow().clone()
    }

    pub(crate) fn note_waiting(&self, waiting: Waiting) {
        self.waiting.set(waiting);
    }

    fn current_id(&self) -> Option<TaskId> {
        let key = self.current.get()?;
        self.state.borrow().tasks.get(key).map(|slot| slot.id)
    }

    pub(crate) fn current_task(&self) -> Option<TaskRef> {
        let key = self.current.get()?;
        let state = self.state.borrow();
        let cell = Rc::clone(&state.tasks.get(key)?.cell);
        Some(TaskRef::from_runnable(cell))
    }

    pub(crate) fn all_tasks(&self) -> Vec<TaskRef> {
        let state = self.state.borrow();
        let mut cells: Vec<Rc<dyn Runnable>> = state
            .tasks
            .iter()
            .map(|(_, slot)| Rc::clone(&slot.cell))
            .collect();
        drop(state);
        cells.sort_by_key(|cell| cell.header().id);
        cells.into_iter().map(TaskRef::from_runnable).collect()
    }

    pub(crate) fn add_timer(&self, after: Duration, waker: &Waker) -> TimerKey {
        let until = self.clock.now().saturating_add(after);
        if self.tracing.get()
            && let Some(task) = self.current_id()
        {
            self.trace().record(|| Event::Sleeping { task, until });
        }
        self.note_waiting(Waiting::Timer);
        self.state.borrow_mut().timers.insert(until, waker.clone())
    }

    /// Whether timer `key` is still set; if so it will wake `waker`.
    pub(crate) fn timer_pending(&self, key: TimerKey, waker: &Waker) -> bool {
        let mut state = self.state.borrow_mut();
        let pending = state.timers.is_pending(key);
        if pending {
            state.timers.update_waker(key, waker);
        }
        pending
    }

    pub(crate) fn cancel_timer(&self, key: TimerKey) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.timers.cancel(key);
        }
    }

    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.state.borrow_mut().timers.next_deadline()
    }

    pub(crate) fn has_ready(&self) -> bool {
        !self.state.borrow().ready.is_empty() || self.remote.has_pending()
    }

    /// Moves a virtual clock to `now` (never backwards).
    pub(crate) fn set_virtual_time(&self, now: Duration) {
        if let LoopClock::Virtual { now: clock } = &self.clock
            && now > clock.get()
        {
            clock.set(now);
            self.trace().record(|| Event::ClockMoved { now });
        }
    }

    /// The tasks still unfinished, with what each waits on.
    pub(crate) fn deadlock(&self) -> Deadlock {
        let state = self.state.borrow();
        let mut blocked: Vec<BlockedTask> = state
            .tasks
            .iter()
            .map(|(_, slot)| BlockedTask {
                id: slot.cell.header().id,
                name: task_name(slot.cell.header()),
                waiting_on: match slot.cell.header().waiting.get() {
                    Waiting::Unknown => "a future outside coroasync".to_owned(),
                    Waiting::Timer => "a timer".to_owned(),
                    Waiting::Task(task) => format!("task {task}"),
                    Waiting::Primitive(name) => name.to_owned(),
                },
            })
            .collect();
        blocked.sort_by_key(|task| task.id);
        Deadlock { blocked }
    }

    /// Drops every task's future and every queued callback and timer, so nothing a
    /// task holds outlives the loop.
    pub(crate) fn shut_down(&self) {
        self.remote.close();
        let (cells, ready) = {
            let mut state = self.state.borrow_mut();
            let cells: Vec<Rc<dyn Runnable>> = state.tasks.drain().map(|slot| slot.cell).collect();
            state.timers.clear();
            (cells, mem::take(&mut state.ready))
        };
        for cell in &cells {
            let _ = catch_unwind(AssertUnwindSafe(|| cell.abandon(TaskError::Cancelled)));
            // Their waiters belong to this loop too and will never run.
            drop(cell.header().notify.borrow_mut().take());
        }
        drop(ready);
        self.blocking.shut_down();
        self.watchdog.borrow_mut().take();
    }
}

fn new_waker(
    spare: &mut Vec<Arc<TaskWaker>>,
    key: usize,
    id: TaskId,
    remote: &Arc<Remote>,
) -> (Arc<TaskWaker>, Waker) {
    let reused = spare.pop().and_then(|mut arc| {
        let waker = Arc::get_mut(&mut arc)?;
        waker.key = key;
        waker.id = id;
        Some(arc)
    });
    let arc = reused.unwrap_or_else(|| {
        Arc::new(TaskWaker {
            key,
            id,
            remote: Arc::clone(remote),
        })
    });
    let waker = Waker::from(Arc::clone(&arc));
    (arc, waker)
}
