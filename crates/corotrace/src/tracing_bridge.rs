//! The `tracing` feature: a trace's events handed on to `tracing`.

use std::collections::HashMap;

use tracing::{Level, Span, field};

use crate::{Event, TaskId, Trace};

/// The target every span and event is given, for a subscriber's filter
/// (`RUST_LOG=corolab=debug` with `tracing-subscriber`'s `EnvFilter`).
pub const TARGET: &str = "corolab";

impl Trace {
    /// This trace, with each event also given to `tracing`: a `task` span per
    /// task (fields `id`, and `name` once the task is named), and inside it an
    /// event for each step (`TRACE`), each wait (for a timer, or on anything, with
    /// what), each spawn and each wake-up, with the task that woke it (`DEBUG`), each line printed and each ending (`INFO`; a failure at
    /// `WARN`), all with the target [`TARGET`]. A clock move is an event of no
    /// span. It is a [subscriber](Trace::with_subscriber), so the trace's own
    /// echo and capture are as they were.
    ///
    /// ```
    /// use corotrace::{Echo, Trace};
    ///
    /// // Print what the program prints, and tell `tracing` the rest.
    /// let trace = Trace::new(Echo::Output, false).with_tracing();
    /// assert!(trace.is_on());
    /// ```
    #[must_use = "the trace that reports to `tracing` is the one returned"]
    pub fn with_tracing(self) -> Self {
        let mut spans = HashMap::new();
        self.with_subscriber(move |event| forward(&mut spans, event))
    }
}

/// Hands `event` to `tracing`, inside its task's span.
fn forward(spans: &mut HashMap<TaskId, Span>, event: &Event) {
    let span = |task: &TaskId| spans.get(task).cloned().unwrap_or_else(Span::none);
    match event {
        Event::Added { task } => {
            let span = tracing::span!(
                target: TARGET,
                Level::INFO,
                "task",
                id = task.get(),
                name = field::Empty
            );
            spans.insert(*task, span);
        }
        Event::Named { task, name } => {
            span(task).record("name", name.as_str());
        }
        Event::Running { task } => {
            tracing::trace!(target: TARGET, parent: &span(task), "step");
        }
        Event::Printed { task, line } => {
            let parent = task.as_ref().map_or_else(Span::none, span);
            tracing::info!(target: TARGET, parent: &parent, line = line.as_str(), "printed");
        }
        Event::Sleeping { task, until } => {
            tracing::debug!(target: TARGET, parent: &span(task), ?until, "sleeping");
        }
        Event::Woken { task } => {
            tracing::debug!(target: TARGET, parent: &span(task), "woken");
        }
        Event::Waiting { task, on } => {
            tracing::debug!(target: TARGET, parent: &span(task), on = on.as_str(), "waiting");
        }
        Event::Spawned { task, by } => {
            tracing::debug!(target: TARGET, parent: &span(task), task = by.get(), "spawned by");
        }
        Event::WokenBy { task, by } => {
            tracing::debug!(target: TARGET, parent: &span(task), cause = %by, "woken by");
        }
        Event::ClockMoved { now } => {
            tracing::debug!(target: TARGET, parent: None, ?now, "clock moved");
        }
        Event::Completed { task, value } => {
            let parent = spans.remove(task).unwrap_or_else(Span::none);
            tracing::info!(target: TARGET, parent: &parent, value = value.as_str(), "completed");
        }
        Event::Failed { task, message } => {
            let parent = spans.remove(task).unwrap_or_else(Span::none);
            tracing::warn!(target: TARGET, parent: &parent, message = message.as_str(), "failed");
        }
        Event::Cancelled { task } => {
            let parent = spans.remove(task).unwrap_or_else(Span::none);
            tracing::info!(target: TARGET, parent: &parent, "cancelled");
        }
        Event::Closed { task } => {
            let parent = spans.remove(task).unwrap_or_else(Span::none);
            tracing::info!(target: TARGET, parent: &parent, "closed");
        }
    }
}
