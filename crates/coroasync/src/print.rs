//! `say!`: Python's `print` inside a task.

use std::fmt;

use crate::context;

/// Prints a line from inside a task, as Python's `print` does, through the
/// running loop's trace: to standard output by default, into a captured trace in
/// tests, nowhere when the trace is off.
///
/// Inside work handed to [`to_thread`](crate::to_thread), the lines are kept and
/// reach the trace, in order, when the work is done and its task resumes, so a
/// virtual-clock run prints them in the same place every time. Anywhere else it
/// prints to standard output: a host program that drives a loop with
/// [`tick`](crate::EventLoop::tick) or [`run_for`](crate::EventLoop::run_for)
/// and wants its own lines in that loop's trace, between the tasks' lines, calls
/// `event_loop.trace().print(format_args!(…))` between passes (the line is the
/// host's, attributed to no task).
///
/// ```
/// use coroasync::{say, EventLoop, Trace};
///
/// let trace = Trace::capture();
/// let lp = EventLoop::new().with_trace(trace.clone());
/// lp.run_until_complete(async { say!("hello {}", "world") }).unwrap();
/// assert_eq!(trace.output(), "hello world\n");
/// ```
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::__private::print(::std::format_args!($($arg)*))
    };
}

/// The function behind [`say!`]: the macro's, not part of the API.
pub fn print(line: fmt::Arguments<'_>) {
    let printed = context::with_running(|core| core.map(|core| core.print(line)).is_some());
    if !printed && !crate::blocking::keep_worker_line(line) {
        println!("{line}");
    }
}
