//! The loop's machinery: the task slab, the ready queue, the timers, and one pass
//! of the loop (asyncio's `_run_once`).
//!
//! Everything here is single-threaded and reached through `Rc<Core>`. The one rule
//! that keeps the `RefCell`s honest: the state is never borrowed while user code
//! runs (a task's poll, a waker, a callback, a destructor).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::mem;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::Waker;
use std::time::Duration;

use corotrace::{Cause, Event, TaskId, Trace};
use slab::Slab;

use crate::cell::{DoneCallback, Extra, Header, Locals, Runnable, Schedule, TaskCell, TaskFuture};
use crate::diagnostics::Diagnostic;
use crate::error::TaskError;
use crate::pool::BlockingPool;
use crate::timers::{LoopClock, Timers};
use crate::waiting::{Detail, Waiting};
use crate::waker::{Remote, TaskWaker, WakeHere};
use crate::watchdog::Watchdog;

mod clock;
mod inspect;
mod order;
mod pass;
mod ready;
mod report;
mod step;

pub use order::Order;
use order::Shuffle;

/// How many diagnostics a loop keeps for [`Core::diagnostics`]; older ones go
/// first (each is still printed as it happens, if the loop prints them).
pub(crate) const KEPT_DIAGNOSTICS: usize = 1_000;

/// A done callback and the task it is for.
type Callback = (Rc<dyn Runnable>, DoneCallback);

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
    Callback(Box<Callback>),
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
    Callback(Rc<dyn Runnable>, DoneCallback),
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
    /// What is kept beside that (see `Waiting::Named` and `Waiting::Tasks`).
    waiting_detail: Cell<Option<Detail>>,
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
    pub(crate) fn new(clock: LoopClock, trace: Trace, wake_here: WakeHere) -> Self {
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
            remote: Arc::new(Remote::new(wake_here)),
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
            waiting_detail: Cell::new(None),
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

    /// Spawns a task whose future already speaks in `Result<T, TaskError>`, with
    /// the context-variable values `locals` (asyncio's `create_task` copies the
    /// current context; the caller knows which that is).
    pub(crate) fn spawn<T: 'static>(
        self: &Rc<Self>,
        name: Option<Rc<str>>,
        locals: Locals,
        future: TaskFuture<T>,
    ) -> Rc<TaskCell<T>> {
        let mut state = self.state.borrow_mut();
        let id = TaskId::new(state.next_id);
        state.next_id += 1;
        let key = state.tasks.vacant_key();
        let header = Header {
            id,
            key,
            scheduler: Rc::downgrade(self) as Weak<dyn Schedule>,
            cancel_requested: Cell::new(false),
            end_step: Cell::new(false),
            extra: Extra::new(name, locals),
            finished_as: Cell::new(0),
            observed: Cell::new(false),
            done: Cell::new(false),
            notify: RefCell::default(),
            waker: RefCell::default(),
            waiting: Cell::new(Waiting::Unknown),
        };
        let cell = Rc::new(TaskCell::new(header, future));
        state.tasks.insert(Slot {
            cell: cell.clone(),
            id,
            scheduled: true,
        });
        state.ready.push_back(Entry::Step { key, id });
        drop(state);
        if self.tracing.get() {
            self.trace().record(|| Event::Added { task: id });
            let name = cell.header.name();
            self.trace().record(|| Event::Named { task: id, name });
            if let Some(by) = self.current_id() {
                self.trace().record(|| Event::Spawned { task: id, by });
            }
        }
        cell
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
