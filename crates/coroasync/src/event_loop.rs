//! The event loop a program runs, and `run`, asyncio's front door.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::{Duration, Instant};

use corotrace::{Echo, Trace};

use crate::context;
use crate::core::Core;
use crate::diagnostics::{Deadlock, Diagnostic};
use crate::error::{RealClock, RunError, TaskError};
use crate::task::{Task, TaskRef, spawn_on, tasks_of};
use crate::tick::Tick;
use crate::timers::LoopClock;

mod frame;
mod repr;
mod settings;
mod shutdown;
mod snapshot;

pub use frame::Frame;

/// A single-threaded event loop: tasks in a slab, a FIFO ready queue, a heap of
/// timers, and a pool of threads for blocking work.
///
/// It runs on real time ([`EventLoop::new`]) or on a virtual clock
/// ([`EventLoop::with_virtual_clock`]) that jumps to the next timer whenever every
/// task is waiting on one, so sleep-heavy programs run instantly and print the
/// same thing every time. Scheduling follows CPython 3.11's asyncio hop for hop,
/// so a program made only of sleeps, events, queues, gathers, waits and
/// cancellations prints its lines in asyncio's order.
///
/// By default the lines tasks print with [`say!`](crate::say) go to standard
/// output; [`EventLoop::with_trace`] captures them, with the scheduler's own
/// events, for tests and timelines.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{say, sleep, spawn, EventLoop, Trace};
///
/// let trace = Trace::capture();
/// let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
/// let answer = lp.run_until_complete(async {
///     let counter = spawn(async {
///         for i in 0.. {
///             say!("{i}");
///             sleep(Duration::from_millis(100)).await;
///         }
///     });
///     sleep(Duration::from_millis(250)).await;
///     say!("Something happened");
///     counter.cancel();
///     24
/// });
/// assert_eq!(answer, Ok(24));
/// assert_eq!(trace.output(), "0\n1\n2\nSomething happened\n");
/// ```
#[doc(alias = "Runtime")]
pub struct EventLoop {
    core: Rc<Core>,
    /// How long to park before looking again whether a waker held outside the
    /// loop is still held: doubled while nothing happens, so an idle loop waiting
    /// on the outside costs next to nothing.
    outside_recheck: Cell<Duration>,
}

impl EventLoop {
    /// A loop on real time whose tasks' lines go to standard output.
    pub fn new() -> Self {
        Self::with_clock(LoopClock::Real {
            start: Instant::now(),
        })
    }

    /// A loop on a virtual clock that starts at zero and jumps to the next timer
    /// whenever nothing else can run (like trio's autojump clock, or tokio's
    /// paused time). Tests use it: no test waits on real time.
    #[must_use]
    pub fn with_virtual_clock() -> Self {
        Self::with_clock(LoopClock::Virtual {
            now: Default::default(),
        })
    }

    fn with_clock(clock: LoopClock) -> Self {
        Self {
            core: Rc::new(Core::new(
                clock,
                Trace::new(Echo::Output, false),
                context::schedule_here,
            )),
            outside_recheck: Cell::new(OUTSIDE_RECHECK),
        }
    }

    /// The loop's trace.
    pub fn trace(&self) -> Trace {
        self.core.trace()
    }

    /// Spawns `future` on this loop, running or not: it starts at the loop's next
    /// pass.
    pub fn spawn<F>(&self, future: F) -> Task<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        spawn_on(&self.core, None, async move { Ok(future.await) })
    }

    /// Like [`EventLoop::spawn`], with a name.
    pub fn spawn_named<F>(&self, name: &str, future: F) -> Task<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        spawn_on(
            &self.core,
            Some(name.into()),
            async move { Ok(future.await) },
        )
    }

    /// Runs the loop until `future`, spawned as the main task, finishes, and
    /// returns its value: asyncio's `run_until_complete`. Other tasks still
    /// unfinished then stay on the loop for a later run.
    ///
    /// Instead of hanging, it returns [`RunError::Deadlock`] when no task can run,
    /// no timer is set, no worker thread is busy and no task's waker is held
    /// outside the loop; and
    /// [`RunError::AlreadyRunning`] when called from inside a running loop.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] when every task waits and nothing can wake one,
    /// [`RunError::AlreadyRunning`] inside a running loop, and [`RunError::Failed`]
    /// when the main future panicked or was cancelled.
    ///
    /// ```
    /// use coroasync::{EventLoop, Event, RunError};
    ///
    /// let lp = EventLoop::new();
    /// let never = Event::new();
    /// let stuck = lp.run_until_complete(async move { never.wait().await });
    /// let Err(RunError::Deadlock(report)) = stuck else { panic!("expected a deadlock") };
    /// assert_eq!(report.blocked[0].waiting_on, "Event.wait");
    /// ```
    pub fn run_until_complete<F>(&self, future: F) -> Result<F::Output, RunError>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let Some(_entered) = context::enter(&self.core) else {
            return Err(RunError::AlreadyRunning);
        };
        let main = self.spawn(future);
        while !main.is_done() {
            self.core.tick();
            if main.is_done() {
                break;
            }
            self.wait_for_work()?;
        }
        match main.take_result() {
            Some(Ok(value)) => Ok(value),
            Some(Err(error)) => Err(RunError::Failed(error)),
            None => Err(RunError::Failed(TaskError::ResultTaken)),
        }
    }

    /// Between passes: nothing to do now, so land what worker threads finished
    /// (on a virtual clock, waiting for them first), then wait for a timer
    /// (jumping a virtual clock to it) or for a worker thread, or report that
    /// nothing will come.
    fn wait_for_work(&self) -> Result<(), RunError> {
        let core = &self.core;
        if core.has_ready() {
            self.outside_recheck.set(OUTSIDE_RECHECK);
            return Ok(());
        }
        if core.blocking.has_unlanded() {
            let landed = core.blocking.land(true);
            if landed.stalled > 0 {
                core.report(Diagnostic::WorkerStalled {
                    jobs: landed.stalled,
                    waited: core.blocking.patience(),
                    at: core.clock.now(),
                });
            }
            if landed.landed > 0 {
                return Ok(());
            }
        }
        let workers_busy = core.blocking.in_flight() > 0;
        match core.next_deadline() {
            // Workers still busy here were given up on above: time moves on.
            Some(deadline) if core.clock.is_virtual() => {
                core.set_virtual_time(deadline);
            }
            Some(deadline) if !core.clock.is_virtual() => {
                let now = core.clock.now();
                if deadline > now {
                    // Woken early by a worker's unpark, if one finishes first.
                    std::thread::park_timeout(deadline - now);
                }
            }
            _ if workers_busy => std::thread::park(),
            Some(_) => {}
            // A waker lent out beyond the loop may still be used: wait for its
            // wake (which unparks this thread), and look again now and then in
            // case its holder drops it unused.
            None if core.waker_held_outside() => {
                let recheck = self.outside_recheck.get();
                std::thread::park_timeout(recheck);
                self.outside_recheck
                    .set((recheck * 2).min(OUTSIDE_RECHECK_AT_MOST));
            }
            None => return Err(RunError::Deadlock(core.deadlock())),
        }
        Ok(())
    }

    /// Runs one pass of the loop, as asyncio's `_run_once` does, without ever
    /// blocking or moving the clock. A host's frame usually wants
    /// [`EventLoop::run_for`] instead; `tick` is the finer tool underneath it.
    ///
    /// The contract of one pass: wakes from other threads and the timers due by
    /// the clock's current time join the back of the ready queue, then exactly the
    /// entries queued when the pass began run, in order; what they queue (the task
    /// a timer's hop wakes, a task's next step after a yield, a done callback)
    /// waits for the next pass. So a timer that comes due takes two passes to run
    /// its task, and one pass per frame runs a program late; the returned [`Tick`]
    /// says how much is queued (`ready`) and what is left. On a virtual clock a
    /// pass with nothing ready lands the worker results that have arrived, without
    /// waiting for the others; the host moves the clock with
    /// [`EventLoop::advance`].
    ///
    /// # Errors
    ///
    /// [`RunError::AlreadyRunning`] when called from inside a running loop.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coroasync::{sleep, EventLoop};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let task = lp.spawn(async { sleep(Duration::from_secs(1)).await; "rang" });
    /// let first = lp.tick().unwrap();
    /// assert_eq!((first.polled, first.next_deadline), (1, Some(Duration::from_secs(1))));
    ///
    /// lp.advance(Duration::from_secs(1)).unwrap();
    /// while !task.is_done() {
    ///     lp.tick().unwrap();
    /// }
    /// assert_eq!(task.take_result(), Some(Ok("rang")));
    /// ```
    pub fn tick(&self) -> Result<Tick, RunError> {
        let _entered = context::enter(&self.core).ok_or(RunError::AlreadyRunning)?;
        // On a virtual clock, worker results land when the loop has nothing else
        // to run; a host's tick never waits for them.
        if self.core.blocking.has_unlanded() && !self.core.has_ready() {
            self.core.blocking.land(false);
        }
        Ok(self.core.tick())
    }

    /// Whether the loop is stuck, and who is: `Some` when tasks are left but
    /// nothing can wake them (nothing ready, no timer, no worker thread busy, no
    /// waker lent out beyond the loop), with the report
    /// [`run_until_complete`](EventLoop::run_until_complete) would end with
    /// ([`RunError::Deadlock`]). A host that drives the loop with
    /// [`tick`](EventLoop::tick) asks this when a pass leaves nothing to do
    /// ([`Tick::has_remaining`] false): `None` then means every task is done.
    ///
    /// ```
    /// use coroasync::{Event, EventLoop};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let never = Event::new();
    /// lp.spawn(async move { never.wait().await });
    /// let pass = lp.tick().unwrap();
    /// assert!(!pass.has_remaining);
    /// let stuck = lp.stuck().expect("the task waits on an event nobody sets");
    /// assert_eq!(stuck.blocked[0].waiting_on, "Event.wait");
    /// ```
    pub fn stuck(&self) -> Option<Deadlock> {
        let core = &self.core;
        let can_wake = core.has_ready()
            || core.next_deadline().is_some()
            || core.blocking.in_flight() > 0
            || core.blocking.has_unlanded()
            || core.waker_held_outside();
        let left = core.deadlock();
        (!can_wake && !left.blocked.is_empty()).then_some(left)
    }

    /// The time on the loop's clock, since the loop was made.
    pub fn now(&self) -> Duration {
        self.core.clock.now()
    }

    /// Moves a virtual clock on by `by`; timers that come due run at the next pass.
    /// The clock saturates: `Duration::MAX` moves it to the end of time, where
    /// every timer is due and a later sleep never ends.
    ///
    /// # Errors
    ///
    /// [`RealClock`](crate::RealClock) on a loop that runs on real time.
    pub fn advance(&self, by: Duration) -> Result<(), RealClock> {
        if !self.core.clock.is_virtual() {
            return Err(RealClock);
        }
        self.core
            .set_virtual_time(self.core.clock.now().saturating_add(by));
        Ok(())
    }

    /// The earliest timer still set.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.core.next_deadline()
    }

    /// The loop's unfinished tasks, in the order they were spawned.
    pub fn tasks(&self) -> Vec<TaskRef> {
        tasks_of(&self.core)
    }

    /// What the loop has reported so far: slow steps, unobserved failures,
    /// callbacks that panicked. It keeps the most recent 1,000, so a loop that
    /// runs for ever holds flat memory; each one is also printed as it happens
    /// (see [`EventLoop::with_diagnostics_on_stderr`]).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.core.diagnostics()
    }
}

/// How soon a loop with nothing to do but wait for a waker held outside it first
/// looks again whether that waker is still held; and how seldom, at the least.
const OUTSIDE_RECHECK: Duration = Duration::from_millis(20);
const OUTSIDE_RECHECK_AT_MOST: Duration = Duration::from_secs(1);

/// Runs `future` on a new loop on real time and returns its value: asyncio's
/// `asyncio.run`. Tasks still running when it finishes are cancelled (their
/// futures dropped) before it returns.
///
/// # Errors
///
/// As [`EventLoop::run_until_complete`]: a deadlock, a loop already running
/// on this thread, or a main future that panicked or was cancelled.
///
/// ```
/// use coroasync::{run, say};
///
/// async fn custom_coro() -> i32 {
///     2 + 2
/// }
///
/// let result = run(async {
///     let result = custom_coro().await;
///     say!("{result}");
///     result
/// });
/// assert_eq!(result, Ok(4));
/// ```
#[doc(alias = "block_on")]
pub fn run<F>(future: F) -> Result<F::Output, RunError>
where
    F: Future + 'static,
    F::Output: 'static,
{
    EventLoop::new().run(future)
}
