//! A minimal executor in one file, built in the open: a ready queue of task ids, a
//! waker that puts its task back on that queue, and a timer heap on a virtual clock
//! the executor moves on when nothing is ready.
//!
//! First the last lesson's awaitable without its wake, returning `Pending` and
//! arranging nothing: the executor finds nothing ready and no timer set, and says which task is
//! stuck, as coroasync's loop does (`RunError::Deadlock`). Then an awaitable that
//! wakes its task before it pauses, beside a task that sleeps: both run to the end.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use coroasync::{EventLoop, RunError};
use corolab::{Flag, Kind, Stage};
use corotrace::Trace;

/// This lesson drives futures on an executor of its own.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// The ready queue: ids of the tasks to poll, in order. A waker may be sent to
/// another thread and woken there, so the queue sits behind an `Arc<Mutex<…>>`.
type ReadyQueue = Arc<Mutex<VecDeque<usize>>>;

/// One task's waker: waking it puts the task's id at the back of the ready queue.
struct TaskWaker {
    id: usize,
    ready: ReadyQueue,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // A poisoned lock only means a waker panicked mid-push; the queue is whole.
        let mut ready = self.ready.lock().unwrap_or_else(PoisonError::into_inner);
        ready.push_back(self.id);
    }
}

/// The virtual clock, in whole seconds, and the timers set on it: a heap of
/// (deadline, sequence), earliest first, and the waker each one wakes.
#[derive(Default)]
struct Timers {
    now: u64,
    heap: BinaryHeap<Reverse<(u64, u64)>>,
    wakers: HashMap<u64, Waker>,
    next_seq: u64,
}

/// The clock and its timers, shared by the executor and the sleeps on it.
type Clock = Rc<RefCell<Timers>>;

/// A task: its name, and its future until it finishes.
type Task = (&'static str, Option<Pin<Box<dyn Future<Output = ()>>>>);

/// The executor: tasks by id, the ready queue, the clock.
struct MiniExecutor {
    tasks: Vec<Task>,
    ready: ReadyQueue,
    clock: Clock,
    out: Trace,
}

/// Why [`MiniExecutor::run`] gave up: nothing ready, no timer set, these tasks
/// unfinished. Without this check the loop would wait forever.
#[derive(Debug, PartialEq, Eq)]
struct Stuck {
    at: u64,
    tasks: Vec<&'static str>,
}

impl MiniExecutor {
    fn new(out: Trace) -> Self {
        Self {
            tasks: Vec::new(),
            ready: ReadyQueue::default(),
            clock: Clock::default(),
            out,
        }
    }

    /// `loop.create_task`: the task's id joins the ready queue.
    fn spawn(&mut self, name: &'static str, future: impl Future<Output = ()> + 'static) {
        self.ready
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(self.tasks.len());
        self.tasks.push((name, Some(Box::pin(future))));
    }

    fn unfinished(&self) -> Vec<&'static str> {
        self.tasks
            .iter()
            .filter(|t| t.1.is_some())
            .map(|t| t.0)
            .collect()
    }

    /// Polls ready tasks until every one finishes; when none is ready, moves the
    /// clock to the earliest timer and wakes it; when there is no timer either,
    /// reports the tasks left instead of waiting forever.
    fn run(&mut self) -> Result<(), Stuck> {
        while !self.unfinished().is_empty() {
            let next = self
                .ready
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop_front();
            let Some(id) = next else {
                let mut timers = self.clock.borrow_mut();
                let Some(Reverse((at, seq))) = timers.heap.pop() else {
                    let (at, tasks) = (timers.now, self.unfinished());
                    return Err(Stuck { at, tasks });
                };
                timers.now = at;
                let waker = timers.wakers.remove(&seq);
                drop(timers);
                waker.into_iter().for_each(Waker::wake);
                continue;
            };
            let now = self.clock.borrow().now;
            let (name, slot) = &mut self.tasks[id];
            // A task woken after it finished has nothing left to poll.
            let Some(future) = slot else { continue };
            self.out
                .print(format_args!("executor: poll {name} at {now} s"));
            let waker = Waker::from(Arc::new(TaskWaker {
                id,
                ready: Arc::clone(&self.ready),
            }));
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                *slot = None;
            }
        }
        let now = self.clock.borrow().now;
        self.out
            .print(format_args!("executor: every task finished at {now} s"));
        Ok(())
    }
}

/// The last lesson's awaitable, without its wake, or with it (`wakes`).
struct Awaitable {
    out: Trace,
    i: u32,
    wakes: bool,
}

impl Future for Awaitable {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.i == 3 {
            return Poll::Ready("Ok");
        }
        let i = self.i;
        self.out.print(format_args!("index from awaitable: {i}"));
        self.i += 1;
        if self.wakes {
            // "Poll me again": without this, nothing ever puts the task back.
            cx.waker().wake_by_ref();
        }
        Poll::Pending
    }
}

/// `await asyncio.sleep(seconds)` on the executor's clock.
struct Sleep {
    clock: Clock,
    deadline: u64,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut timers = self.clock.borrow_mut();
        if timers.now >= self.deadline {
            return Poll::Ready(());
        }
        let seq = timers.next_seq;
        timers.next_seq += 1;
        timers.heap.push(Reverse((self.deadline, seq)));
        timers.wakers.insert(seq, cx.waker().clone());
        Poll::Pending
    }
}

fn sleep(clock: &Clock, seconds: u64) -> Sleep {
    let deadline = clock.borrow().now + seconds;
    Sleep {
        clock: Rc::clone(clock),
        deadline,
    }
}

async fn main_task(out: Trace, awaitable: Awaitable) {
    let result = awaitable.await;
    out.print(format_args!("Awaitable says: {result}"));
}

async fn sleeper(out: Trace, clock: Clock) {
    for seconds in [2, 1] {
        let now = clock.borrow().now;
        out.print(format_args!("sleeper: sleep {seconds} s at {now} s"));
        sleep(&clock, seconds).await;
        let now = clock.borrow().now;
        out.print(format_args!("sleeper: woke at {now} s"));
    }
}

fn report(out: &Trace, result: Result<(), Stuck>) {
    if let Err(Stuck { at, tasks }) = result {
        let tasks = tasks.join(", ");
        out.print(format_args!(
            "executor: stuck at {at} s: nothing is ready, no timer is set; waiting forever: {tasks}"
        ));
    }
}

/// Without the wake, on this executor and on coroasync's loop; then with it.
pub fn lesson(stage: &Stage) {
    let out = stage.trace();
    let awaitable = |wakes| Awaitable {
        out: out.clone(),
        i: 0,
        wakes,
    };
    out.print(format_args!("-- without the wake"));
    let mut executor = MiniExecutor::new(out.clone());
    executor.spawn("main", main_task(out.clone(), awaitable(false)));
    report(&out, executor.run());

    out.print(format_args!(
        "coroasync: the same future on EventLoop::with_virtual_clock()"
    ));
    // Quiet: its lines were shown above; what is new is the loop's report.
    let quiet = Trace::off();
    let silent = Awaitable {
        out: quiet.clone(),
        i: 0,
        wakes: false,
    };
    let stuck = (EventLoop::with_virtual_clock())
        .with_order(stage.order())
        .run(main_task(quiet, silent));
    match stuck {
        Err(RunError::Deadlock(deadlock)) => {
            for line in deadlock.to_string().lines() {
                out.print(format_args!("coroasync: {line}"));
            }
        }
        other => out.print(format_args!("coroasync: no deadlock after all: {other:?}")),
    }

    out.print(format_args!("-- with the wake, beside a sleeper"));
    let mut executor = MiniExecutor::new(out.clone());
    executor.spawn("main", main_task(out.clone(), awaitable(true)));
    let clock = Rc::clone(&executor.clock);
    executor.spawn("sleeper", sleeper(out.clone(), clock));
    report(&out, executor.run());
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    use super::*;

    /// The awaitable without its wake: `run` must come back with the stuck task
    /// rather than loop. It runs on a thread so a loop that hangs fails the test
    /// after the timeout instead of hanging the suite.
    #[test]
    fn without_the_wake_the_executor_reports_the_stuck_task() {
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let out = Trace::off();
            let mut executor = MiniExecutor::new(out.clone());
            let awaitable = Awaitable {
                out: out.clone(),
                i: 0,
                wakes: false,
            };
            executor.spawn("main", main_task(out, awaitable));
            let _ = sender.send(executor.run());
        });
        let result = receiver.recv_timeout(Duration::from_secs(10));
        let expected = Stuck {
            at: 0,
            tasks: vec!["main"],
        };
        assert_eq!(result, Ok(Err(expected)));
    }

    #[test]
    fn with_the_wake_every_task_finishes_on_the_virtual_clock() {
        let out = Trace::off();
        let mut executor = MiniExecutor::new(out.clone());
        let awaitable = Awaitable {
            out: out.clone(),
            i: 0,
            wakes: true,
        };
        executor.spawn("main", main_task(out.clone(), awaitable));
        let clock = Rc::clone(&executor.clock);
        executor.spawn("sleeper", sleeper(out, clock));
        assert_eq!(executor.run(), Ok(()));
        assert_eq!(executor.clock.borrow().now, 3);
    }
}
