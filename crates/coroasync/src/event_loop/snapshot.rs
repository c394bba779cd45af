//! [`EventLoop::snapshot`]: the loop's state as plain data (see `snapshot.rs`).

use super::EventLoop;
use crate::snapshot::LoopSnapshot;
#[cfg(doc)]
use crate::snapshot::TaskState;

impl EventLoop {
    /// The ready queue in order, the timers still set, every unfinished task with
    /// where it is and what it waits on, and the clock. It reads the loop and
    /// changes nothing: it costs nothing until it is called, and then one pass
    /// over the queue, the timers and the tasks.
    ///
    /// It may be called between ticks, and from inside a task or a callback (the
    /// task calling is then [`TaskState::Running`]). It is `None` only when the
    /// loop is in the middle of rearranging its own state: from a destructor the
    /// loop runs then (a foreign waker's drop), never from a task or between
    /// ticks.
    ///
    /// A game's debug overlay draws it each frame:
    ///
    /// ```
    /// use std::time::Duration;
    /// use coroasync::{Event, EventLoop, ReadyEntry, TaskState, sleep};
    ///
    /// let lp = EventLoop::with_virtual_clock();
    /// let door = Event::new();
    /// let opened = door.clone();
    /// let guard = lp.spawn_named("guard", async { sleep(Duration::from_secs(2)).await });
    /// let player = lp.spawn_named("player", async move { opened.wait().await });
    ///
    /// let before = lp.snapshot().unwrap();
    /// assert!(matches!(&before.ready[..], [
    ///     ReadyEntry::Step { task: g, .. },
    ///     ReadyEntry::Step { task: p, .. },
    /// ] if *g == guard.id() && *p == player.id()));
    ///
    /// lp.tick().unwrap();
    /// let overlay = lp.snapshot().unwrap();
    /// assert!(overlay.ready.is_empty());
    /// assert_eq!(overlay.timers[0].deadline, Duration::from_secs(2));
    /// assert_eq!(overlay.timers[0].task, Some(guard.id()));
    /// let lines: Vec<String> = overlay
    ///     .tasks
    ///     .iter()
    ///     .map(|task| match &task.state {
    ///         TaskState::Waiting { on } => format!("{} waits on {on}", task.name),
    ///         other => format!("{} is {other:?}", task.name),
    ///     })
    ///     .collect();
    /// assert_eq!(lines, ["guard waits on a timer", "player waits on Event.wait"]);
    /// # door.set();
    /// ```
    pub fn snapshot(&self) -> Option<LoopSnapshot> {
        self.core.snapshot()
    }
}
