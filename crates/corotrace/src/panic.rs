use std::any::Any;

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
