//! What happens to a task that has ended: it is dropped where a panicking
//! destructor cannot escape, and its value is described where a panicking
//! `Debug` cannot either.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use corotrace::{Event, py_str_if_known, take_panic_message};

use crate::{Resumed, Scheduler, Task};

/// Drops a task that has ended, where a destructor that panics (a value its
/// routine held, or a hand-written routine's own) cannot escape: such a panic
/// turns the task's outcome into a failure that names it, as an exception raised
/// while a Python generator cleans up replaces its return value.
#[cold]
pub(crate) fn retire<T: fmt::Debug + 'static, S, Y>(
    task: Task<T, S, Y>,
    ended: Result<Resumed<Y, T>, String>,
    render: Option<Render<T>>,
) -> Result<Resumed<Y, T>, String> {
    let Some(panic) = drop_catching(task) else {
        return ended;
    };
    let cause = format!("a destructor panicked as the task was dropped: {panic}");
    Err(match ended {
        Ok(Resumed::Returned(Ok(value))) => {
            let mut message = format!("completed with {}, but {cause}", describe(&value, render));
            if let Some(panic) = drop_catching(value) {
                message.push_str(&format!("; dropping the value panicked too: {panic}"));
            }
            message
        }
        Ok(Resumed::Returned(Err(message))) | Err(message) => format!("{message}; {cause}"),
        Ok(Resumed::Yielded(_)) => cause,
    })
}

/// Drops `value`, and returns the message of the panic its destructor raised, if
/// it raised one.
pub(crate) fn drop_catching<V>(value: V) -> Option<String> {
    catch_unwind(AssertUnwindSafe(move || drop(value)))
        .err()
        .map(take_panic_message)
}

/// How a scheduler's trace writes a completed value, when its owner chose.
pub(crate) type Render<T> = fn(&T) -> String;

/// `value` as the trace shows it: by `render` if there is one, else as Python's
/// `str()` for the types corotrace knows, else by its `Debug`. A rendering that
/// panics is described, not allowed to take the scheduler down.
pub(crate) fn describe<T: fmt::Debug + 'static>(value: &T, render: Option<Render<T>>) -> String {
    let (what, rendered) = match render {
        Some(render) => (
            "rendering",
            catch_unwind(AssertUnwindSafe(|| render(value))),
        ),
        None => (
            "Debug",
            catch_unwind(AssertUnwindSafe(|| {
                py_str_if_known(value).unwrap_or_else(|| format!("{value:?}"))
            })),
        ),
    };
    rendered.unwrap_or_else(|panic| format!("<{what} panicked: {}>", take_panic_message(panic)))
}

/// The tasks still runnable are dropped with their scheduler (Python closes a
/// generator it collects); a destructor that panics then is recorded in the trace
/// as that task's failure, and the other tasks are still dropped.
impl<T, S, Y> Drop for Scheduler<T, S, Y> {
    fn drop(&mut self) {
        for task in std::mem::take(&mut self.runnable) {
            let id = task.id();
            if let Some(panic) = drop_catching(task) {
                self.trace.record(|| Event::Failed {
                    task: id.trace_id(),
                    message: format!(
                        "dropped with its scheduler, and a destructor panicked: {panic}"
                    ),
                });
            }
        }
    }
}
