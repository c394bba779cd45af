//! Blocking work on the loop's worker threads, so the loop's thread stays free:
//! asyncio's `to_thread` and `run_in_executor` over a `ThreadPoolExecutor`. The
//! threads themselves are the [`pool`](crate::pool)'s.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;

use corotrace::panic_message;

use crate::context;
use crate::error::TaskError;
use crate::pool::Landing;
use crate::waiting::Waiting;

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
    /// Whether the future may take the result: at once on a real clock, when the
    /// loop lands it on a virtual one.
    landed: bool,
}

impl<T: Send> Landing for Mutex<Handoff<T>> {
    fn is_finished(&self) -> bool {
        self.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .result
            .is_some()
    }

    fn land(&self) {
        let waker = {
            let mut handoff = self.lock().unwrap_or_else(PoisonError::into_inner);
            handoff.landed = true;
            handoff.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
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
            landed: !core.blocking.lands_results(),
        }));
        let theirs = Arc::clone(&handoff);
        let job = Box::new(move || {
            let result = run_keeping_lines(work);
            let waker = {
                let mut handoff = theirs.lock().unwrap_or_else(PoisonError::into_inner);
                handoff.result = Some(result);
                // Not landed yet: the loop wakes the task when it lands the result.
                if handoff.landed {
                    handoff.waker.take()
                } else {
                    None
                }
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        });
        core.blocking
            .submit(job, Arc::clone(&handoff) as Arc<dyn Landing>);
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
        let landed = if slot.landed {
            slot.result.take()
        } else {
            None
        };
        match landed {
            Some((result, lines)) => {
                drop(slot);
                self.state = ThreadState::Done;
                for line in lines {
                    crate::print::print(format_args!("{line}"));
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
