use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The message of a caught panic, as both schedulers record it against the task
/// that panicked.
///
/// `panic!("boom")` and `panic!("{}", x)` carry a `&str` or a `String`; any
/// other payload (from `std::panic::panic_any`) has no text to show.
///
/// ```
/// let caught = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
/// assert_eq!(corotrace::panic_message(caught.as_ref()), "boom 1");
/// ```
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panicked with a value that is not a string".to_owned()
    }
}

/// [`panic_message`] for a payload the caller owns, which it then drops where a
/// panic cannot escape: a payload whose own `drop` panics (say
/// `std::panic::panic_any(v)` with such a `v`) would otherwise take the caller
/// down with it after the first panic was caught. That second panic's message is
/// added to the first.
///
/// ```
/// struct Loud;
/// impl Drop for Loud {
///     fn drop(&mut self) { panic!("dropped") }
/// }
/// let caught = std::panic::catch_unwind(|| std::panic::panic_any(Loud)).unwrap_err();
/// let message = corotrace::take_panic_message(caught);
/// assert!(message.ends_with("dropping the panic's value panicked too: dropped"), "{message}");
/// ```
pub fn take_panic_message(payload: Box<dyn Any + Send>) -> String {
    let mut message = panic_message(payload.as_ref());
    let mut payload = payload;
    // Each drop may panic with a payload of its own; a few rounds end any chain
    // that is not built to go on for ever.
    for _ in 0..4 {
        match catch_unwind(AssertUnwindSafe(move || drop(payload))) {
            Ok(()) => return message,
            Err(next) => {
                message.push_str("; dropping the panic's value panicked too: ");
                message.push_str(&panic_message(next.as_ref()));
                payload = next;
            }
        }
    }
    // One that is: leaking its last payload is the one way to stop.
    std::mem::forget(payload);
    message
}
