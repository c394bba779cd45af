//! The loop's machinery: the task slab, the ready queue, the timers, and one pass
//! of the loop (asyncio's `_run_once`).
//!
//! Everything here is single-threaded and reached through `Rc<Core>`. The one rule
//! that keeps the `RefCell`s honest: the state is never borrowed while user code
//! runs (a task's poll, a waker, a callback, a destructor).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::mem;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Waker;
use std::time::Duration;

use corotrace::{Cause, Event, TaskId, Trace};
use slab::Slab;

use crate::Tick;
use crate::cell::{Header, Runnable, TaskCell};
use crate::diagnostics::Diagnostic;
use crate::error::TaskError;
use crate::pool::BlockingPool;
use crate::task::{Task, TaskRef};
use crate::time::{LoopClock, Timers, Waiting};
use crate::waker::{Remote, TaskWaker};
use crate::watchdog::Watchdog;

mod clock;
mod inspect;
mod order;
mod report;
mod step;

pub use order::Order;
use order::Shuffle;

/// How many diagnostics a loop keeps for [`Core::diagnostics`]; older ones go
/// first (each is still printed as it happens, if the loop prints them).
pub(crate) const KEPT_DIAGNOSTICS: usize = 1_000;

/// A done callback and the task it is for.
type DoneCallback = (TaskRef, Box<dyn FnOnce(&TaskRef)>);

/// One entry of the ready queue: asyncio's `Handle`.
enum Entry {
    /// Run one step of a task.
    Step { key: usize, id: TaskId },
    /// Wake a waker: the hop a done callback takes before its task runs.
    Wake(Waker),
    /// Wake a waker whose timer fell due.
    Timer(Waker),
    /// Wake a waker for a task's end (`Hop::Deferred`), in a traced loop only, so
    /// the trace can say whose end it was.
    EndWake(Box<(Waker, TaskId)>),
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
    /// A waker to wake, and what the trace says woke it.
    WakeFor(Waker, Cause),
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

/// A user's closure that diagnostics are handed to ([`EventLoop::with_diagnostics_to`](crate::EventLoop::with_diagnostics_to)).
pub(crate) type DiagnosticSink = Box<dyn FnMut(&Diagnostic)>;

pub(crate) struct Core {
    state: RefCell<State>,
    remote: Arc<Remote>,
    pub(crate) clock: LoopClock,
    trace: RefCell<Trace>,
    /// Whether `trace` uses events other than printed lines (kept up to date by
    /// the trace, see `Trace::watch_every_event`): checked before borrowing it
    /// on hot paths, so a default loop, which prints lines only, pays one read.
    tracing: Rc<Cell<bool>>,
    slow_step: Cell<Option<Duration>>,
    /// Watches for slow steps; started at the first pass with a threshold set.
    watchdog: RefCell<Option<Watchdog>>,
    pub(crate) report_to_stderr: Cell<bool>,
    /// A user's closure that each diagnostic is also handed to, as it happens.
    pub(crate) diagnostic_sink: RefCell<Option<DiagnosticSink>>,
    /// The most recent diagnostics, at most [`KEPT_DIAGNOSTICS`]: a loop that runs
    /// for ever (a game with a slow step each frame) must not keep them all.
    diagnostics: RefCell<VecDeque<Diagnostic>>,
    /// The slot of the task being polled.
    current: Cell<Option<usize>>,
    /// What the task being polled last said it waits on.
    waiting: Cell<Waiting>,
    /// The name of the primitive it waits on, if named (see `Waiting::Named`).
    waiting_name: Cell<Option<Rc<str>>>,
    /// What the wakes made now outside any task's step come from (a timer, a
    /// task's end), for the trace's `WokenBy`.
    waking: Cell<Option<Cause>>,
    finished: Cell<u64>,
    pub(crate) blocking: BlockingPool,
    /// The draws of a shuffled order; `None` for asyncio's, which reads it once a
    /// pass and nowhere else.
    shuffle: RefCell<Option<Shuffle>>,
}

impl Core {
    pub(crate) fn new(clock: LoopClock, trace: Trace) -> Self {
        // Worker results wait to be landed on a virtual clock (see `BlockingPool`).
        let blocking = BlockingPool::new(clock.is_virtual());
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
            tracing: {
                let flag = Rc::new(Cell::new(false));
                trace.watch_every_event(&flag);
                flag
            },
            trace: RefCell::new(trace),
            slow_step: Cell::new(Some(Duration::from_millis(100))),
            watchdog: RefCell::new(None),
            report_to_stderr: Cell::new(true),
            diagnostic_sink: RefCell::new(None),
            diagnostics: RefCell::default(),
            current: Cell::new(None),
            waiting: Cell::new(Waiting::Unknown),
            waiting_name: Cell::new(None),
            waking: Cell::new(None),
            finished: Cell::new(0),
            blocking,
            shuffle: RefCell::new(None),
        }
    }

    /// Runs each pass's entries in `order` from now on.
    pub(crate) fn set_order(&self, order: Order) {
        *self.shuffle.borrow_mut() = Shuffle::of(order);
    }

    pub(crate) fn remote(&self) -> &Arc<Remote> {
        &self.remote
    }

    pub(crate) fn trace(&self) -> Trace {
        self.trace.borrow().clone()
    }

    pub(crate) fn set_trace(&self, trace: Trace) {
        // The old trace may still set the flag (a subscriber joining it): that
        // costs a check inside `record`, never an event lost.
        trace.watch_every_event(&self.tracing);
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
        // asyncio's `create_task` copies the current context.
        let context = crate::context_var::inherited();
        let mut state = self.state.borrow_mut();
        let id = TaskId::new(state.next_id);
        state.next_id += 1;
        let key = state.tasks.vacant_key();
        let header = Header {
            id,
            key,
            core: Rc::downgrade(self),
            cancel_requested: Cell::new(false),
            end_step: Cell::new(false),
            extra: crate::cell::Extra::new(name, context),
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
            let name = crate::cell::task_name(&cell.header);
            self.trace().record(|| Event::Named { task: id, name });
            if let Some(by) = self.current_id() {
                self.trace().record(|| Event::Spawned { task: id, by });
            }
        }
        Task::from_cell(cell)
    }

    /// Puts task `key` at the back of the ready queue, unless it is there already
    /// or has finished.
    pub(crate) fn schedule(&self, key: usize, id: TaskId) {
        let Ok(mut guard) = self.state.try_borrow_mut() else {
            // Woken from inside the loop's own bookkeeping (a destructor run while
            // the state is borrowed): the inbox takes it, nothing is lost.
            self.remote.push(key, id);
            return;
        };
        let state = &mut *guard;
        let queued = if let Some(slot) = state.tasks.get_mut(key)
            && slot.id == id
            && !slot.scheduled
        {
            slot.scheduled = true;
            state.ready.push_back(Entry::Step { key, id });
            true
        } else {
            false
        };
        drop(guard);
        if queued {
            self.record_woken(id);
            self.record_woken_by(id);
        }
    }

    /// Records what woke task `id`: another task's step if one is running, else
    /// what the loop is doing (firing a timer, telling of a task's end).
    #[inline]
    fn record_woken_by(&self, id: TaskId) {
        if !self.tracing.get() {
            return;
        }
        let by = match self.current_id() {
            Some(by) if by == id => None,
            Some(by) => Some(Cause::Task(by)),
            None => self.waking.get(),
        };
        if let Some(by) = by {
            self.trace
                .borrow()
                .record(|| Event::WokenBy { task: id, by });
        }
    }

    /// Wakes `waker`, telling a traced loop's trace what the wake comes from.
    fn wake_for(&self, waker: Waker, cause: Cause) {
        let traced = self.tracing.get();
        if traced {
            self.waking.set(Some(cause));
        }
        waker.wake();
        if traced {
            self.waking.set(None);
        }
    }

    /// Records that task `id` joined the ready queue. The loop's state is not
    /// borrowed here: a trace's subscriber may call back into the loop.
    #[inline]
    fn record_woken(&self, id: TaskId) {
        if self.tracing.get() {
            self.trace.borrow().record(|| Event::Woken { task: id });
        }
    }

    /// Queues task `key` again after a step in which it yielded: the slot is its
    /// own (it just ran), so only the duplicate check remains.
    fn requeue(&self, key: usize, id: TaskId) {
        let queued = {
            let mut state = self.state.borrow_mut();
            let state = &mut *state;
            match state.tasks.get_mut(key) {
                Some(slot) if !slot.scheduled => {
                    slot.scheduled = true;
                    state.ready.push_back(Entry::Step { key, id });
                    true
                }
                _ => false,
            }
        };
        // A yield is a wake-up too: the trace says the task is queued again.
        if queued {
            self.record_woken(id);
        }
    }

    /// Wakes `waker` from the ready queue: one hop later than waking it now.
    pub(crate) fn wake_later(&self, waker: Waker) {
        self.state.borrow_mut().ready.push_back(Entry::Wake(waker));
    }

    /// Wakes `waker` from the ready queue for task `ended`'s end; a traced loop
    /// keeps whose end it was.
    pub(super) fn wake_later_for_end(&self, waker: Waker, ended: TaskId) {
        let entry = if self.tracing.get() {
            Entry::EndWake(Box::new((waker, ended)))
        } else {
            Entry::Wake(waker)
        };
        self.state.borrow_mut().ready.push_back(entry);
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
                state.ready.push_back(Entry::Timer(waker));
                tick.timers_fired += 1;
            }
            let due = state.ready.len();
            // A shuffled order is drawn for the whole pass at once, so the loop
            // below is asyncio's in either order.
            if let Some(shuffle) = self.shuffle.borrow_mut().as_mut() {
                shuffle.permute(&mut state.ready, due);
            }
            due
        };
        let trace = self.trace();
        let mut watchdog = self.watchdog.borrow_mut();
        if watchdog.as_ref().map(Watchdog::threshold) != self.slow_step.get() {
            *watchdog = self.slow_step.get().and_then(Watchdog::start);
        }
        for _ in 0..due {
            let work = match self.next_work() {
                None => break,
                // A step of a task that finished since it was queued.
                Some(None) => continue,
                Some(Some(work)) => work,
            };
            match work {
                Work::Step(key, cell) => {
                    self.run_step(key, &cell, &trace, watchdog.as_mut(), &mut tick)
                }
                Work::Wake(waker) => {
                    tick.woken += 1;
                    waker.wake();
                }
                Work::WakeFor(waker, cause) => {
                    tick.woken += 1;
                    self.wake_for(waker, cause);
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
            || self.blocking.in_flight() > 0
            || self.blocking.has_unlanded();
        tick
    }

    /// Takes the next entry off the ready queue, as work to do with the state no
    /// longer borrowed: `None` if the queue is empty, `Some(None)` for a step of a
    /// task that has finished since (its slot is empty or reused).
    #[inline]
    fn next_work(&self) -> Option<Option<Work>> {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        Some(match state.ready.pop_front()? {
            Entry::Step { key, id } => match state.tasks.get_mut(key) {
                Some(slot) if slot.id == id => {
                    slot.scheduled = false;
                    Some(Work::Step(key, Rc::clone(&slot.cell)))
                }
                _ => None,
            },
            Entry::Wake(waker) => Some(Work::Wake(waker)),
            Entry::Timer(waker) => Some(Work::WakeFor(waker, Cause::Timer)),
            Entry::EndWake(boxed) => {
                let (waker, ended) = *boxed;
                Some(Work::WakeFor(waker, Cause::End(ended)))
            }
            Entry::Callback(boxed) => {
                let (task, callback) = *boxed;
                Some(Work::Callback(task, callback))
            }
        })
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

    pub(crate) fn has_ready(&self) -> bool {
        !self.state.borrow().ready.is_empty() || self.remote.has_pending()
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
            self.abandon(cell, TaskError::Cancelled);
            // Their waiters belong to this loop too and will never run.
            drop(cell.header().notify.borrow_mut().take());
        }
        drop(ready);
        self.blocking.shut_down();
        self.watchdog.borrow_mut().take();
    }
}
