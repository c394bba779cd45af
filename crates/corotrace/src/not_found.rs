use std::fmt;

/// No item satisfied the predicate: the notebook's `ValueError("Not found")`,
/// raised by the searches of both crates.
///
/// ```
/// assert_eq!(corotrace::NotFound.to_string(), "Not found");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NotFound;

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Not found")
    }
}

impl std::error::Error for NotFound {}
