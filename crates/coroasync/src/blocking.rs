//! Blocking work on a bounded pool of threads, so the loop's thread stays free:
//! asyncio's `to_thread` and `run_in_executor` over a `ThreadPoolExecutor`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use corotrace::panic_message;

use crate::context;
use crate::error::TaskError;
use crate::time::Waiting;

type Job = Box<dyn FnOnce() + Send>;

/// How long an idle worker waits for work before its thread ends.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// Python's default for `ThreadPoolExecutor(max_workers=None)`: cores + 4, at most 32.
fn default_max_threads() -> usize {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    (cores + 4).min(32)
}

#[derive(Default)]
struct Jobs {
    queue: VecDeque<Job>,
    threads: usize,
    idle: usize,
    shut_down: bool,
}

struct Shared {
    jobs: Mutex<Jobs>,
    available: Condvar,
}

/// The loop's worker threads: started as work arrives, up to a limit, and ended
/// after a while without work.
pub(crate) struct BlockingPool {
    shared: Arc<Shared>,
    max_threads: AtomicUsize,
    /// Jobs submitted and not yet finished: while any are, the loop waits for them
    /// rather than report a deadlock.
    in_flight: Arc<AtomicUsize>,
    /// The loop's thread, unparked when a job ends so the loop sees the count drop.
    loop_thread: thread::Thread,
}

impl BlockingPool {
    pub(crate) fn new() -> Self {
        Self {
            shared: Arc::new(Shared {
                jobs: Mutex::default(),
                available: Condvar::new(),
            }),
            max_threads: AtomicUsize::new(default_max_threads()),
            in_flight: Arc::default(),
            loop_thread: thread::current(),
        }
    }

    pub(crate) fn set_max_threads(&self, n: usize) {
        self.max_threads.store(n.max(1), Ordering::Relaxed);
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }

    fn submit(&self, job: Job) {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        let in_flight = Arc::clone(&self.in_flight);
        let loop_thread = self.loop_thread.clone();
        let job: Job = Box::new(move || {
            job();
            in_flight.fetch_sub(1, Ordering::AcqRel);
            // The loop may have parked between the job's wake and this count: a
            // parked loop that still saw the job busy must look again.
            loop_thread.unpark();
        });
        let mut jobs = self
            .shared
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        jobs.queue.push_back(job);
        if jobs.idle > 0 {
            self.shared.available.notify_one();
        } else if jobs.threads < self.max_threads.load(Ordering::Relaxed) {
            jobs.threads += 1;
            let shared = Arc::clone(&self.shared);
            let spawned = thread::Builder::new()
                .name("coroasync-worker".into())
                .spawn(move || work(&shared));
            if spawned.is_err() {
                // No thread to be had: the job waits for a worker that exists, and
                // with none at all, the deadlock report will say so.
                jobs.threads -= 1;
            }
        }
    }

    pub(crate) fn shut_down(&self) {
        let mut jobs = self
            .shared
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        jobs.shut_down = true;
        jobs.queue.clear();
        self.shared.available.notify_all();
    }
}

fn work(shared: &Shared) {
    let mut jobs = shared.jobs.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if let Some(job) = jobs.queue.pop_front() {
            drop(jobs);
            job();
            jobs = shared.jobs.lock().unwrap_or_else(PoisonError::into_inner);
            continue;
        }
        if jobs.shut_down {
            break;
        }
        jobs.idle += 1;
        let (guard, timeout) = shared
            .available
            .wait_timeout(jobs, IDLE_TIMEOUT)
            .unwrap_or_else(PoisonError::into_inner);
        jobs = guard;
        jobs.idle -= 1;
        if timeout.timed_out() && jobs.queue.is_empty() {
            break;
        }
    }
    jobs.threads -= 1;
}

thread_local! {
    /// The lines a job on this worker thread has said, while one runs.
    static WORKER_LINES: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Keeps `line` for the job running on this worker thread; `false` if this is not
/// a worker running a job.
pub(crate) fn keep_worker_line(line: fmt::Arguments<'_>) -> bool {
    WORKER_LINES.with(|lines| match &mut *lines.borrow_mut() {
        Some(lines) => {
            lines.push(line.to_string());
            true
        }
        None => false,
    })
}

/// Runs `work`, keeping what it says.
fn run_keeping_lines<T>(work: impl FnOnce() -> T) -> (thread::Result<T>, Vec<String>) {
    WORKER_LINES.with(|lines| *lines.borrow_mut() = Some(Vec::new()));
    let result = catch_unwind(AssertUnwindSafe(work));
    let lines = WORKER_LINES.with(|lines| lines.borrow_mut().take().unwrap_or_default());
    (result, lines)
}

/// Where a worker leaves its result and what it said, and finds whom to wake.
struct Handoff<T> {
    result: Option<(thread::Result<T>, Vec<String>)>,
    waker: Option<Waker>,
}

/// Runs `f` on one of the loop's worker threads and waits for its value, leaving
/// the loop free: asyncio's `to_thread`.
///
/// Like a coroutine, nothing happens until the future is first polled; see
/// [`run_blocking`] for the eager kind. A panic in `f` comes back as
/// [`TaskError::Panicked`]. Dropping the future does not stop `f` (a thread
/// cannot be interrupted); its value is then dropped.
///
/// ```
/// use coroasync::{run, to_thread};
///
/// let sum = run(async { to_thread(|| (1..=100).sum::<u32>()).await }).unwrap();
/// assert_eq!(sum, Ok(5050));
/// ```
pub fn to_thread<T, F>(f: F) -> ToThread<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    ToThread {
        state: ThreadState::NotStarted(Some(Box::new(f))),
    }
}

/// Submits `f` to the running loop's worker threads at once and returns a future
/// of its value: asyncio's `loop.run_in_executor(None, f)`, which starts the work
/// whether or not anyone awaits it.
///
/// # Panics
///
/// Outside a running loop, which owns the threads.
pub fn run_blocking<T, F>(f: F) -> ToThread<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let mut future = to_thread(f);
    future.start();
    future
}

type Work<T> = Box<dyn FnOnce() -> T + Send>;

/// The future of [`to_thread`] and [`run_blocking`].
#[must_use = "to_thread does nothing unless awaited"]
pub struct ToThread<T> {
    state: ThreadState<T>,
}

enum ThreadState<T> {
    NotStarted(Option<Work<T>>),
    Running(Arc<Mutex<Handoff<T>>>),
    Done,
}

impl<T: Send + 'static> ToThread<T> {
    fn start(&mut self) {
        let ThreadState::NotStarted(work) = &mut self.state else {
            return;
        };
        let Some(work) = work.take() else { return };
        let core = context::running()
            .expect("coroasync::to_thread needs a running event loop to own its threads");
        let handoff = Arc::new(Mutex::new(Handoff {
            result: None,
            waker: None,
        }));
        let theirs = Arc::clone(&handoff);
        core.blocking.submit(Box::new(move || {
            let result = run_keeping_lines(work);
            let waker = {
                let mut handoff = theirs.lock().unwrap_or_else(PoisonError::into_inner);
                handoff.result = Some(result);
                handoff.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        }));
        self.state = ThreadState::Running(handoff);
    }
}

impl<T: Send + 'static> Future for ToThread<T> {
    type Output = Result<T, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.start();
        let ThreadState::Running(handoff) = &self.state else {
            return Poll::Ready(Err(TaskError::ResultTaken));
        };
        let mut slot = handoff.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.result.take() {
            Some((result, lines)) => {
                drop(slot);
                self.state = ThreadState::Done;
                for line in lines {
                    crate::print(format_args!("{line}"));
                }
                Poll::Ready(
                    result.map_err(|payload| TaskError::Panicked(panic_message(payload.as_ref()))),
                )
            }
            None => {
                slot.waker = Some(cx.waker().clone());
                drop(slot);
                context::note_waiting(Waiting::Primitive("a worker thread"));
                Poll::Pending
            }
        }
    }
}

impl<T> std::fmt::Debug for ToThread<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.state {
            ThreadState::NotStarted(_) => "not started",
            ThreadState::Running(_) => "running",
            ThreadState::Done => "done",
        };
        f.debug_struct("ToThread").field("state", &state).finish()
    }
}
