//! Catching a panic so that nothing about it can unwind further: not the panic
//! itself, and not its payload's destructor.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use corotrace::panic_message;

/// Runs `f`; a panic comes back as its [`Panic`], to be turned into its message
/// off the hot path.
#[inline]
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    catch_unwind(AssertUnwindSafe(f)).map_err(Panic)
}

/// A caught panic's payload.
pub(crate) struct Panic(Box<dyn Any + Send>);

impl Panic {
    /// The panic's message. The payload is dropped here, under `catch_unwind`
    /// too: a payload whose own `drop` panics (`panic_any(PanicsOnDrop)`) would
    /// otherwise unwind out of the loop after the panic had been caught.
    #[cold]
    pub(crate) fn into_message(self) -> String {
        let message = panic_message(self.0.as_ref());
        dispose(self.0);
        message
    }
}

/// Drops a panic's payload without letting its destructor unwind.
fn dispose(payload: Box<dyn Any + Send>) {
    if let Err(second) = catch_unwind(AssertUnwindSafe(|| drop(payload))) {
        // The destructor panicked in turn. Strings, the usual payloads, drop
        // without panicking; anything else is leaked rather than risk a third.
        if second.is::<String>() || second.is::<&str>() {
            drop(second);
        } else {
            std::mem::forget(second);
        }
    }
}
