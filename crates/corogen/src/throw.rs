//! Errors thrown into a paused routine: Python's `generator.throw(error)`.

use std::fmt;
use std::future::Future;

use genawaiter::GeneratorState;

use crate::{Gen, Resumed, Routine};

/// An error thrown into a task by [`Scheduler::throw`](crate::Scheduler::throw):
/// Python's `generator.throw(ValueError("bad key"))`. It displays as its message,
/// as Python's `str(error)` does, so a task that does not handle it fails with
/// `Failed with exception: bad key`.
///
/// A routine added with [`Scheduler::add_catching`](crate::Scheduler::add_catching)
/// receives it where it is paused, as the `Err` of its `co.yield_`; `?` hands it
/// on, which fails the task with it, as an exception the generator does not catch
/// leaves it.
///
/// ```
/// use corogen::Thrown;
///
/// let error = Thrown::new("bad key");
/// assert_eq!(error.to_string(), "bad key");
/// assert_eq!(error.message(), "bad key");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thrown {
    message: String,
}

impl Thrown {
    /// An error carrying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// Its message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Thrown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Thrown {}

/// A generator resumed with `Ok(sent)` at each step and `Err(thrown)` when an
/// error is thrown into it: the routine [`Scheduler::add_catching`](crate::Scheduler::add_catching)
/// runs.
pub(crate) struct Catching<Y, S, F: Future>(pub(crate) Gen<Y, Result<S, Thrown>, F>);

impl<Y, S, F: Future> Catching<Y, S, F> {
    fn resume(&mut self, sent: Result<S, Thrown>) -> Resumed<Y, F::Output> {
        match self.0.try_resume_with(sent) {
            Ok(GeneratorState::Yielded(value)) => Resumed::Yielded(value),
            Ok(GeneratorState::Complete(value)) => Resumed::Returned(Ok(value)),
            Err(misuse) => Resumed::Returned(Err(format!("the routine {misuse}"))),
        }
    }
}

impl<T, S, Y, E, F> Routine<T, S, Y> for Catching<Y, S, F>
where
    F: Future<Output = Result<T, E>>,
    E: fmt::Display,
{
    fn resume_with(&mut self, sent: S) -> Resumed<Y, T> {
        flatten(self.resume(Ok(sent)))
    }

    fn throw(&mut self, error: Thrown) -> Resumed<Y, T> {
        flatten(self.resume(Err(error)))
    }
}

/// A body's `Result` as the routine's outcome: its `Err` is the failure.
fn flatten<Y, T, E: fmt::Display>(resumed: Resumed<Y, Result<T, E>>) -> Resumed<Y, T> {
    match resumed {
        Resumed::Yielded(value) => Resumed::Yielded(value),
        Resumed::Returned(Ok(Ok(value))) => Resumed::Returned(Ok(value)),
        Resumed::Returned(Ok(Err(error))) => Resumed::Returned(Err(error.to_string())),
        Resumed::Returned(Err(message)) => Resumed::Returned(Err(message)),
    }
}
