//! How an [`EventLoop`] prints: `Debug` for Rust, and `Display` beside asyncio's
//! loop repr.

use std::fmt;

use super::EventLoop;

impl fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventLoop")
            .field("running", &self.is_running())
            .field("now", &self.now())
            .field("virtual", &self.core.clock.is_virtual())
            .field("tasks", &self.core.all_cells().len())
            .finish()
    }
}

/// One line to set beside asyncio's loop repr
/// (`<_UnixSelectorEventLoop running=False closed=False debug=False>`), in its
/// spelling: whether the loop runs, whether it is closed, and its clock in place
/// of asyncio's debug mode. A loop is closed by dropping it (or by
/// [`EventLoop::run`], which consumes it), so a loop that can be printed is never
/// closed; the field is there to be compared.
///
/// ```
/// use coroasync::EventLoop;
///
/// let lp = EventLoop::with_virtual_clock();
/// assert_eq!(lp.to_string(), "<EventLoop running=False closed=False clock=virtual>");
/// ```
impl fmt::Display for EventLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let python = |yes: bool| if yes { "True" } else { "False" };
        let clock = if self.core.clock.is_virtual() {
            "virtual"
        } else {
            "real"
        };
        write!(
            f,
            "<EventLoop running={} closed=False clock={clock}>",
            python(self.is_running())
        )
    }
}
