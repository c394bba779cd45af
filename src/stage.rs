use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

use coroasync::{EventLoop, Order, RunError};
use corogen::{Clock, SystemClock, VirtualClock};
use corotrace::{Echo, Trace};

use crate::{Flag, Flags, SplitMix64};

/// Which crate a lesson runs on, which decides what its output is: a generator
/// lesson's scheduler prints `Running task N` lines as the notebook's does; an
/// asyncio lesson prints only what its tasks say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Coroutines as generators, on `corogen`.
    Generators,
    /// Coroutines as futures, on `coroasync`.
    Futures,
}

/// Where a lesson runs: on real or virtual time, into which trace, with which
/// flags. A lesson is a function of its stage, so the same code runs by hand
/// (`cargo run --example`), under `corolab run`, and in the snapshot tests.
///
/// ```
/// use corolab::{Flags, Kind, Stage};
///
/// let stage = Stage::new(Kind::Futures, true, false, Flags::default());
/// stage.run(async { coroasync::say!("hello") }).unwrap();
/// assert_eq!(stage.output(), "hello\n");
/// ```
pub struct Stage {
    kind: Kind,
    virtual_time: bool,
    trace: Trace,
    flags: Flags,
    clock: StageClock,
    order: Order,
    /// How many event loops the lesson made on the stage (or made itself with the
    /// stage's order): `corolab explore` has nothing to shuffle without one.
    loops: Cell<usize>,
}

impl Stage {
    /// A stage for a lesson of `kind`, on virtual time or real, echoing what the
    /// lesson prints (or not), with `flags`. Every event is also captured, for
    /// [`Stage::output`] and the timeline.
    pub fn new(kind: Kind, virtual_time: bool, echo: bool, flags: Flags) -> Self {
        let echo = match (echo, kind) {
            (false, _) => Echo::Nothing,
            (true, Kind::Generators) => Echo::Everything,
            (true, Kind::Futures) => Echo::Output,
        };
        let clock = if virtual_time {
            // Stands in for the time a real step takes: 1 ms per reading.
            StageClock::Virtual(VirtualClock::ticking(Duration::from_millis(1)))
        } else {
            StageClock::Real(SystemClock::new())
        };
        Self {
            kind,
            virtual_time,
            trace: Trace::new(echo, true),
            flags,
            clock,
            order: Order::Fifo,
            loops: Cell::new(0),
        }
    }

    /// The same stage, whose event loops run in `order` (asyncio's, unless
    /// `corolab run --order` or `corolab explore` shuffle it).
    ///
    /// ```
    /// use corolab::{Flags, Kind, Stage};
    /// use coroasync::Order;
    ///
    /// let stage = Stage::new(Kind::Futures, true, false, Flags::default())
    ///     .with_order(Order::Shuffled { seed: 1 });
    /// assert!(!stage.runs_a_loop());
    /// stage.run(async { coroasync::say!("hello") }).unwrap();
    /// assert!(stage.runs_a_loop());
    /// ```
    #[must_use]
    pub fn with_order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// The order for a loop the lesson makes itself (on a thread of its own, or
    /// on a clock of its own): reading it counts that loop as the stage's, so
    /// [`Stage::runs_a_loop`] knows there is one.
    pub fn order(&self) -> Order {
        self.loops.set(self.loops.get() + 1);
        self.order
    }

    /// Whether the lesson made an event loop on the stage (or read
    /// [`Stage::order`] for one of its own); a generator lesson never does.
    pub fn runs_a_loop(&self) -> bool {
        self.loops.get() > 0
    }

    /// The lesson's kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Whether the lesson runs on virtual time.
    pub fn is_virtual(&self) -> bool {
        self.virtual_time
    }

    /// The trace the lesson writes into.
    pub fn trace(&self) -> Trace {
        self.trace.clone()
    }

    /// Prints a line from the lesson's host code, outside any task.
    pub fn say(&self, line: fmt::Arguments<'_>) {
        self.trace.print(line);
    }

    /// The clock a generator lesson's `async_sleep` reads.
    pub fn clock(&self) -> StageClock {
        self.clock.clone()
    }

    /// Waits `duration` in the lesson's host code: real time really passes; virtual
    /// time just moves on.
    pub fn pause(&self, duration: Duration) {
        match &self.clock {
            StageClock::Real(_) => std::thread::sleep(duration),
            StageClock::Virtual(clock) => clock.advance(duration),
        }
    }

    /// The lesson's random source, seeded by `--seed` ([`Flag::seed`]), so a run
    /// can be replayed.
    ///
    /// # Panics
    ///
    /// If the lesson does not declare `--seed`.
    pub fn random(&self) -> SplitMix64 {
        SplitMix64::new(self.flag("seed"))
    }

    /// The value of the lesson's flag `--name`: as given, or its declared default.
    /// The value was checked against the declaration before the lesson started, so
    /// reading it cannot fail for a lesson that declares it with this type.
    ///
    /// # Panics
    ///
    /// If the lesson reads a flag its `FLAGS` do not declare, or as another type
    /// than it declares: a mistake in the lesson, which every lesson's test run
    /// finds.
    pub fn flag<T: FromStr>(&self, name: &str) -> T {
        let Some(value) = self.flags.value(name) else {
            panic!("the lesson reads --{name}, which its FLAGS do not declare");
        };
        value.parse().unwrap_or_else(|_| {
            panic!("--{name} {value:?} does not parse as the type the lesson reads")
        })
    }

    /// An event loop on the stage's time and trace, for lessons that set it up
    /// themselves (a slow-step threshold, a host loop of their own).
    pub fn event_loop(&self) -> EventLoop {
        let event_loop = if self.virtual_time {
            EventLoop::with_virtual_clock()
        } else {
            EventLoop::new()
        };
        event_loop
            .with_order(self.order())
            .with_trace(self.trace.clone())
    }

    /// Runs `future` on a fresh event loop of the stage, as `asyncio.run` does.
    pub fn run<F>(&self, future: F) -> Result<F::Output, RunError>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.event_loop().run(future)
    }

    /// What the lesson printed: a generator lesson's whole trace text, an asyncio
    /// lesson's own lines.
    pub fn output(&self) -> String {
        match self.kind {
            Kind::Generators => self.trace.text(),
            Kind::Futures => self.trace.output(),
        }
    }
}

impl fmt::Debug for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stage")
            .field("kind", &self.kind)
            .field("virtual", &self.virtual_time)
            .field("trace", &self.trace)
            .field("order", &self.order)
            .finish()
    }
}

/// The clock of a generator lesson: real, or virtual and moving 1 ms per reading.
#[derive(Debug, Clone)]
pub enum StageClock {
    /// Real time.
    Real(SystemClock),
    /// Virtual time.
    Virtual(VirtualClock),
}

impl Clock for StageClock {
    fn now(&self) -> Duration {
        match self {
            Self::Real(clock) => clock.now(),
            Self::Virtual(clock) => clock.now(),
        }
    }
}

/// Says in one line where a panic happened, instead of the default hook's report
/// and backtrace: the lessons' tasks panic on purpose (Python's `raise`), and the
/// event loop records each against its task.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = corotrace::panic_message(info.payload());
        match info.location() {
            Some(at) => eprintln!("(panicked at {}:{}: {message})", at.file(), at.line()),
            None => eprintln!("(panicked: {message})"),
        }
    }));
}

/// Runs `lesson` as an example does: on real time unless `--virtual` is given,
/// echoing as it goes, with the process's arguments read against the lesson's
/// `flags`. `--help` lists them and ends the process; a flag the lesson does not
/// take, or a value that does not parse, ends it with the error and status 2.
pub fn play(kind: Kind, flags: &[Flag], lesson: fn(&Stage)) {
    quiet_panics();
    let program = std::env::args().next().map_or_else(
        || "lesson".to_owned(),
        |path| {
            let path = std::path::Path::new(&path);
            path.file_stem().map_or(path.display().to_string(), |stem| {
                stem.to_string_lossy().into_owned()
            })
        },
    );
    let flags = Flags::for_lesson(&program, flags, std::env::args().skip(1))
        .unwrap_or_else(|error| error.exit());
    let stage = Stage::new(kind, flags.is_virtual(), true, flags);
    lesson(&stage);
}
