use std::fmt;
use std::future::Future;

use crate::TaskId;
use genawaiter::GeneratorState;

use crate::{Gen, Thrown};

/// What one resume of a routine gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resumed<Y, T> {
    /// The routine paused at a `yield`, handing out this value.
    Yielded(Y),
    /// The routine finished: with its value, or with its error's message.
    Returned(Result<T, String>),
}

/// Something a [`Scheduler`](crate::Scheduler) can run step by step: a generator
/// that completes with `Result<T, E>`, receives an `S` on each resume and yields
/// a `Y` at each pause.
///
/// Every [`Gen`] whose body returns `Result<T, E>` with a displayable `E` is a
/// routine; its `Err` becomes the task's failure message, as a raised exception
/// does in the notebook. A body that awaits a future other than `co.yield_`
/// returns an error saying so (see [`Gen`]). A hand-written state machine can
/// implement it too; once it has returned, the scheduler drops it without
/// resuming it again.
///
/// ```
/// use corogen::{Resumed, Routine};
/// use corogen::Gen;
///
/// let mut routine = Gen::new(|co| async move {
///     let sent: u32 = co.yield_("ready").await;
///     Ok::<_, String>(sent * 2)
/// });
/// assert_eq!(Routine::resume_with(&mut routine, 0), Resumed::Yielded("ready"));
/// assert_eq!(Routine::resume_with(&mut routine, 21), Resumed::Returned(Ok(42)));
/// ```
pub trait Routine<T, S = (), Y = ()> {
    /// Runs the routine to its next pause or to its end. `sent` is what the paused
    /// `yield` evaluates to; on the first resume there is no such `yield`, and
    /// `sent` is dropped.
    fn resume_with(&mut self, sent: S) -> Resumed<Y, T>;

    /// Raises `error` where the routine is paused: Python's
    /// `generator.throw(error)`. Only a routine that can receive it handles it
    /// (see [`Scheduler::add_catching`](crate::Scheduler::add_catching)); by
    /// default the routine ends there, failed with the error, and the scheduler
    /// drops it, so its clean-up runs as a Python generator's `finally` does
    /// under an exception it does not catch.
    fn throw(&mut self, error: Thrown) -> Resumed<Y, T> {
        Resumed::Returned(Err(error.to_string()))
    }
}

impl<T, S, Y, E, F> Routine<T, S, Y> for Gen<Y, S, F>
where
    F: Future<Output = Result<T, E>>,
    E: fmt::Display,
{
    #[inline]
    fn resume_with(&mut self, sent: S) -> Resumed<Y, T> {
        match self.try_resume_with(sent) {
            Ok(GeneratorState::Yielded(value)) => Resumed::Yielded(value),
            Ok(GeneratorState::Complete(result)) => {
                Resumed::Returned(result.map_err(|error| error.to_string()))
            }
            Err(misuse) => Resumed::Returned(Err(format!("the routine {misuse}"))),
        }
    }
}

/// A generator whose body returns its value itself, not a `Result`, or never
/// returns: the routine [`Scheduler::add_infallible`](crate::Scheduler::add_infallible)
/// runs.
pub(crate) struct Infallible<Y, S, F: Future>(pub(crate) Gen<Y, S, F>);

impl<T, S, Y, F> Routine<T, S, Y> for Infallible<Y, S, F>
where
    F: Future<Output = T>,
{
    fn resume_with(&mut self, sent: S) -> Resumed<Y, T> {
        match self.0.try_resume_with(sent) {
            Ok(GeneratorState::Yielded(value)) => Resumed::Yielded(value),
            Ok(GeneratorState::Complete(value)) => Resumed::Returned(Ok(value)),
            Err(misuse) => Resumed::Returned(Err(format!("the routine {misuse}"))),
        }
    }
}

/// A routine in a scheduler, with the id the scheduler gave it: the notebook's
/// `Task`.
pub struct Task<T, S = (), Y = ()> {
    // The task's id, whether it has started, and its routine, in one
    // allocation: the queue moves a two-word pointer at each step rather than
    // the four words of the three side by side.
    cell: Box<TaskCell<dyn Routine<T, S, Y>>>,
}

/// What a [`Task`] owns.
struct TaskCell<R: ?Sized> {
    id: TaskId,
    started: bool,
    routine: R,
}

impl<T, S, Y> Task<T, S, Y> {
    pub(crate) fn new(id: TaskId, routine: impl Routine<T, S, Y> + 'static) -> Self {
        Self {
            cell: Box::new(TaskCell {
                id,
                started: false,
                routine,
            }),
        }
    }

    /// The task's id.
    pub fn id(&self) -> TaskId {
        self.cell.id
    }

    /// Whether the task has been resumed at least once (Python: whether the
    /// generator has left its just-started state).
    pub fn is_started(&self) -> bool {
        self.cell.started
    }

    #[inline]
    pub(crate) fn resume_with(&mut self, sent: S) -> Resumed<Y, T> {
        self.cell.started = true;
        self.cell.routine.resume_with(sent)
    }

    #[inline]
    pub(crate) fn throw(&mut self, error: Thrown) -> Resumed<Y, T> {
        self.cell.started = true;
        self.cell.routine.throw(error)
    }
}

impl<T, S, Y> fmt::Debug for Task<T, S, Y> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("id", &self.id())
            .field("started", &self.is_started())
            .finish_non_exhaustive()
    }
}
