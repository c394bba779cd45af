//! Cancel scopes: asyncio 3.11's `asyncio.timeout()` and trio's `move_on_after`
//! and `fail_after`, a region of code cancelled at a deadline or on demand.

use std::cell::RefCell;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::error::Elapsed;
use crate::time::{Sleep, now, sleep};

/// A region of code that is cancelled when its deadline passes or when
/// [`cancel`](CancelScope::cancel) is called, and that remembers whether it was:
/// asyncio 3.11's `asyncio.timeout()` context manager, trio's `CancelScope`.
///
/// [`run`](CancelScope::run) runs a future in the scope: `Some(output)` when it
/// finishes, `None` when the scope cut it short (dropped it, which is how a
/// future is cancelled). The handle is cheap to clone, so the code inside can
/// move its own deadline, as asyncio's `cm.reschedule()` does.
///
/// | asyncio 3.11 | trio | here |
/// |---|---|---|
/// | `async with asyncio.timeout(d) as cm:` | `with trio.move_on_after(d) as cs:` | `CancelScope::after(d)`, then `.run(body)` |
/// | `asyncio.timeout_at(when)` | `trio.move_on_at(when)` | `CancelScope::at(Some(when))` |
/// | `cm.when()` | `cs.deadline` | [`deadline`](CancelScope::deadline) |
/// | `cm.reschedule(when)` | `cs.deadline = when` | [`reschedule`](CancelScope::reschedule) |
/// | `cm.expired()` | `cs.cancelled_caught` | [`expired`](CancelScope::expired) |
/// | (none) | `cs.cancel()` | [`cancel`](CancelScope::cancel) |
///
/// Deadlines are times on the loop's clock, as [`now`] reads it (asyncio's
/// `loop.time()`); `None` is none. The body runs at least to its first `.await`
/// that waits, even when the deadline has passed already: asyncio's timeout
/// cancels at the loop's next step, trio at the body's first checkpoint. After
/// that, a deadline (or a [`cancel`](CancelScope::cancel)) that comes in the
/// step the body is woken wins over the body, as in asyncio, whose `cancel()`
/// reaches a task whose wake-up is already queued; tokio's
/// [`timeout`](crate::timeout) lets the future win instead. A deadline too far to
/// reach (`now() + Duration::MAX`) is no deadline.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{now, sleep, CancelScope, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// lp.run_until_complete(async {
///     let scope = CancelScope::after(Duration::from_secs(1));
///     let finished = scope
///         .run(async {
///             sleep(Duration::from_millis(600)).await;
///             // More time, from inside: asyncio's `cm.reschedule(...)`.
///             scope.reschedule(Some(now() + Duration::from_secs(1)));
///             sleep(Duration::from_millis(600)).await;
///             sleep(Duration::from_secs(5)).await;
///         })
///         .await;
///     assert_eq!(finished, None);
///     assert!(scope.expired());
///     assert_eq!(now(), Duration::from_millis(1600));
/// })
/// .unwrap();
/// ```
#[derive(Clone, Default)]
pub struct CancelScope {
    state: Rc<RefCell<State>>,
}

#[derive(Default)]
struct State {
    deadline: Option<Duration>,
    /// A delay not yet turned into a deadline: the scope was made outside a
    /// running loop.
    delay: Option<Duration>,
    /// Bumped by every reschedule, so that a running body sets its timer again.
    generation: u64,
    cancel_called: bool,
    expired: bool,
    /// The bodies waiting in this scope, by their id, with the waker to wake on
    /// `cancel` or `reschedule`; each leaves when it finishes or is dropped, so a
    /// long-lived scope keeps nothing of the bodies it ran.
    wakers: Vec<(u64, Waker)>,
    /// The id of the next body.
    next_body: u64,
}

impl CancelScope {
    /// A scope with no deadline, cancelled only by [`cancel`](CancelScope::cancel)
    /// (or a [`reschedule`](CancelScope::reschedule)): `asyncio.timeout(None)`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope whose deadline is `delay` from now: `asyncio.timeout(delay)`,
    /// trio's `move_on_after(delay)`. Made outside a running loop (there is no
    /// clock to read), the delay counts from the first poll of a body instead.
    pub fn after(delay: Duration) -> Self {
        if crate::context::running().is_none() {
            let scope = Self::new();
            scope.state.borrow_mut().delay = Some(delay);
            return scope;
        }
        Self::at(now().checked_add(delay))
    }

    /// A scope whose deadline is `when` on the loop's clock, or none:
    /// `asyncio.timeout_at(when)`.
    pub fn at(when: Option<Duration>) -> Self {
        let scope = Self::new();
        scope.state.borrow_mut().deadline = when;
        scope
    }

    /// The deadline, on the loop's clock: asyncio's `cm.when()`. (`None` too for
    /// a scope made outside a loop whose body has not started.)
    pub fn deadline(&self) -> Option<Duration> {
        self.state.borrow().deadline
    }

    /// Moves the deadline to `when` (`None`: no deadline), from inside the body
    /// or outside it: asyncio's `cm.reschedule(when)`. A time already past cuts
    /// the body short at its next wait.
    pub fn reschedule(&self, when: Option<Duration>) {
        let mut state = self.state.borrow_mut();
        state.deadline = when;
        state.delay = None;
        state.generation += 1;
        wake_all(state);
    }

    /// Cancels the body now, whatever the deadline: trio's `cs.cancel()`. It stops
    /// at its next wait (or at once, when it is waiting already).
    pub fn cancel(&self) {
        let mut state = self.state.borrow_mut();
        state.cancel_called = true;
        wake_all(state);
    }

    /// Whether [`cancel`](CancelScope::cancel) was called.
    pub fn cancel_called(&self) -> bool {
        self.state.borrow().cancel_called
    }

    /// Whether the scope cut a body short: asyncio's `cm.expired()`, trio's
    /// `cs.cancelled_caught`.
    pub fn expired(&self) -> bool {
        self.state.borrow().expired
    }

    /// Runs `body` in the scope: `Some(output)`, or `None` if the scope cancelled
    /// it first. Dropping the returned future drops the body, as any future's.
    pub fn run<F: IntoFuture>(&self, body: F) -> Scoped<F::IntoFuture> {
        let id = {
            let mut state = self.state.borrow_mut();
            state.next_body += 1;
            state.next_body
        };
        Scoped {
            id,
            scope: self.clone(),
            body: Some(Box::pin(body.into_future())),
            timer: None,
            started: false,
        }
    }
}

fn wake_all(mut state: std::cell::RefMut<'_, State>) {
    let wakers = std::mem::take(&mut state.wakers);
    // Woken with the borrow let go: a waker may run code that looks at the scope.
    drop(state);
    for (_, waker) in wakers {
        waker.wake();
    }
}

impl fmt::Debug for CancelScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        f.debug_struct("CancelScope")
            .field("deadline", &state.deadline)
            .field("cancel_called", &state.cancel_called)
            .field("expired", &state.expired)
            .finish()
    }
}

/// The future of [`CancelScope::run`]: `Some(output)`, or `None` when cut short.
#[must_use = "futures do nothing unless awaited"]
pub struct Scoped<F> {
    /// Which of the scope's bodies this is.
    id: u64,
    scope: CancelScope,
    /// Boxed so it can be pinned in safe code; `None` once finished or dropped.
    body: Option<Pin<Box<F>>>,
    /// The timer for the deadline of the given generation.
    timer: Option<(u64, Sleep)>,
    /// Whether the body has been polled.
    started: bool,
}

impl<F> Unpin for Scoped<F> {}

impl<F: Future> Future for Scoped<F> {
    type Output = Option<F::Output>;

    /// # Panics
    ///
    /// When polled again after it returned its result, or, with a deadline,
    /// outside a running event loop.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Once the body has started, the scope looks first: a deadline that came
        // in the step the body was woken wins, as asyncio's `cancel()` reaches a
        // task whose wake-up is queued.
        if this.started && this.cut_due(cx) {
            return Poll::Ready(this.cut());
        }
        this.started = true;
        let body = this
            .body
            .as_mut()
            .expect("coroasync::Scoped polled after it returned its result");
        if let Poll::Ready(output) = body.as_mut().poll(cx) {
            this.body = None;
            this.timer = None;
            return Poll::Ready(Some(output));
        }
        // Again after the step: the body may have cancelled its own scope or moved
        // its deadline, and the first step sets the timer.
        if this.cut_due(cx) {
            return Poll::Ready(this.cut());
        }
        let mut state = this.scope.state.borrow_mut();
        match state.wakers.iter_mut().find(|(id, _)| *id == this.id) {
            Some((_, waker)) => waker.clone_from(cx.waker()),
            None => state.wakers.push((this.id, cx.waker().clone())),
        }
        Poll::Pending
    }
}

impl<F> Scoped<F> {
    /// Whether the scope is cancelled or its deadline has come.
    fn cut_due(&mut self, cx: &mut Context<'_>) -> bool {
        self.scope.cancel_called() || self.poll_deadline(cx)
    }

    /// Drops the body, cut short, and says so on the scope.
    fn cut(&mut self) -> Option<F::Output>
    where
        F: Future,
    {
        self.body = None;
        self.timer = None;
        self.scope.state.borrow_mut().expired = true;
        None
    }

    /// Whether the deadline has come, setting a timer for it when it has not.
    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> bool {
        let (deadline, generation) = {
            let mut state = self.scope.state.borrow_mut();
            if let Some(delay) = state.delay.take() {
                state.deadline = now().checked_add(delay);
            }
            (state.deadline, state.generation)
        };
        let Some(deadline) = deadline else {
            self.timer = None;
            return false;
        };
        if !matches!(&self.timer, Some((set_for, _)) if *set_for == generation) {
            let left = deadline.saturating_sub(now());
            self.timer = Some((generation, sleep(left)));
        }
        let (_, timer) = self.timer.as_mut().expect("set just above");
        Pin::new(timer).poll(cx).is_ready()
    }
}

impl<F> Drop for Scoped<F> {
    fn drop(&mut self) {
        // Finished, cut short or dropped: this body waits no more.
        let id = self.id;
        self.scope
            .state
            .borrow_mut()
            .wakers
            .retain(|(body, _)| *body != id);
    }
}

impl<F> fmt::Debug for Scoped<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scoped")
            .field("scope", &self.scope)
            .field("running", &self.body.is_some())
            .finish()
    }
}

/// Runs `body` for at most `delay`: `Some(output)`, or `None` when the time ran
/// out and it was dropped: trio's `move_on_after`, asyncio's `async with
/// asyncio.timeout(delay)` with the `TimeoutError` caught. For the scope's handle
/// (to move the deadline, or to cancel on demand), use [`CancelScope`].
///
/// ```
/// use std::time::Duration;
/// use coroasync::{move_on_after, sleep, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let late = lp.run_until_complete(move_on_after(Duration::from_secs(1), async {
///     sleep(Duration::from_secs(2)).await;
///     "too late"
/// }));
/// assert_eq!(late, Ok(None));
/// ```
pub fn move_on_after<F: IntoFuture>(delay: Duration, body: F) -> Scoped<F::IntoFuture> {
    CancelScope::after(delay).run(body)
}

/// Runs `body` for at most `delay`: its output, or `Err(Elapsed)` when the time
/// ran out and it was dropped: asyncio's `async with asyncio.timeout(delay):`,
/// which raises `TimeoutError` out of the block, and trio's `fail_after`. Unlike
/// [`timeout`](crate::timeout), the deadline is taken when `fail_after` is
/// called, as asyncio and trio take it, not at the first poll, and it wins a tie
/// with the body, as asyncio's does (see [`CancelScope`]).
///
/// # Errors
///
/// [`Elapsed`] when the deadline passed before `body` finished.
///
/// ```
/// use std::time::Duration;
/// use coroasync::{fail_after, sleep, Elapsed, EventLoop};
///
/// let lp = EventLoop::with_virtual_clock();
/// let quick = lp.run_until_complete(fail_after(Duration::from_secs(2), async {
///     sleep(Duration::from_secs(1)).await;
///     "in time"
/// }));
/// assert_eq!(quick, Ok(Ok("in time")));
/// let late = lp.run_until_complete(fail_after(Duration::from_secs(1), sleep(Duration::from_secs(2))));
/// assert_eq!(late, Ok(Err(Elapsed)));
/// ```
pub fn fail_after<F: IntoFuture>(delay: Duration, body: F) -> FailAfter<F::IntoFuture> {
    FailAfter(move_on_after(delay, body))
}

/// The future of [`fail_after`]: the body's output, or [`Elapsed`].
#[must_use = "futures do nothing unless awaited"]
#[derive(Debug)]
pub struct FailAfter<F>(Scoped<F>);

impl<F: Future> Future for FailAfter<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|output| output.ok_or(Elapsed))
    }
}
