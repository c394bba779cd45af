//! How a loop ends: [`EventLoop::run`] cancels what is left, and a dropped loop
//! drops every task's future.

use std::future::Future;
use std::rc::Rc;

use super::EventLoop;
use crate::context;
use crate::error::RunError;
#[cfg(doc)]
use crate::run;
use crate::task::tasks_of;

impl EventLoop {
    /// Runs `future` to completion as [`run`] does, on this loop as configured:
    /// then cancels every task left and closes the loop (asyncio's `Runner`).
    ///
    /// # Errors
    ///
    /// As [`EventLoop::run_until_complete`]: a deadlock, a loop already running
    /// on this thread, or a main future that panicked or was cancelled.
    ///
    /// ```
    /// use coroasync::{say, EventLoop, Trace};
    ///
    /// let trace = Trace::capture();
    /// let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    /// assert_eq!(lp.run(async { say!("hello"); 4 }), Ok(4));
    /// assert_eq!(trace.output(), "hello\n");
    /// ```
    pub fn run<F>(self, future: F) -> Result<F::Output, RunError>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let result = self.run_until_complete(future);
        self.cancel_remaining();
        result
    }

    /// Cancels every unfinished task and runs the loop until those tasks have
    /// ended, as `asyncio.run` does on its way out (it gathers the tasks it
    /// cancelled). A task spawned meanwhile, by a done callback or a destructor,
    /// is not waited for: it is dropped with the loop, so a clean-up that spawns
    /// a task that never ends cannot keep `run` from returning.
    fn cancel_remaining(&self) {
        let Some(_entered) = context::enter(&self.core) else {
            return;
        };
        let cancelled = tasks_of(&self.core);
        for task in &cancelled {
            task.cancel();
        }
        // A cancelled task ends at its next step, its done callbacks one pass
        // later; the ready queue empties unless something keeps spawning.
        while cancelled.iter().any(|task| !task.is_done()) && self.core.has_ready() {
            self.core.tick();
        }
        // Their done callbacks, queued as they ended.
        self.core.tick();
    }
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for EventLoop {
    fn drop(&mut self) {
        self.core.shut_down();
    }
}

impl EventLoop {
    /// Whether this loop is the one running on this thread (inside its tasks,
    /// callbacks and ticks).
    pub fn is_running(&self) -> bool {
        context::with_running(|core| core.is_some_and(|core| Rc::ptr_eq(core, &self.core)))
    }
}
