//! The lessons, in course order: generators, the scheduler, `yield from`, futures,
//! the event loop, the asyncio toolbox, and embedding.
//!
//! Each lesson's code is its file in `examples/`, compiled in here too; its page
//! is `docs/lessons/NAME.md`.

use crate::sources::{ASYNCIO_DOCS, ASYNCIO_NOTES, FRIDAY_TALK, MODULE_1, MODULE_3, STUDY_NOTE};
use crate::{Flag, Flags, Kind, SourceNote, Stage};

#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/all_tasks.rs"]
mod all_tasks;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/as_completed.rs"]
mod as_completed;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/asyncio_primes.rs"]
mod asyncio_primes;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/awaitable.rs"]
mod awaitable;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/blocking_factorial.rs"]
mod blocking_factorial;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/cancel_scope.rs"]
mod cancel_scope;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/character_move.rs"]
mod character_move;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/close_throw.rs"]
mod close_throw;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/common_errors.rs"]
mod common_errors;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/context_vars.rs"]
mod context_vars;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/cooperative_search.rs"]
mod cooperative_search;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/coroutine_decorator.rs"]
mod coroutine_decorator;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/create_task.rs"]
mod create_task;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/done_callback.rs"]
mod done_callback;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/embed_game.rs"]
mod embed_game;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/embed_traffic_lights.rs"]
mod embed_traffic_lights;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/event_gather.rs"]
mod event_gather;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/exceptions.rs"]
mod exceptions;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/fib.rs"]
mod fib;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/gather_children.rs"]
mod gather_children;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/gather_failure.rs"]
mod gather_failure;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/gather_many.rs"]
mod gather_many;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/generator_basics.rs"]
mod generator_basics;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/generator_object.rs"]
mod generator_object;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/hello_world.rs"]
mod hello_world;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/input_provider.rs"]
mod input_provider;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/linear_search.rs"]
mod linear_search;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/lock.rs"]
mod lock;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/manager.rs"]
mod manager;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/mapping_results.rs"]
mod mapping_results;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/mini_executor.rs"]
mod mini_executor;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/mini_scheduler.rs"]
mod mini_scheduler;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/monitor_consumers.rs"]
mod monitor_consumers;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/new_event_loop.rs"]
mod new_event_loop;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/nursery.rs"]
mod nursery;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/primes_and_messages.rs"]
mod primes_and_messages;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/producer_consumer.rs"]
mod producer_consumer;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/pull_move.rs"]
mod pull_move;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/race.rs"]
mod race;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/run_coroutine.rs"]
mod run_coroutine;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/run_in_executor.rs"]
mod run_in_executor;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/scheduler_one_task.rs"]
mod scheduler_one_task;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/scheduler_two_tasks.rs"]
mod scheduler_two_tasks;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/send_none.rs"]
mod send_none;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/shield.rs"]
mod shield;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/sync_vs_async_coroutine.rs"]
mod sync_vs_async_coroutine;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/to_thread.rs"]
mod to_thread;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/unsync.rs"]
mod unsync;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/user_input.rs"]
mod user_input;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/wait_for.rs"]
mod wait_for;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/wait_modes.rs"]
mod wait_modes;

/// One lesson: the Rust twin of an example from a source note, with its page.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Its name on the command line (`scheduler-two-tasks`).
    pub name: &'static str,
    /// The note its Python comes from, or `None` for the embedding toys, which
    /// have no Python original.
    pub source: Option<SourceNote>,
    /// A one-line title.
    pub title: &'static str,
    /// Which crate it runs on.
    pub kind: Kind,
    /// The flags it takes, besides `--virtual`.
    pub flags: &'static [Flag],
    /// The lesson itself.
    pub run: fn(&Stage),
    /// Its Rust source: the example file.
    pub rust: &'static str,
    /// Its Python: `examples/NAME.py`, the note's code with the smallest driver
    /// that runs it alone, or `""` for the embedding toys, which have none.
    pub python: &'static str,
    /// Its page in `docs/lessons/`: the Python beside the Rust, the output, and
    /// what differs.
    pub page: &'static str,
}

impl Lesson {
    /// The example's file name (`scheduler_two_tasks`).
    pub fn example(&self) -> String {
        self.name.replace('-', "_")
    }

    /// The Python this lesson twins: `examples/NAME.py`.
    pub fn python(&self) -> &'static str {
        self.python
    }

    /// Runs the lesson on virtual time, without echo, and returns its stage.
    /// Flags not given take their defaults.
    ///
    /// # Panics
    ///
    /// If `flags` has one the lesson does not take, or a value that does not
    /// parse: the command line checks them first ([`Flags::for_lesson`]).
    pub fn run_captured(&self, flags: Flags) -> Stage {
        let flags = Flags::for_lesson(self.name, self.flags, flags.to_args())
            .unwrap_or_else(|error| panic!("{}: {error}", self.name));
        let stage = Stage::new(self.kind, true, false, flags);
        (self.run)(&stage);
        stage
    }
}

macro_rules! lesson {
    ($module:ident, $name:literal, None, $title:literal) => {
        Lesson {
            python: "",
            ..lesson!(@rust $module, $name, None, $title)
        }
    };
    ($module:ident, $name:literal, $source:expr, $title:literal) => {
        Lesson {
            python: include_str!(concat!("../examples/", stringify!($module), ".py")),
            ..lesson!(@rust $module, $name, $source, $title)
        }
    };
    (@rust $module:ident, $name:literal, $source:expr, $title:literal) => {
        Lesson {
            name: $name,
            source: $source,
            title: $title,
            kind: $module::KIND,
            flags: $module::FLAGS,
            run: $module::lesson,
            rust: include_str!(concat!("../examples/", stringify!($module), ".rs")),
            page: include_str!(concat!("../docs/lessons/", $name, ".md")),
            python: "",
        }
    };
}

/// Every lesson, in course order.
pub const LESSONS: &[Lesson] = &[
    lesson!(
        fib,
        "fib",
        Some(STUDY_NOTE),
        "A generator: `fib()` and `next`"
    ),
    lesson!(
        linear_search,
        "linear-search",
        Some(STUDY_NOTE),
        "The blocking linear search"
    ),
    lesson!(
        cooperative_search,
        "cooperative-search",
        Some(STUDY_NOTE),
        "The cooperative search, driven by hand"
    ),
    lesson!(
        generator_basics,
        "generator-basics",
        Some(FRIDAY_TALK),
        "Harvest and send: generators before asyncio"
    ),
    lesson!(
        user_input,
        "user-input",
        Some(MODULE_1),
        "A simulated user at the keyboard"
    ),
    lesson!(
        pull_move,
        "pull-move",
        Some(MODULE_1),
        "A generator that pulls key presses"
    ),
    lesson!(
        character_move,
        "character-move",
        Some(MODULE_1),
        "Sending key presses into a generator"
    ),
    lesson!(
        scheduler_one_task,
        "scheduler-one-task",
        Some(STUDY_NOTE),
        "The scheduler with one task"
    ),
    lesson!(
        scheduler_two_tasks,
        "scheduler-two-tasks",
        Some(STUDY_NOTE),
        "The scheduler with two tasks"
    ),
    lesson!(
        close_throw,
        "close-throw",
        Some(STUDY_NOTE),
        "Closing a task, and throwing into it"
    ),
    lesson!(
        generator_object,
        "generator-object",
        Some(STUDY_NOTE),
        "A generator object is not its result"
    ),
    lesson!(
        primes_and_messages,
        "primes-and-messages",
        Some(STUDY_NOTE),
        "`yield from`: primes and messages"
    ),
    lesson!(
        send_none,
        "send-none",
        Some(MODULE_1),
        "A coroutine object, driven by `send(None)`"
    ),
    lesson!(
        sync_vs_async_coroutine,
        "sync-vs-async-coroutine",
        Some(MODULE_1),
        "A generator yields; an awaited coroutine need not"
    ),
    lesson!(
        awaitable,
        "awaitable",
        Some(MODULE_1),
        "An awaitable that yields three times"
    ),
    lesson!(
        mini_executor,
        "mini-executor",
        Some(MODULE_1),
        "Build the machine: a ready queue, a waker, a timer"
    ),
    lesson!(
        mini_scheduler,
        "mini-scheduler",
        Some(STUDY_NOTE),
        "Build the machine: the notebook's scheduler on `resume`"
    ),
    lesson!(
        input_provider,
        "input-provider",
        Some(MODULE_1),
        "The event loop inside: ten lines and an awaitable"
    ),
    lesson!(
        asyncio_primes,
        "asyncio-primes",
        Some(STUDY_NOTE),
        "From `yield from` to `await`: primes on the event loop"
    ),
    lesson!(
        hello_world,
        "hello-world",
        Some(MODULE_3),
        "Hello, world, a second apart"
    ),
    lesson!(
        run_coroutine,
        "run-coroutine",
        Some(ASYNCIO_NOTES),
        "A coroutine runs only in an event loop"
    ),
    lesson!(
        new_event_loop,
        "new-event-loop",
        Some(ASYNCIO_NOTES),
        "`new_event_loop`: a loop, and what it says about itself"
    ),
    lesson!(
        create_task,
        "create-task",
        Some(ASYNCIO_NOTES),
        "`create_task`"
    ),
    lesson!(
        done_callback,
        "done-callback",
        Some(ASYNCIO_NOTES),
        "Done callbacks"
    ),
    lesson!(
        all_tasks,
        "all-tasks",
        Some(ASYNCIO_NOTES),
        "Many tasks, and `all_tasks`"
    ),
    lesson!(
        coroutine_decorator,
        "coroutine-decorator",
        Some(FRIDAY_TALK),
        "`@asyncio.coroutine`: the manager before `async def`"
    ),
    lesson!(manager, "manager", Some(FRIDAY_TALK), "Cancelling a task"),
    lesson!(
        gather_children,
        "gather-children",
        Some(MODULE_3),
        "`gather`: children run together"
    ),
    lesson!(
        gather_failure,
        "gather-failure",
        Some(MODULE_3),
        "When a gathered child fails"
    ),
    lesson!(
        mapping_results,
        "mapping-results",
        Some(MODULE_3),
        "Mapping `gather`'s results to its inputs"
    ),
    lesson!(
        as_completed,
        "as-completed",
        Some(MODULE_3),
        "`as_completed`: results as they come"
    ),
    lesson!(
        gather_many,
        "gather-many",
        Some(ASYNCIO_NOTES),
        "`gather` many coroutines"
    ),
    lesson!(
        event_gather,
        "event-gather",
        Some(FRIDAY_TALK),
        "An `Event`, a failing waiter, and `gather`"
    ),
    lesson!(
        wait_modes,
        "wait-modes",
        Some(ASYNCIO_NOTES),
        "`wait`: all, first completed, first exception"
    ),
    lesson!(
        wait_for,
        "wait-for",
        Some(ASYNCIO_NOTES),
        "`wait_for`: a time limit"
    ),
    lesson!(
        shield,
        "shield",
        Some(ASYNCIO_NOTES),
        "`shield`: cancel the outside, keep the inside"
    ),
    lesson!(
        blocking_factorial,
        "blocking-factorial",
        Some(MODULE_3),
        "Blocking code, and two ways out"
    ),
    lesson!(to_thread, "to-thread", Some(ASYNCIO_NOTES), "`to_thread`"),
    lesson!(
        run_in_executor,
        "run-in-executor",
        Some(ASYNCIO_NOTES),
        "`run_in_executor`"
    ),
    lesson!(
        exceptions,
        "exceptions",
        Some(ASYNCIO_NOTES),
        "A task's exception"
    ),
    lesson!(
        producer_consumer,
        "producer-consumer",
        Some(MODULE_3),
        "Producer and consumer on a bounded queue"
    ),
    lesson!(
        monitor_consumers,
        "monitor-consumers",
        Some(MODULE_3),
        "Watching consumers with `wait_for`, `shield` and `wait`"
    ),
    lesson!(
        nursery,
        "nursery",
        Some(FRIDAY_TALK),
        "A nursery: `TaskGroup`"
    ),
    lesson!(
        unsync,
        "unsync",
        Some(FRIDAY_TALK),
        "`unsync`: an event loop on its own thread"
    ),
    lesson!(
        common_errors,
        "common-errors",
        Some(ASYNCIO_NOTES),
        "Common errors"
    ),
    lesson!(
        lock,
        "lock",
        Some(ASYNCIO_NOTES),
        "`Lock`: a lost update, and a deadlock"
    ),
    lesson!(
        race,
        "race",
        Some(ASYNCIO_DOCS),
        "`race`: the first to finish, the others cancelled"
    ),
    lesson!(
        cancel_scope,
        "cancel-scope",
        Some(ASYNCIO_DOCS),
        "`asyncio.timeout()`: a deadline for a block"
    ),
    lesson!(
        context_vars,
        "context-vars",
        Some(ASYNCIO_DOCS),
        "`contextvars`: values a task hands down"
    ),
    lesson!(
        embed_game,
        "embed-game",
        None,
        "Embedding corogen: a terminal toy"
    ),
    lesson!(
        embed_traffic_lights,
        "embed-traffic-lights",
        None,
        "Embedding coroasync: traffic lights"
    ),
];

/// The lesson called `name` (`scheduler-two-tasks`; `scheduler_two_tasks` too).
pub fn find_lesson(name: &str) -> Option<&'static Lesson> {
    let name = name.replace('_', "-");
    LESSONS.iter().find(|lesson| lesson.name == name)
}
