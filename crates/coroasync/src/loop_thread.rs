//! An event loop on a thread of its own, which plain threads hand work to and
//! wait on: what the `unsync` decorator builds on asyncio, with
//! `run_coroutine_threadsafe` and a thread pool.
//!
//! A submission crosses threads as a `Send` closure; the loop's thread calls it
//! to build the future there, so the future itself (like every task on a loop)
//! need not be `Send`. Its value comes back through a [`Submitted`] handle: a
//! `Mutex`-guarded slot with a `Condvar` for blocking threads and a `Waker` for
//! tasks of other loops.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::{self, JoinHandle, ThreadId};

use corotrace::panic_message;

use crate::submitted::{self, Completer, Submitted, lock};
use crate::{EventLoop, TaskError, run_blocking, spawn};

/// Work for the loop's thread: spawns the submitted task there.
type Job = Box<dyn FnOnce() + Send>;

/// What other threads leave for the loop, and how they wake it.
#[derive(Default)]
struct Inbox {
    jobs: VecDeque<Job>,
    /// The waker of the task on the loop that takes the jobs.
    waker: Option<Waker>,
    /// Set when the loop takes no more work: asked to stop, or its thread ended.
    closed: bool,
}

type SharedInbox = Arc<Mutex<Inbox>>;

/// An [`EventLoop`] running on a thread of its own until this handle is dropped
/// or [`LoopThread::shut_down`]: Python's `unsync`. Other threads
/// [`submit`](LoopThread::submit) futures to it and block on, or await, the
/// [`Submitted`] handle they get back.
///
/// Shutting down (or dropping) cancels the tasks still running, as
/// `asyncio.run` does on its way out, refuses new work, and joins the thread.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{sleep, EventLoop, LoopThread};
///
/// let background = LoopThread::spawn_with(EventLoop::with_virtual_clock).unwrap();
/// let five = background
///     .submit(|| async {
///         sleep(Duration::from_secs(1)).await;
///         5
///     })
///     .unwrap();
/// let sum = background.submit_blocking(|| (1..=100).sum::<u64>()).unwrap();
/// assert_eq!(sum.wait().unwrap() + five.wait().unwrap(), 5055);
/// background.shut_down().unwrap();
/// ```
pub struct LoopThread {
    handle: LoopHandle,
    thread: Option<JoinHandle<()>>,
}

impl LoopThread {
    /// Starts a loop on real time on a new thread; its tasks' lines go to
    /// standard output. Fails only if no thread can be started.
    ///
    /// # Errors
    ///
    /// The operating system's error when no thread can be started.
    pub fn spawn() -> io::Result<Self> {
        Self::spawn_with(EventLoop::new)
    }

    /// Starts the loop `make_loop` builds, on a new thread: an [`EventLoop`] is
    /// not `Send`, so it is made there. Pass `EventLoop::with_virtual_clock` for
    /// tests: the loop's timers then cost no real time.
    ///
    /// # Errors
    ///
    /// The operating system's error when no thread can be started.
    pub fn spawn_with<M>(make_loop: M) -> io::Result<Self>
    where
        M: FnOnce() -> EventLoop + Send + 'static,
    {
        let inbox = SharedInbox::default();
        let theirs = Arc::clone(&inbox);
        let thread = thread::Builder::new()
            .name("coroasync-loop".into())
            .spawn(move || serve(make_loop, theirs))?;
        Ok(Self {
            handle: LoopHandle {
                inbox,
                thread: thread.thread().id(),
            },
            thread: Some(thread),
        })
    }

    /// A handle other threads can submit through; it outlives the loop, whose
    /// end it reports as [`LoopClosed`].
    pub fn handle(&self) -> LoopHandle {
        self.handle.clone()
    }

    /// Submits a future to the loop; see [`LoopHandle::submit`].
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] with `make` handed back when the loop has shut down.
    pub fn submit<F, Fut>(&self, make: F) -> Result<Submitted<Fut::Output>, LoopClosed<F>>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future + 'static,
        Fut::Output: Send + 'static,
    {
        self.handle.submit(make)
    }

    /// Runs `work` on the loop's worker threads; see [`LoopHandle::submit_blocking`].
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] with `work` handed back when the loop has shut down.
    pub fn submit_blocking<F, T>(&self, work: F) -> Result<Submitted<T>, LoopClosed<F>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.handle.submit_blocking(work)
    }

    /// Stops the loop: new work is refused at once, tasks still running are
    /// cancelled (their handles report [`TaskError::Cancelled`]), and the thread
    /// is joined. `Err(TaskError::Panicked)` if the thread had died of a panic
    /// (in `make_loop`, say). Called from a task on the loop itself, it asks the
    /// loop to stop and returns without waiting, as a thread cannot join itself.
    ///
    /// # Errors
    ///
    /// [`TaskError::Panicked`] when the loop's thread had died of a panic.
    pub fn shut_down(mut self) -> Result<(), TaskError> {
        self.stop()
    }

    fn stop(&mut self) -> Result<(), TaskError> {
        self.handle.close();
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        if thread.thread().id() == thread::current().id() {
            return Ok(());
        }
        thread
            .join()
            .map_err(|payload| TaskError::Panicked(panic_message(payload.as_ref())))
    }
}

impl Drop for LoopThread {
    fn drop(&mut self) {
        // A panic of the loop's thread was reported on standard error as it
        // happened; a destructor has nobody to hand it to.
        let _ = self.stop();
    }
}

impl fmt::Debug for LoopThread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoopThread")
            .field("thread", &self.handle.thread)
            .field("closed", &self.handle.is_closed())
            .finish()
    }
}

/// Where threads submit work to a [`LoopThread`]; clones share the loop.
#[derive(Clone)]
pub struct LoopHandle {
    inbox: SharedInbox,
    thread: ThreadId,
}

impl LoopHandle {
    /// Submits a future to the loop: `make` is sent to the loop's thread and
    /// called there, and the future it returns runs as a task (so it need not be
    /// `Send`; only its output crosses back). Returns at once; the handle gives
    /// the value. Submitting from a task on the loop itself is fine (await the
    /// handle there; [`Submitted::wait`] would refuse).
    ///
    /// Dropping the handle does not cancel the task: it runs to its end and its
    /// value is dropped. A panic in `make` or the future comes back as
    /// [`TaskError::Panicked`]; the loop runs on. After the loop has shut down,
    /// `make` is handed back in [`LoopClosed`].
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] with `make` handed back when the loop has shut down.
    pub fn submit<F, Fut>(&self, make: F) -> Result<Submitted<Fut::Output>, LoopClosed<F>>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future + 'static,
        Fut::Output: Send + 'static,
    {
        self.enqueue(make, |make, done| {
            Box::new(move || {
                // Called inside the task, so a panic in `make` is the task's.
                let task = spawn(async move { make().await });
                spawn(async move { done.complete(task.await) });
            })
        })
    }

    /// Runs `work` on one of the loop's worker threads (those of
    /// [`run_blocking`]), leaving the loop free: `unsync(cpu_bound=True)`, which
    /// uses processes where this uses threads. A panic in `work` comes back as
    /// [`TaskError::Panicked`].
    ///
    /// # Errors
    ///
    /// [`LoopClosed`] with `work` handed back when the loop has shut down.
    pub fn submit_blocking<F, T>(&self, work: F) -> Result<Submitted<T>, LoopClosed<F>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.enqueue(work, |work, done| {
            Box::new(move || {
                let job = run_blocking(work);
                spawn(async move { done.complete(job.await) });
            })
        })
    }

    /// Whether the loop has stopped taking work.
    pub fn is_closed(&self) -> bool {
        lock(&self.inbox).closed
    }

    /// Queues the job `to_job` makes of `work`, unless the loop is closed, and
    /// wakes the loop.
    fn enqueue<W, T>(
        &self,
        work: W,
        to_job: impl FnOnce(W, Completer<T>) -> Job,
    ) -> Result<Submitted<T>, LoopClosed<W>> {
        let mut inbox = lock(&self.inbox);
        if inbox.closed {
            return Err(LoopClosed(work));
        }
        let (submitted, done) = submitted::pair(self.thread);
        inbox.jobs.push_back(to_job(work, done));
        let waker = inbox.waker.take();
        drop(inbox);
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(submitted)
    }

    /// Refuses new work and tells the loop to stop.
    fn close(&self) {
        let waker = {
            let mut inbox = lock(&self.inbox);
            inbox.closed = true;
            inbox.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl fmt::Debug for LoopHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoopHandle")
            .field("thread", &self.thread)
            .field("closed", &self.is_closed())
            .finish()
    }
}

/// The loop thread's life: run the loop with one task that spawns what arrives,
/// until told to stop; then drop what never started (its handles report
/// `Cancelled`) and refuse more, even if the loop panicked.
fn serve<M: FnOnce() -> EventLoop>(make_loop: M, inbox: SharedInbox) {
    struct CloseOnExit(SharedInbox);
    impl Drop for CloseOnExit {
        fn drop(&mut self) {
            let jobs = {
                let mut inbox = lock(&self.0);
                inbox.closed = true;
                inbox.waker = None;
                std::mem::take(&mut inbox.jobs)
            };
            drop(jobs);
        }
    }
    let _close = CloseOnExit(Arc::clone(&inbox));
    // The loop parks while the taker waits: its waker, held in the inbox, is
    // what a submission wakes, so the loop never calls that wait a deadlock.
    // `run` cancels every task left once the taker returns.
    let _ = make_loop().run(TakeJobs { inbox });
}

/// The task on the loop that spawns each submission as it arrives, and ends
/// when the loop is closed.
struct TakeJobs {
    inbox: SharedInbox,
}

impl Future for TakeJobs {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let jobs = {
            let mut inbox = lock(&self.inbox);
            if inbox.closed {
                return Poll::Ready(());
            }
            inbox.waker = Some(cx.waker().clone());
            std::mem::take(&mut inbox.jobs)
        };
        for job in jobs {
            job();
        }
        Poll::Pending
    }
}

/// Submitting to a [`LoopThread`] that has shut down: the work is handed back.
pub struct LoopClosed<F>(pub F);

impl<F> fmt::Debug for LoopClosed<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LoopClosed(..)")
    }
}

impl<F> fmt::Display for LoopClosed<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the loop thread has shut down and takes no more work")
    }
}

impl<F> std::error::Error for LoopClosed<F> {}
