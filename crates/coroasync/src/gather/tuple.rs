//! [`gather!`](crate::gather!): tasks of different types gathered into a tuple
//! of their values.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{interrupted, interruptible, let_go};
use crate::error::TaskError;
use crate::interrupt::Interruptible;
use crate::task::Task;
use crate::watch::{Home, Watch};

/// Tasks of different types gathered as a tuple; see [`gather!`](crate::gather!).
#[doc(hidden)]
pub trait TaskTuple {
    /// The tuple of their values.
    type Output;
    /// Handles on each, in order.
    fn refs(&self) -> Vec<crate::TaskRef>;
    /// Takes each value, in order.
    fn take(&self) -> Result<Self::Output, TaskError>;
    /// Takes the error of the task at `index`.
    fn take_error(&self, index: usize) -> TaskError;
}

macro_rules! task_tuples {
    ($( ($($T:ident $i:tt),+) )+) => {$(
        impl<$($T: 'static),+> TaskTuple for ($(Task<$T>,)+) {
            type Output = ($($T,)+);

            fn refs(&self) -> Vec<crate::TaskRef> {
                vec![$(self.$i.to_ref()),+]
            }

            fn take(&self) -> Result<Self::Output, TaskError> {
                Ok(($(self.$i.take_finished()?,)+))
            }

            fn take_error(&self, index: usize) -> TaskError {
                let error = match index {
                    $($i => self.$i.take_result().and_then(Result::err),)+
                    _ => None,
                };
                error.unwrap_or(TaskError::ResultTaken)
            }
        }
    )+};
}

task_tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

/// The future of [`gather!`](crate::gather!).
#[doc(hidden)]
#[must_use = "futures do nothing unless awaited"]
pub struct GatherTuple<Tasks> {
    tasks: Tasks,
    watch: Watch,
    home: Home,
    finished: bool,
    interrupt: Interruptible,
}

#[doc(hidden)]
pub fn gather_tuple<Tasks: TaskTuple>(tasks: Tasks) -> GatherTuple<Tasks> {
    let watch = Watch::new(tasks.refs());
    let home = Home::here();
    let interrupt = interruptible(watch.tasks(), &home);
    GatherTuple {
        tasks,
        watch,
        home,
        finished: false,
        interrupt,
    }
}

impl<Tasks: TaskTuple + Unpin> Future for GatherTuple<Tasks> {
    type Output = Result<Tasks::Output, TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.home.any_other(this.watch.tasks()) {
            this.finished = true;
            return Poll::Ready(Err(TaskError::OtherLoop));
        }
        if interrupted(&mut this.interrupt, &mut this.watch, cx, false) {
            return Poll::Pending;
        }
        if !this.watch.poll(cx) {
            return Poll::Pending;
        }
        if let Some(index) = this.watch.first_failure(true) {
            this.finished = true;
            this.interrupt.disarm();
            return Poll::Ready(Err(this.tasks.take_error(index)));
        }
        if !this.watch.all_done() {
            return Poll::Pending;
        }
        this.finished = true;
        this.interrupt.disarm();
        Poll::Ready(this.tasks.take())
    }
}

impl<Tasks> fmt::Debug for GatherTuple<Tasks> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatherTuple")
            .field("tasks", &self.watch.tasks())
            .finish()
    }
}

impl<Tasks> Drop for GatherTuple<Tasks> {
    fn drop(&mut self) {
        let_go(&self.watch, &self.home, self.finished);
    }
}

/// Gathers awaitables of different types into a tuple of their values: asyncio's
/// `gather(a(), b())` when `a` and `b` return different things.
///
/// Each argument may be a future (spawned, in order) or a [`Task`]. The result is
/// `Result<(A, B, ...), TaskError>`: the first failure, or every value
/// ([`TaskError::OtherLoop`] at once for a task of another loop). Up to eight
/// awaitables.
///
/// ```
/// use coroasync::{gather, run};
///
/// let (n, word) = run(async { gather!(async { 2 + 2 }, async { "four" }).await })
///     .unwrap()
///     .unwrap();
/// assert_eq!((n, word), (4, "four"));
/// ```
#[macro_export]
macro_rules! gather {
    ($($awaitable:expr),+ $(,)?) => {
        $crate::__private::gather_tuple(($($crate::IntoTask::into_task($awaitable),)+))
    };
}
