use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use crate::{Co, Gen};
use corotrace::Trace;

use crate::Clock;

/// Yields until `interval` has passed on `clock`: the notebook's busy-waiting
/// `async_sleep`, which never blocks the thread.
///
/// # `yield from` is `.await` on a helper that takes `&Co`
///
/// In Python, `yield from async_sleep(2)` runs a sub-generator inside the caller:
/// each of its `yield`s goes straight out to whoever drives the caller, and its
/// `return` value comes back as the value of the `yield from`. In Rust the caller
/// owns the generator's [`Co`] handle, and lends it to the helper: the helper's
/// `co.yield_(())` suspends the whole generator, and `.await` on the helper is
/// the `yield from`. The helper is an `async fn`, not a generator of its own,
/// which is also why it costs no allocation.
///
/// Like the notebook, it yields at least once and wakes when the clock reads
/// strictly later than the deadline, so `async_sleep(co, clock, ZERO)` is one
/// yield on a clock that moves. The deadline saturates: `Duration::MAX` sleeps
/// for ever, rather than fail with an overflow.
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::async_sleep;
/// use corogen::VirtualClock;
/// use corogen::{Gen, GeneratorState};
///
/// let clock = VirtualClock::ticking(Duration::from_secs(1));
/// let mut g = Gen::new(|co| async move {
///     async_sleep(&co, &clock, Duration::from_secs(3)).await; // yield from
///     "awake"
/// });
/// let mut yields = 0;
/// while let GeneratorState::Yielded(()) = g.resume() {
///     yields += 1;
/// }
/// assert_eq!(yields, 4);
/// ```
pub async fn async_sleep<S>(co: &Co<(), S>, clock: &impl Clock, interval: Duration) {
    // The notebook's loop as it reads there; `async_sleep_yielding` is the same
    // loop for routines of any yield type.
    let expiry = clock.now().saturating_add(interval);
    loop {
        co.yield_(()).await;
        if clock.now() > expiry {
            break;
        }
    }
}

/// [`async_sleep`] for a routine that yields values: each pause while it sleeps
/// hands out what `waiting` makes (a game entity's position, say), so a routine
/// of any yield type can sleep. What is sent in while it sleeps is dropped.
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::async_sleep_yielding;
/// use corogen::{Gen, GeneratorState, VirtualClock};
///
/// let clock = VirtualClock::ticking(Duration::from_secs(1));
/// let mut bird = Gen::new(|co| async move {
///     let x = 3;
///     // Perched for 2 s: still at 3 on every frame meanwhile.
///     async_sleep_yielding(&co, &clock, Duration::from_secs(2), || x).await;
///     co.yield_(x + 1).await;
/// });
/// let mut positions = Vec::new();
/// while let GeneratorState::Yielded(x) = bird.resume() {
///     positions.push(x);
/// }
/// assert_eq!(positions, [3, 3, 3, 4]);
/// ```
pub async fn async_sleep_yielding<Y, S>(
    co: &Co<Y, S>,
    clock: &impl Clock,
    interval: Duration,
    mut waiting: impl FnMut() -> Y,
) {
    let expiry = clock.now().saturating_add(interval);
    loop {
        co.yield_(waiting()).await;
        if clock.now() > expiry {
            break;
        }
    }
}

/// Prints `msg`, sleeps `interval`, and again, forever: the notebook's
/// `async_repetitive_message`.
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::async_repetitive_message;
/// use corogen::{Scheduler, Trace, VirtualClock};
///
/// let trace = Trace::capture();
/// let clock = VirtualClock::ticking(Duration::from_secs(1));
/// let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
/// sched.add(async_repetitive_message(trace.clone(), clock, "tick", Duration::from_secs(2)));
/// sched.run_steps(7);
/// let ticks = trace.text().lines().filter(|l| *l == "tick").count();
/// assert_eq!(ticks, 3);
/// ```
pub fn async_repetitive_message(
    trace: Trace,
    clock: impl Clock,
    msg: impl std::fmt::Display,
    interval: Duration,
) -> Gen<(), (), impl Future<Output = Result<(), Infallible>>> {
    Gen::new(move |co| async move {
        loop {
            trace.print(format_args!("{msg}"));
            async_sleep(&co, &clock, interval).await;
        }
    })
}

/// Prints `msg` `times` times, sleeping `interval` after each, then returns: the
/// bounded [`async_repetitive_message`], for a program that wants it to end (the
/// sleep after the last message is kept, so each message takes one interval, as
/// in the endless one). `times` of zero returns at its first resume.
///
/// ```
/// use std::time::Duration;
/// use corogen::notebook::async_repetitive_message_n;
/// use corogen::{Scheduler, Trace, VirtualClock};
///
/// let trace = Trace::capture();
/// let clock = VirtualClock::ticking(Duration::from_secs(1));
/// let mut sched: Scheduler<()> = Scheduler::with_trace(trace.clone());
/// sched.add(async_repetitive_message_n(trace.clone(), clock, "tick", Duration::from_secs(2), 2));
/// sched.run_to_completion();
/// assert!(sched.is_idle());
/// assert_eq!(trace.text().lines().filter(|l| *l == "tick").count(), 2);
/// ```
pub fn async_repetitive_message_n(
    trace: Trace,
    clock: impl Clock,
    msg: impl std::fmt::Display,
    interval: Duration,
    times: usize,
) -> Gen<(), (), impl Future<Output = Result<(), Infallible>>> {
    Gen::new(move |co| async move {
        for _ in 0..times {
            trace.print(format_args!("{msg}"));
            async_sleep(&co, &clock, interval).await;
        }
        Ok(())
    })
}
