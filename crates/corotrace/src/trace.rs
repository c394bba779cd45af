use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::Write;
use std::rc::{Rc, Weak};

use crate::subscribers::Subscribers;
use crate::{Event, TaskId, Timeline};

/// A handle on a scheduler's trace, shared by the scheduler and its routines.
///
/// A trace is off (records nothing, costs one branch per event), echoes each event
/// to standard output as it happens (examples), captures events for later (tests,
/// timelines), or both. Clones share one record, so a routine given a clone
/// writes into the same trace as the scheduler that runs it, and each line it
/// prints is attributed to the task that was running.
///
/// Events are built by closures and lines by [`format_args!`], so an off trace
/// neither allocates nor formats.
///
/// ```
/// use corotrace::{TaskId, Trace};
///
/// let trace = Trace::capture();
/// let routine = trace.clone();
///
/// trace.enter(TaskId::new(0));
/// routine.print(format_args!("async_search - called {} times", 1));
/// trace.leave();
///
/// assert_eq!(trace.text(), "Running task 0\nasync_search - called 1 times\n");
/// ```
#[derive(Clone, Default)]
pub struct Trace {
    recorder: Option<Rc<Recorder>>,
}

/// Which events a trace prints to standard output as they happen.
///
/// Each echoed line is written and flushed at once, so what a program has printed
/// is on screen before its next step. If standard output is closed (a pipe whose
/// reader has gone, as with `| head`), the process ends quietly with exit status
/// 0 rather than running on for nobody; any other write error is said on standard
/// error and ends the process with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Echo {
    /// Prints nothing.
    #[default]
    Nothing,
    /// Prints only the lines tasks print: what the program itself would show.
    Output,
    /// Prints every event the text rendering shows, scheduler lines included.
    Everything,
}

struct Recorder {
    echo: Echo,
    capture: bool,
    events: RefCell<Vec<Event>>,
    running: Cell<Option<TaskId>>,
    /// [`Recorder::uses_every_event`], kept as one flag: every step reads it.
    every_event: Cell<bool>,
    subscribers: Subscribers,
    /// Flags a scheduler caches [`Recorder::uses_every_event`] in
    /// ([`Trace::watch_every_event`]), set when a subscriber joins.
    watchers: RefCell<Vec<Weak<Cell<bool>>>>,
}

impl Trace {
    /// A trace that records nothing.
    pub fn off() -> Self {
        Self::default()
    }

    /// A trace that keeps every event, for [`Trace::text`] and [`Trace::timeline`].
    pub fn capture() -> Self {
        Self::new(Echo::Nothing, true)
    }

    /// A trace that prints each event to standard output as it happens and keeps
    /// nothing, so an endless program runs in constant memory.
    pub fn echo() -> Self {
        Self::new(Echo::Everything, false)
    }

    /// A trace that prints each event as it happens and also keeps it.
    pub fn echo_and_capture() -> Self {
        Self::new(Echo::Everything, true)
    }

    /// A trace that prints what `echo` selects as it happens, and keeps every
    /// event if `capture` is set.
    ///
    /// ```
    /// use corotrace::{Echo, Trace};
    ///
    /// // What an asyncio program shows: its own lines, no scheduler chatter.
    /// let trace = Trace::new(Echo::Output, false);
    /// assert!(trace.is_on());
    /// ```
    pub fn new(echo: Echo, capture: bool) -> Self {
        Self {
            recorder: Some(Rc::new(Recorder {
                echo,
                capture,
                events: RefCell::default(),
                running: Cell::new(None),
                every_event: Cell::new(capture || echo == Echo::Everything),
                subscribers: Subscribers::default(),
                watchers: RefCell::default(),
            })),
        }
    }

    /// This trace, with `subscriber` called with each event as it is recorded:
    /// to log, count or assert on the fly, without keeping the events. An off
    /// trace is turned on (echoing and keeping nothing) so the subscriber sees
    /// the run.
    ///
    /// Subscribers see every event, printed or not, in the order they happen,
    /// before the event is captured. Add them before the trace is cloned into
    /// routines: clones of an off trace stay off. A subscriber that records into
    /// the same trace (calls [`Trace::print`], say) does not recurse: the event
    /// it causes is handed to the subscribers once the current one returns. A
    /// subscriber that panics inside a task's step fails that step's task, as
    /// any panic there does.
    ///
    /// ```
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use corotrace::{Event, TaskId, Trace};
    ///
    /// let runs = Rc::new(Cell::new(0));
    /// let counter = Rc::clone(&runs);
    /// let trace = Trace::off().with_subscriber(move |event| {
    ///     if let Event::Running { .. } = event {
    ///         counter.set(counter.get() + 1);
    ///     }
    /// });
    /// trace.enter(TaskId::new(0));
    /// trace.leave();
    /// trace.enter(TaskId::new(1));
    /// trace.leave();
    ///
    /// assert_eq!(runs.get(), 2);
    /// assert!(trace.events().is_empty(), "nothing kept");
    /// ```
    #[must_use = "the trace with the subscriber is the one returned"]
    pub fn with_subscriber(self, subscriber: impl FnMut(&Event) + 'static) -> Self {
        let trace = if self.is_on() {
            self
        } else {
            Self::new(Echo::Nothing, false)
        };
        if let Some(recorder) = &trace.recorder {
            recorder.subscribers.add(Box::new(subscriber));
            recorder.every_event.set(true);
            for flag in recorder.watchers.borrow().iter().filter_map(Weak::upgrade) {
                flag.set(true);
            }
        }
        trace
    }

    /// Whether events other than printed lines reach anyone: kept, echoed, or
    /// handed to a subscriber. When not, [`Trace::record`] never calls its
    /// closure, and a scheduler can skip the work of preparing one.
    ///
    /// ```
    /// use corotrace::{Echo, Trace};
    ///
    /// assert!(!Trace::new(Echo::Output, false).uses_every_event());
    /// assert!(Trace::capture().uses_every_event());
    /// ```
    #[inline]
    pub fn uses_every_event(&self) -> bool {
        self.recorder.as_ref().is_some_and(|r| r.uses_every_event())
    }

    /// Sets `flag` to [`Trace::uses_every_event`] now, and to `true` whenever a
    /// subscriber joins this trace later (through any clone): a scheduler's
    /// hot path then reads one flag instead of the trace. The flag is never
    /// cleared by the trace; a scheduler that changes traces sets it again.
    ///
    /// ```
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use corotrace::{Echo, Trace};
    ///
    /// let trace = Trace::new(Echo::Output, false);
    /// let flag = Rc::new(Cell::new(true));
    /// trace.watch_every_event(&flag);
    /// assert!(!flag.get());
    /// let _ = trace.clone().with_subscriber(|_| {});
    /// assert!(flag.get(), "a subscriber sees every event");
    /// ```
    pub fn watch_every_event(&self, flag: &Rc<Cell<bool>>) {
        flag.set(self.uses_every_event());
        if let Some(recorder) = &self.recorder {
            // Weak, and the dead ones dropped here: a trace shared by many loops
            // in turn keeps none of them alive.
            let mut watchers = recorder.watchers.borrow_mut();
            let watcher = Rc::downgrade(flag);
            // A flag watched again (a loop given the same trace twice) is kept once.
            watchers.retain(|w| w.strong_count() > 0 && !w.ptr_eq(&watcher));
            watchers.push(watcher);
        }
    }

    /// Whether this trace records anything.
    #[inline]
    pub fn is_on(&self) -> bool {
        self.recorder.is_some()
    }

    /// Records the event `make` builds; `make` is not called when nothing would
    /// use the event: when the trace is off, or when it only echoes printed lines
    /// ([`Echo::Output`] or [`Echo::Nothing`]), keeps nothing and has no
    /// subscriber. Lines go through [`Trace::print`], which such a trace shows.
    #[inline]
    pub fn record(&self, make: impl FnOnce() -> Event) {
        if let Some(recorder) = &self.recorder
            && recorder.uses_every_event()
        {
            recorder.push(make());
        }
    }

    /// Records that the scheduler resumes `task`: lines printed until
    /// [`Trace::leave`] belong to it.
    #[inline]
    pub fn enter(&self, task: TaskId) {
        if let Some(recorder) = &self.recorder {
            recorder.running.set(Some(task));
            if recorder.uses_every_event() {
                recorder.push(Event::Running { task });
            }
        }
    }

    /// Records that the running task's step is over.
    #[inline]
    pub fn leave(&self) {
        if let Some(recorder) = &self.recorder {
            recorder.running.set(None);
        }
    }

    /// The task between [`Trace::enter`] and [`Trace::leave`], if any (always
    /// `None` when the trace is off).
    pub fn running(&self) -> Option<TaskId> {
        self.recorder.as_ref().and_then(|r| r.running.get())
    }

    /// Prints a line, as Python's `print` does inside a routine, attributed to the
    /// running task (or to the host program between steps).
    #[inline]
    pub fn print(&self, line: fmt::Arguments<'_>) {
        if let Some(recorder) = &self.recorder {
            let line = match line.as_str() {
                Some(text) => text.to_owned(),
                None => line.to_string(),
            };
            recorder.push(Event::Printed {
                task: recorder.running.get(),
                line,
            });
        }
    }

    /// A copy of the captured events, oldest first.
    pub fn events(&self) -> Vec<Event> {
        self.recorder
            .as_ref()
            .map(|r| r.events.borrow().clone())
            .unwrap_or_default()
    }

    /// Takes the captured events out, leaving the record empty.
    pub fn take_events(&self) -> Vec<Event> {
        self.recorder
            .as_ref()
            .map(|r| r.events.take())
            .unwrap_or_default()
    }

    /// The captured events as the notebook prints them, one line each, each ending
    /// in a newline.
    pub fn text(&self) -> String {
        let mut text = String::new();
        if let Some(recorder) = &self.recorder {
            for event in recorder.events.borrow().iter().filter(|e| e.is_printed()) {
                text.push_str(&event.to_string());
                text.push('\n');
            }
        }
        text
    }

    /// Only the lines tasks (and the host) printed, each ending in a newline: what
    /// the program would show without a trace.
    pub fn output(&self) -> String {
        let mut text = String::new();
        if let Some(recorder) = &self.recorder {
            for event in recorder.events.borrow().iter() {
                if let Event::Printed { line, .. } = event {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
        text
    }

    /// The captured events as a timeline: one lane per task, one row per step.
    pub fn timeline(&self) -> Timeline {
        Timeline::new(&self.events())
    }
}

impl Recorder {
    /// Whether events other than printed lines reach anyone: kept, echoed, or
    /// handed to a subscriber. A loop's default trace (echo printed lines, keep
    /// nothing) builds no other event at all, so its steps cost no more for them.
    #[inline]
    fn uses_every_event(&self) -> bool {
        self.every_event.get()
    }

    fn push(&self, event: Event) {
        let shown = match self.echo {
            Echo::Nothing => false,
            Echo::Output => matches!(event, Event::Printed { .. }),
            Echo::Everything => event.is_printed(),
        };
        if shown {
            echo_line(&event);
        }
        if self.subscribers.is_empty() {
            if self.capture {
                self.events.borrow_mut().push(event);
            }
            return;
        }
        // Kept before the subscribers see it, so an event a subscriber records
        // is kept after this one, in the order the subscribers see them.
        if self.capture {
            self.events.borrow_mut().push(event.clone());
        }
        self.subscribers.deliver(&event);
    }
}

/// Writes one echoed line to standard output.
///
/// A line is written whole or the process ends: the echo never drops a line and
/// carries on. When the reader has gone (`| head` closed the pipe), the process
/// ends quietly with status 0, as a command-line tool does when it is told nobody
/// is listening: going on would only run the program for nobody, and a panic here
/// would be reported as the running task's failure. Any other write error (a full
/// disk) is said on standard error, and the process ends with status 1.
fn echo_line(event: &Event) {
    let mut out = std::io::stdout().lock();
    let Err(error) = writeln!(out, "{event}").and_then(|()| out.flush()) else {
        return;
    };
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(
        std::io::stderr(),
        "cannot write to standard output: {error}"
    );
    std::process::exit(1);
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.recorder {
            None => f.write_str("Trace(off)"),
            Some(r) => f
                .debug_struct("Trace")
                .field("echo", &r.echo)
                .field("capture", &r.capture)
                .field("events", &r.events.borrow().len())
                .field("running", &r.running.get())
                .field("subscribers", &r.subscribers.count())
                .finish(),
        }
    }
}
