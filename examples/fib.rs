//! The notebook's `fib()` generator: `next(f)`, then the first 20 terms.
//!
//! Python:
//! ```python
//! f = fib()
//! next(f)                      # 2
//! list(islice(fib(), 20))      # [2, 1, 3, 4, 7, ...]
//! ```

use corogen::fib;

fn main() {
    let mut f = fib();
    // Nothing has run yet: calling fib() only built the generator.
    println!("{}", f.next().expect("fib starts with 2"));
    let first_twenty: Vec<u64> = fib().take(20).collect();
    println!("{first_twenty:?}");
}
