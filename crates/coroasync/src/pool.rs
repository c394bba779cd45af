//! The loop's pool of worker threads, and when a job's result reaches the loop.
//!
//! Threads start as work arrives, up to a limit, and end after a while without
//! work. On a real clock a result wakes its task as soon as it is ready; on a
//! virtual clock the loop *lands* results itself (see [`BlockingPool`]).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

pub(crate) type Job = Box<dyn FnOnce() + Send>;

/// How long an idle worker waits for work before its thread ends.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a virtual clock waits for busy workers before it moves on without them.
pub(crate) const DEFAULT_PATIENCE: Duration = Duration::from_secs(1);

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
///
/// On a virtual clock a job's result is not seen when the worker finishes, which
/// depends on the threads' race, but when the loop *lands* it: when the loop has
/// nothing left to run at the current instant, it waits for its busy workers (for
/// up to its patience), then hands their results over in the order the jobs were
/// submitted. A job thus takes no virtual time, and a run is the same every time.
pub(crate) struct BlockingPool {
    shared: Arc<Shared>,
    max_threads: AtomicUsize,
    /// Jobs submitted and not yet finished: while any are, the loop waits for them
    /// rather than report a deadlock.
    in_flight: Arc<AtomicUsize>,
    /// The loop's thread, unparked when a job ends so the loop sees the count drop.
    loop_thread: thread::Thread,
    /// Whether results wait to be landed (a virtual clock) or wake their task as
    /// soon as they are ready (a real one).
    landing: bool,
    /// On a virtual clock: the jobs not yet landed, in the order they were
    /// submitted.
    unlanded: RefCell<VecDeque<Unlanded>>,
    /// How long the loop waits for busy workers before virtual time moves on
    /// without them.
    patience: Cell<Duration>,
}

/// A job the loop has not landed yet.
struct Unlanded {
    handoff: Arc<dyn Landing>,
    /// Already waited for once, past the patience: not waited for again.
    stalled: bool,
}

/// What [`BlockingPool::land`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Landed {
    /// Jobs whose results were handed over.
    pub(crate) landed: usize,
    /// Jobs still busy after the patience, newly given up on.
    pub(crate) stalled: usize,
}

impl BlockingPool {
    pub(crate) fn new(landing: bool) -> Self {
        Self {
            shared: Arc::new(Shared {
                jobs: Mutex::default(),
                available: Condvar::new(),
            }),
            max_threads: AtomicUsize::new(default_max_threads()),
            in_flight: Arc::default(),
            loop_thread: thread::current(),
            landing,
            unlanded: RefCell::default(),
            patience: Cell::new(DEFAULT_PATIENCE),
        }
    }

    pub(crate) fn set_max_threads(&self, n: usize) {
        self.max_threads.store(n.max(1), Ordering::Relaxed);
    }

    pub(crate) fn set_patience(&self, patience: Duration) {
        self.patience.set(patience);
    }

    pub(crate) fn patience(&self) -> Duration {
        self.patience.get()
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }

    /// Whether some job's result is still to be landed.
    pub(crate) fn has_unlanded(&self) -> bool {
        !self.unlanded.borrow().is_empty()
    }

    /// Lands every finished job, in submission order. With `wait`, it first
    /// waits (for up to the patience) until every busy job not already given up
    /// on has finished; those still busy then are given up on: they land when they
    /// finish, and virtual time no longer waits for them.
    pub(crate) fn land(&self, wait: bool) -> Landed {
        let mut outcome = Landed::default();
        if wait {
            let deadline = Instant::now() + self.patience.get();
            while self.awaited_busy() {
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                // A worker unparks this thread when its job ends.
                thread::park_timeout(deadline - now);
            }
        }
        let finished: Vec<Arc<dyn Landing>> = {
            let mut unlanded = self.unlanded.borrow_mut();
            let mut finished = Vec::new();
            unlanded.retain_mut(|job| {
                if job.handoff.is_finished() {
                    finished.push(Arc::clone(&job.handoff));
                    return false;
                }
                if wait && !job.stalled {
                    job.stalled = true;
                    outcome.stalled += 1;
                }
                true
            });
            finished
        };
        outcome.landed = finished.len();
        // Not borrowed here: landing wakes tasks.
        for handoff in finished {
            handoff.land();
        }
        outcome
    }

    /// Whether a job the loop still waits for is busy.
    fn awaited_busy(&self) -> bool {
        self.unlanded
            .borrow()
            .iter()
            .any(|job| !job.stalled && !job.handoff.is_finished())
    }

    /// Whether results wait for the loop to land them (on a virtual clock).
    pub(crate) fn lands_results(&self) -> bool {
        self.landing
    }

    /// Runs `job` on a worker; `handoff` is where it leaves its result.
    pub(crate) fn submit(&self, job: Job, handoff: Arc<dyn Landing>) {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        if self.landing {
            self.unlanded.borrow_mut().push_back(Unlanded {
                handoff,
                stalled: false,
            });
        }
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
        self.enqueue(&mut jobs, job);
    }

    /// Queues `job` and makes sure a worker will take it.
    fn enqueue(&self, jobs: &mut Jobs, job: Job) {
        jobs.queue.push_back(job);
        // Every queued job needs a worker of its own: an idle worker counts as idle
        // until it wakes, so two jobs submitted back to back must not both be
        // promised to it (the second could wait for ever on the first).
        if jobs.idle >= jobs.queue.len() {
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
        self.unlanded.borrow_mut().clear();
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

/// A job's hand-off, as the loop sees it, whatever the job's value.
pub(crate) trait Landing: Send + Sync {
    fn is_finished(&self) -> bool;
    /// Lets the future take the result, and wakes it.
    fn land(&self);
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    fn idle_workers(pool: &BlockingPool) -> usize {
        pool.shared.jobs.lock().unwrap().idle
    }

    #[test]
    fn two_jobs_submitted_to_one_idle_worker_get_a_thread_each() {
        let pool = BlockingPool::new(false);
        let (done, finished) = mpsc::channel();
        let mut jobs = pool.shared.jobs.lock().unwrap();
        pool.enqueue(&mut jobs, Box::new(move || done.send(()).unwrap()));
        drop(jobs);
        finished.recv().unwrap();
        while idle_workers(&pool) == 0 {
            // The worker is on its way back to waiting for work.
            thread::yield_now();
        }
        // The first job waits for what the second sends: on one worker, never.
        // Both are queued under one lock, so the idle worker cannot wake between
        // them.
        let (give, take) = mpsc::channel::<u32>();
        let (answer, answers) = mpsc::channel();
        let mut jobs = pool.shared.jobs.lock().unwrap();
        pool.enqueue(
            &mut jobs,
            Box::new(move || answer.send(take.recv().unwrap()).unwrap()),
        );
        pool.enqueue(&mut jobs, Box::new(move || give.send(7).unwrap()));
        drop(jobs);
        // A guard against a hang, not a timing: the answer comes at once or never.
        assert_eq!(answers.recv_timeout(Duration::from_secs(30)), Ok(7));
        pool.shut_down();
    }
}
