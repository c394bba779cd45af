//! The notes' programs, used by the lessons: the `fib` generator, the blocking
//! and cooperative searches, the busy-waiting `async_sleep`, the prime checker
//! and the repeating message, each as the notebook writes it.
//!
//! None of them is part of the scheduler: they are what the lessons run on it,
//! and a program of your own needs only the crate's root. They also show the
//! two shapes a routine takes here: a function returning a [`Gen`](crate::Gen)
//! (a task to [`add`](crate::Scheduler::add)), and an `async fn` lent the
//! generator's [`Co`](crate::Co) (a helper to `.await`, Python's `yield from`;
//! see [`async_sleep`]).
//!
//! ```
//! use corogen::notebook::{async_search, fib};
//! use corogen::Scheduler;
//!
//! let mut scheduler = Scheduler::new();
//! let id = scheduler.add(async_search(Default::default(), fib(), |&x| x > 100));
//! scheduler.run_to_completion();
//! assert_eq!(scheduler.result(id), Some(&123));
//! ```

pub use crate::fib::fib;
pub use crate::primes::{async_is_prime, async_print_matches};
pub use crate::search::{async_search, search};
pub use crate::sleep::{
    async_repetitive_message, async_repetitive_message_n, async_sleep, async_sleep_yielding,
};
