//! [`IntoTask`]: what `gather`, `wait_for` and `shield` take, a future or a task.

use std::future::Future;

use super::{Task, spawn};

/// Something that can become a task: a future (spawned on the running loop, as
/// asyncio's `ensure_future` wraps a coroutine) or a task already.
///
/// [`gather`](fn@crate::gather), [`wait_for`](crate::wait_for) and
/// [`shield`](crate::shield) take anything of this kind, as their asyncio
/// namesakes take coroutines and tasks alike.
pub trait IntoTask {
    /// What the task completes with.
    type Output: 'static;

    /// The task: spawned now if it was not one already.
    ///
    /// # Panics
    ///
    /// A future given outside a running loop cannot be spawned.
    fn into_task(self) -> Task<Self::Output>;
}

impl<F> IntoTask for F
where
    F: Future + 'static,
    F::Output: 'static,
{
    type Output = F::Output;

    #[track_caller]
    fn into_task(self) -> Task<F::Output> {
        spawn(self)
    }
}

impl<T: 'static> IntoTask for Task<T> {
    type Output = T;

    fn into_task(self) -> Task<T> {
        self
    }
}
