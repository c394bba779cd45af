use std::fmt;

/// Names one task of one scheduler.
///
/// Ids count from 0 in each scheduler, in the order tasks are added, and are never
/// reused: a finished task's id keeps naming it, so its result or failure can still
/// be asked for.
///
/// ```
/// use corotrace::TaskId;
///
/// let id = TaskId::new(3);
/// assert_eq!(id.get(), 3);
/// assert_eq!(id.to_string(), "3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct TaskId(u64);

impl TaskId {
    /// The id with this number.
    pub const fn new(number: u64) -> Self {
        Self(number)
    }

    /// This id's number.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The id after this one: schedulers hand ids out with it.
    pub const fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
