//! `race` and `race!`: the first of several futures to finish, the others dropped
//! (cancelled), as `asyncio.wait(..., return_when=FIRST_COMPLETED)` followed by
//! cancelling the pending ones.

use std::convert::Infallible;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Runs `futures` together and returns the first to finish, with its index in
/// the order given; the others are dropped (cancelled) at once. `None` when given
/// no future at all (asyncio's `wait` raises `ValueError` there).
///
/// Two forms, not a `select!` with arms: a function, [`race`](fn@race), for any
/// number of futures of one type, which hands back the winner's index; and a
/// macro, [`race!`](crate::race!), for up to six futures of different types,
/// which hands back a [`First`] whose variant names the winner (`First::A` for
/// the first listed). Both are ordinary expressions to `.await` and `match`:
/// what to do with the winner is written after, in plain code that may `.await`
/// again, with no arm syntax to learn (tokio's `select!` has its own grammar of
/// patterns, preconditions and `else`).
///
/// The futures run inside the task that awaits the race, one after the other in
/// each of its steps, as tokio's `select!` runs them; nothing is spawned, so they
/// may borrow. Asyncio's tasks would run as tasks of their own. A [`Task`](crate::Task)
/// can be raced too (it is `IntoFuture`), but losing drops only its handle, which
/// leaves the task running, as dropping a `Task` always does: cancel it yourself.
///
/// **Ties**: every future is polled, in the order listed, each time the race is
/// woken, and the first one found ready wins; two that become ready in the same
/// step are won by the one listed first (tokio's `biased;`). Asyncio's `wait`
/// returns both as done, in a set.
///
/// **Clean-up**: the losers are dropped as the race returns, in the order listed,
/// before the code after `.await` runs: their guards and `Drop`s run in that same
/// step. Asyncio's `cancel()` only asks: each loser's `except CancelledError` or
/// `finally` runs at its own next step, after the caller has reached its next
/// `await` (a program that awaits the cancelled tasks, as the `race` lesson does,
/// prints its lines in the same order as the race).
///
/// ```
/// use std::time::Duration;
/// use coroasync::{race, sleep, EventLoop};
///
/// async fn after(secs: u64) -> u64 {
///     sleep(Duration::from_secs(secs)).await;
///     secs
/// }
///
/// let lp = EventLoop::with_virtual_clock();
/// let first = lp.run_until_complete(race([after(3), after(1), after(2)]));
/// assert_eq!(first, Ok(Some((1, 1))));
/// assert_eq!(lp.now(), Duration::from_secs(1)); // the others were dropped at 1 s
/// ```
#[doc(alias = "select")]
pub fn race<F: IntoFuture>(futures: impl IntoIterator<Item = F>) -> Race<F::IntoFuture> {
    Race {
        futures: futures
            .into_iter()
            .map(|future| Box::pin(future.into_future()))
            .collect(),
    }
}

/// The future of [`race`](fn@race).
#[must_use = "futures do nothing unless awaited"]
pub struct Race<F> {
    /// Boxed so that the race can pin them in safe code; emptied once it is won.
    futures: Vec<Pin<Box<F>>>,
}

impl<F: Future> Future for Race<F> {
    type Output = Option<(usize, F::Output)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.futures.is_empty() {
            return Poll::Ready(None);
        }
        for (index, future) in self.futures.iter_mut().enumerate() {
            if let Poll::Ready(output) = future.as_mut().poll(cx) {
                // Dropping the vector drops the losers in the order listed.
                self.futures = Vec::new();
                return Poll::Ready(Some((index, output)));
            }
        }
        Poll::Pending
    }
}

impl<F> fmt::Debug for Race<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Race")
            .field("running", &self.futures.len())
            .finish()
    }
}

/// Which future won a [`race!`](crate::race!): `A` for the first listed, `B`
/// for the second, and so on, each with that future's output. The variants past
/// the number raced hold [`Infallible`], so a `match` leaves them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First<A, B, C = Infallible, D = Infallible, E = Infallible, G = Infallible> {
    /// The first future listed finished first.
    A(A),
    /// The second.
    B(B),
    /// The third.
    C(C),
    /// The fourth.
    D(D),
    /// The fifth.
    E(E),
    /// The sixth.
    F(G),
}

/// A tuple of pinned futures that [`race!`](crate::race!) runs; implemented for
/// two to six.
pub trait RaceTuple {
    /// The [`First`] it returns.
    type Output;
    /// Polls each in order; the first ready one's output.
    fn poll_first(&mut self, cx: &mut Context<'_>) -> Poll<Self::Output>;
}

macro_rules! race_tuples {
    ($( ($($T:ident $i:tt $V:ident),+) )+) => {$(
        impl<$($T: Future),+> RaceTuple for ($(Pin<Box<$T>>,)+) {
            type Output = First<$($T::Output),+>;

            fn poll_first(&mut self, cx: &mut Context<'_>) -> Poll<Self::Output> {
                $(
                    if let Poll::Ready(output) = self.$i.as_mut().poll(cx) {
                        return Poll::Ready(First::$V(output));
                    }
                )+
                Poll::Pending
            }
        }
    )+};
}

race_tuples! {
    (A 0 A, B 1 B)
    (A 0 A, B 1 B, C 2 C)
    (A 0 A, B 1 B, C 2 C, D 3 D)
    (A 0 A, B 1 B, C 2 C, D 3 D, E 4 E)
    (A 0 A, B 1 B, C 2 C, D 3 D, E 4 E, G 5 F)
}

/// The future of [`race!`](crate::race!).
#[must_use = "futures do nothing unless awaited"]
pub struct RaceAll<T> {
    /// `None` once won: the losers were dropped.
    futures: Option<T>,
}

/// What [`race!`](crate::race!) expands to.
pub fn race_tuple<T: RaceTuple>(futures: T) -> RaceAll<T> {
    RaceAll {
        futures: Some(futures),
    }
}

impl<T: RaceTuple> Unpin for RaceAll<T> {}

impl<T: RaceTuple> Future for RaceAll<T> {
    type Output = T::Output;

    /// # Panics
    ///
    /// When polled again after it returned its result.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T::Output> {
        let futures = self
            .futures
            .as_mut()
            .expect("coroasync::race! polled after it returned its result");
        let first = futures.poll_first(cx);
        if first.is_ready() {
            // A tuple drops its fields in order: the losers go in the order listed.
            self.futures = None;
        }
        first
    }
}

impl<T> fmt::Debug for RaceAll<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RaceAll")
            .field("running", &self.futures.is_some())
            .finish()
    }
}

/// Runs two to six futures of any types together and returns the first to
/// finish as a [`First`]; the others are dropped (cancelled) at once, in the
/// order listed. The first listed wins a tie. See [`race`](fn@crate::race)
/// for how it compares with asyncio's `wait(..., FIRST_COMPLETED)`.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{race, sleep, EventLoop, First, Queue};
///
/// let lp = EventLoop::with_virtual_clock();
/// let said = lp.run_until_complete(async {
///     let queue: Queue<&str> = Queue::new(0);
///     match race!(queue.get(), sleep(Duration::from_secs(1))).await {
///         First::A(item) => format!("got {item}"),
///         First::B(()) => "nothing came within a second".to_owned(),
///     }
/// });
/// assert_eq!(said.unwrap(), "nothing came within a second");
/// ```
#[macro_export]
macro_rules! race {
    ($($future:expr),+ $(,)?) => {
        $crate::__private::race_tuple((
            $(::std::boxed::Box::pin(::std::future::IntoFuture::into_future($future)),)+
        ))
    };
}
