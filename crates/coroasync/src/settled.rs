//! `gather_settled!`: every outcome of awaitables of different types.

use crate::error::TaskError;
use crate::task::{Task, TaskRef};
use crate::wait::{ReturnWhen, wait};

/// A tuple of tasks whose outcomes [`gather_settled!`](crate::gather_settled!)
/// collects; implemented for tuples of up to eight [`Task`]s.
pub trait SettleTuple {
    /// The tuple of their outcomes.
    type Output;
    /// Handles on each, in order.
    fn refs(&self) -> Vec<TaskRef>;
    /// Every outcome, once all have finished.
    fn take(&self) -> Self::Output;
}

macro_rules! settle_tuples {
    ($( ($($T:ident $i:tt),+) )+) => {$(
        impl<$($T: 'static),+> SettleTuple for ($(Task<$T>,)+) {
            type Output = ($(Result<$T, TaskError>,)+);

            fn refs(&self) -> Vec<TaskRef> {
                vec![$(self.$i.to_ref()),+]
            }

            fn take(&self) -> Self::Output {
                ($(self.$i.take_finished(),)+)
            }
        }
    )+};
}

settle_tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

/// Cancels the tasks still running if the gathering is dropped before they all
/// finished, as cancelling asyncio's `gather` cancels its children.
struct CancelUnfinished(Vec<TaskRef>);

impl Drop for CancelUnfinished {
    fn drop(&mut self) {
        for task in &self.0 {
            task.cancel();
        }
    }
}

/// What [`gather_settled!`](crate::gather_settled!) runs: waits for every task
/// (through [`wait`], with `gather`'s two hops) and takes each outcome.
///
/// # Errors
///
/// [`TaskError::OtherLoop`] when a task belongs to another loop.
pub async fn settle_tuple<Tasks: SettleTuple>(tasks: Tasks) -> Result<Tasks::Output, TaskError> {
    let mut guard = CancelUnfinished(tasks.refs());
    let waited = wait(tasks.refs(), ReturnWhen::AllCompleted, None).await;
    // Finished, or another loop's task (left alone): nothing to cancel.
    guard.0.clear();
    waited?;
    Ok(tasks.take())
}

/// Gathers awaitables of different types into a tuple of their outcomes, failures
/// included: asyncio's `gather(a(), b(), return_exceptions=True)` when `a` and `b`
/// return different things (the typed counterpart of
/// [`gather_settled`](fn@crate::gather_settled)).
///
/// Each argument may be a future (spawned, in order) or a [`Task`]. The result is
/// `Ok((Result<A, TaskError>, Result<B, TaskError>, ...))` once all have
/// finished, or [`TaskError::OtherLoop`] at once for a task of another loop.
/// Dropped before then, it cancels the tasks still running. Up to eight
/// awaitables.
///
/// ```
/// use coroasync::{gather_settled, run, TaskError};
///
/// let (n, failed) = run(async {
///     gather_settled!(async { 2 + 2 }, async { panic!("no word") as &str }).await
/// })
/// .unwrap()
/// .unwrap();
/// assert_eq!(n, Ok(4));
/// assert_eq!(failed, Err(TaskError::Panicked("no word".into())));
/// ```
#[macro_export]
macro_rules! gather_settled {
    ($($awaitable:expr),+ $(,)?) => {
        $crate::__private::settle_tuple(($($crate::IntoTask::into_task($awaitable),)+))
    };
}
