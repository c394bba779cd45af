//! The builder calls that set up an [`EventLoop`]: its trace, its order, its
//! worker threads and how it reports what goes wrong.

use std::time::Duration;

use corotrace::Trace;

use super::EventLoop;
use crate::diagnostics::Diagnostic;

impl EventLoop {
    /// Records into `trace` instead: [`Trace::off`] for no output at no cost,
    /// [`Trace::capture`] to read it afterwards.
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_trace(self, trace: Trace) -> Self {
        self.core.set_trace(trace);
        self
    }

    /// Runs what is ready in `order`: asyncio's ([`Order::Fifo`](crate::Order::Fifo), the default), or
    /// shuffled from a seed, to find out whether a program depends on asyncio's
    /// order (see [`Order`](crate::Order) for what a shuffle keeps).
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_order(self, order: crate::Order) -> Self {
        self.core.set_order(order);
        self
    }

    /// Runs blocking work ([`to_thread`](crate::to_thread)) on at most `n` threads
    /// (at least 1); the default is Python's: cores + 4, at most 32.
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_max_threads(self, n: usize) -> Self {
        self.core.blocking.set_max_threads(n);
        self
    }

    /// How long a virtual clock waits for busy worker threads
    /// ([`to_thread`](crate::to_thread), [`run_blocking`](crate::run_blocking))
    /// before it moves on without them (1 s by default).
    ///
    /// On a virtual clock a job takes no virtual time: when no task can run, the
    /// loop waits for its busy workers and hands their results over in the order
    /// the jobs were submitted, before the clock moves, so a run prints the same
    /// every time. A job that waits on the loop itself (on a task, or a timer)
    /// cannot finish while time stands still: after `patience` the loop reports
    /// [`Diagnostic::WorkerStalled`] and moves the clock on; from then on, when
    /// that job's result arrives depends on the thread. A real clock never waits
    /// like this: a result wakes its task as soon as it is ready.
    ///
    /// ```
    /// use std::time::Duration;
    /// use coroasync::{run_blocking, sleep, Diagnostic, EventLoop};
    ///
    /// let lp = EventLoop::with_virtual_clock()
    ///     .with_worker_patience(Duration::from_millis(10))
    ///     .with_diagnostics_on_stderr(false);
    /// let (tx, rx) = std::sync::mpsc::channel();
    /// let value = lp.run_until_complete(async move {
    ///     // The job waits for what a task sends after a (virtual) second.
    ///     let job = run_blocking(move || rx.recv().unwrap());
    ///     sleep(Duration::from_secs(1)).await;
    ///     tx.send(7).unwrap();
    ///     job.await
    /// });
    /// assert_eq!(value, Ok(Ok(7)));
    /// assert!(matches!(lp.diagnostics()[..], [Diagnostic::WorkerStalled { jobs: 1, .. }]));
    /// ```
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_worker_patience(self, patience: Duration) -> Self {
        self.core.blocking.set_patience(patience);
        self
    }

    /// Reports a task step that holds the thread longer than `threshold` (100 ms
    /// by default; `None` turns the check off). A watchdog thread does the timing,
    /// so steps cost no clock reading; durations are exact to a quarter of the
    /// threshold.
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_slow_step(self, threshold: Option<Duration>) -> Self {
        self.core.set_slow_step(threshold);
        self
    }

    /// Whether diagnostics are also printed to standard error as they happen (they
    /// are by default); [`EventLoop::diagnostics`] keeps them either way.
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_diagnostics_on_stderr(self, on: bool) -> Self {
        self.core.report_to_stderr.set(on);
        self
    }

    /// Hands each diagnostic to `sink` as it happens, instead of printing it to
    /// standard error: to a logger, a game's console, or a test's assertion.
    /// [`EventLoop::diagnostics`] keeps them either way. (Call
    /// [`with_diagnostics_on_stderr(true)`](EventLoop::with_diagnostics_on_stderr)
    /// after it to have both.)
    ///
    /// ```
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use coroasync::{Diagnostic, EventLoop, spawn, yield_now};
    ///
    /// let seen = Rc::new(RefCell::new(Vec::new()));
    /// let sink = Rc::clone(&seen);
    /// let lp = EventLoop::with_virtual_clock()
    ///     .with_diagnostics_to(move |d: &Diagnostic| sink.borrow_mut().push(d.to_string()));
    /// lp.run_until_complete(async {
    ///     // A task fails, and nobody ever looks at its handle.
    ///     drop(spawn(async { std::panic::resume_unwind(Box::new("boom")) }));
    ///     yield_now().await;
    /// })
    /// .unwrap();
    /// assert_eq!(
    ///     *seen.borrow(),
    ///     ["Task exception was never retrieved: task 1 'Task-2' panicked: boom"]
    /// );
    /// assert_eq!(lp.diagnostics().len(), 1, "kept as well");
    /// ```
    #[must_use = "the loop is moved into the builder: use the loop it returns"]
    pub fn with_diagnostics_to(self, sink: impl FnMut(&Diagnostic) + 'static) -> Self {
        self.core.report_to_stderr.set(false);
        *self.core.diagnostic_sink.borrow_mut() = Some(Box::new(sink));
        self
    }
}
