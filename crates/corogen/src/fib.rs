use std::iter::FusedIterator;

use crate::Gen;

/// The notebook's sequence 2, 1, 3, 4, 7, 11, 18, … (the Lucas numbers), as a
/// generator.
///
/// Python's `fib()` returns a generator object and `next(f)` runs it to its next
/// `yield`. Here the generator is a [`Gen`], handed out as an [`Iterator`]:
/// `f.next()` is `next(f)`, and nothing runs until it is called.
///
/// Python's integers never overflow; `u64` does. Rather than wrap around silently,
/// the sequence ends after its last term that fits in a `u64` (the 93rd,
/// 16,860,207,025,497,407,047). After that, like a spent Python generator, it
/// keeps returning `None`: it is a [`FusedIterator`].
///
/// ```
/// use corogen::notebook::fib;
///
/// let first: Vec<u64> = fib().take(6).collect();
/// assert_eq!(first, [2, 1, 3, 4, 7, 11]);
/// assert_eq!(fib().count(), 93);
/// assert_eq!(fib().last(), Some(16_860_207_025_497_407_047));
///
/// let mut spent = fib().skip(93);
/// assert_eq!((spent.next(), spent.next()), (None, None));
/// ```
pub fn fib() -> impl FusedIterator<Item = u64> {
    Gen::new(|co| async move {
        let (mut a, mut b): (u64, u64) = (2, 1);
        co.yield_(a).await;
        loop {
            co.yield_(b).await;
            let Some(next) = a.checked_add(b) else {
                return;
            };
            (a, b) = (b, next);
        }
    })
    .into_iter()
}
