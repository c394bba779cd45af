//! corogen's generator: genawaiter's, with a guard that notices what genawaiter
//! cannot report in its user's words.
//!
//! genawaiter drives a generator's body as a future polled with a waker that does
//! nothing. A body that awaits anything but `co.yield_` (a timer, a channel,
//! `std::future::pending()`) leaves that future pending with no value yielded,
//! and genawaiter panics with a message about `Stream` and `async_resume`, or
//! `unreachable!()`, neither of which names the mistake. The guard notices the
//! pending poll first and ends the generator in words its user can act on; it
//! also remembers that a generator has completed, so resuming it again is a
//! clear error rather than "`async fn` resumed after completion".
//!
//! The guard costs each generator one 16-byte allocation (the body is boxed so
//! it can be polled with no pin projection, which safe code cannot do) and each resume a few
//! instructions: a thread-local flag `co.yield_` raises. `docs/corogen.md` has
//! the figures.

use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::iter::FusedIterator;
use std::pin::Pin;
use std::task::{Context, Poll};

use genawaiter::GeneratorState;

/// What a routine's body did that no generator can carry on from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Misuse {
    /// The body awaited a future that is not its own `co.yield_`.
    ForeignAwait,
    /// The generator was resumed after it had completed.
    Finished,
}

impl fmt::Display for Misuse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ForeignAwait => {
                "awaited a future that is not its generator's `co.yield_` (such as \
                 `std::future::pending()` or a coroasync sleep), and nothing here can \
                 wake it: a generator only pauses at `co.yield_(..).await`. Pause with \
                 `co.yield_`, wait with `corogen::notebook::async_sleep`, or run futures on \
                 coroasync's `EventLoop` instead"
            }
            Self::Finished => {
                "was resumed after it had completed: a generator gives its return value \
                 once (Python raises `StopIteration` again); stop at `Complete` instead"
            }
        })
    }
}

/// A generator object: the body `producer` builds runs step by step, each
/// [`Gen::resume_with`] running it to its next `co.yield_(..).await` or its end.
///
/// This is genawaiter's `rc::Gen` with a guard around its body: a body that
/// awaits a future other than [`Co::yield_`] is reported in those words, and a
/// generator resumed after it completed says so. Under a
/// [`Scheduler`](crate::Scheduler) either is the task's failure, not a panic.
///
/// ```
/// use corogen::{Gen, GeneratorState};
///
/// let mut g = Gen::new(|co| async move {
///     let sent: u32 = co.yield_("ready").await;
///     sent * 2
/// });
/// assert_eq!(g.resume_with(0), GeneratorState::Yielded("ready"));
/// assert_eq!(g.resume_with(21), GeneratorState::Complete(42));
/// ```
pub struct Gen<Y, R, F: Future> {
    inner: genawaiter::rc::Gen<Y, R, Guarded<F>>,
}

/// The handle a generator's body pauses through: `co.yield_(value).await` hands
/// `value` out and evaluates to what the next resume sends in.
pub struct Co<Y, R = ()> {
    inner: genawaiter::rc::Co<Y, R>,
}

thread_local! {
    /// Whether the body being polled on this thread has called `co.yield_` in
    /// this poll. A thread-local rather than a flag shared with each generator,
    /// which would cost every task an allocation; generators are not `Send`, so
    /// a body is polled on the thread that resumes it.
    static YIELDED: Cell<bool> = const { Cell::new(false) };
}

impl<Y, R> Co<Y, R> {
    /// Pauses the generator, handing `value` to whoever resumed it, and
    /// evaluates to the value of the next resume: Python's `x = yield value`.
    /// Await it at once.
    #[inline]
    pub fn yield_(&self, value: Y) -> impl Future<Output = R> + '_ {
        YIELDED.set(true);
        self.inner.yield_(value)
    }
}

impl<Y, R> fmt::Debug for Co<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

/// The body, boxed so the guard can poll it without pin projection, and whether
/// it has ended.
struct Guarded<F> {
    body: Pin<Box<F>>,
    ended: bool,
}

impl<F: Future> Future for Guarded<F> {
    /// A misuse ends the inner generator, so genawaiter never sees it.
    type Output = Result<F::Output, Misuse>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(Err(Misuse::Finished));
        }
        YIELDED.set(false);
        let polled = this.body.as_mut().poll(cx);
        // Lowered again, so a generator resumed inside another body leaves that
        // body's flag as it found it: down, since a body that yields returns
        // from its poll at once.
        let yielded = YIELDED.replace(false);
        match polled {
            Poll::Pending if yielded => Poll::Pending,
            Poll::Pending => {
                this.ended = true;
                Poll::Ready(Err(Misuse::ForeignAwait))
            }
            Poll::Ready(value) => {
                this.ended = true;
                Poll::Ready(Ok(value))
            }
        }
    }
}

impl<Y, R, F: Future> Gen<Y, R, F> {
    /// A generator whose body is the future `producer` returns, given the
    /// generator's [`Co`]. Nothing runs until the first resume.
    pub fn new(producer: impl FnOnce(Co<Y, R>) -> F) -> Self {
        let inner = genawaiter::rc::Gen::new(|co| Guarded {
            body: Box::pin(producer(Co { inner: co })),
            ended: false,
        });
        Self { inner }
    }

    /// Runs the body to its next pause or its end; `arg` is what the paused
    /// `co.yield_` evaluates to (dropped on the first resume, where no yield
    /// waits): Python's `generator.send(arg)`.
    ///
    /// # Panics
    ///
    /// If the body awaits a future other than `co.yield_`, or the generator had
    /// completed already. A [`Scheduler`](crate::Scheduler) files either as the
    /// task's failure instead.
    pub fn resume_with(&mut self, arg: R) -> GeneratorState<Y, F::Output> {
        match self.try_resume_with(arg) {
            Ok(state) => state,
            Err(misuse) => panic!("a corogen generator {misuse}"),
        }
    }

    /// [`Gen::resume_with`], with a misuse as an error rather than a panic.
    #[inline]
    pub(crate) fn try_resume_with(
        &mut self,
        arg: R,
    ) -> Result<GeneratorState<Y, F::Output>, Misuse> {
        match self.inner.resume_with(arg) {
            GeneratorState::Yielded(value) => Ok(GeneratorState::Yielded(value)),
            GeneratorState::Complete(ended) => ended.map(GeneratorState::Complete),
        }
    }
}

impl<Y, F: Future> Gen<Y, (), F> {
    /// [`Gen::resume_with`] `(())`: Python's `next(g)`.
    pub fn resume(&mut self) -> GeneratorState<Y, F::Output> {
        self.resume_with(())
    }
}

impl<Y, R, F: Future> fmt::Debug for Gen<Y, R, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gen").finish_non_exhaustive()
    }
}

impl<Y, F: Future<Output = ()>> IntoIterator for Gen<Y, (), F> {
    type Item = Y;
    type IntoIter = IntoIter<Y, F>;

    fn into_iter(self) -> IntoIter<Y, F> {
        IntoIter { generator: self }
    }
}

/// A generator that returns `()`, as an [`Iterator`] over what it yields. Once
/// it has ended it keeps returning `None`, as a Python generator keeps raising
/// `StopIteration`.
///
/// ```
/// use corogen::Gen;
///
/// let mut items = Gen::new(|co| async move { co.yield_(1).await }).into_iter();
/// assert_eq!(items.next(), Some(1));
/// assert_eq!(items.next(), None);
/// assert_eq!(items.next(), None);
/// ```
pub struct IntoIter<Y, F: Future<Output = ()>> {
    generator: Gen<Y, (), F>,
}

impl<Y, F: Future<Output = ()>> Iterator for IntoIter<Y, F> {
    type Item = Y;

    /// # Panics
    ///
    /// If the generator's body awaits a future other than `co.yield_`.
    fn next(&mut self) -> Option<Y> {
        match self.generator.try_resume_with(()) {
            Ok(GeneratorState::Yielded(value)) => Some(value),
            Ok(GeneratorState::Complete(())) | Err(Misuse::Finished) => None,
            Err(misuse) => panic!("a corogen generator {misuse}"),
        }
    }
}

impl<Y, F: Future<Output = ()>> fmt::Debug for IntoIter<Y, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IntoIter").field(&self.generator).finish()
    }
}

impl<Y, F: Future<Output = ()>> FusedIterator for IntoIter<Y, F> {}
