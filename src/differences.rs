//! Where a lesson's output may differ from its Python's, and why: one table, read by
//! the parity test (which fails on any difference not declared here, and on any
//! declared one that no longer occurs) and shown on each lesson's page.

/// One declared difference between a lesson's Python and its Rust output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Difference {
    /// The lesson (`wait-modes`).
    pub lesson: &'static str,
    /// Which lines differ, and how.
    pub lines: Lines,
    /// Why they must.
    pub why: &'static str,
}

/// Which lines a [`Difference`] covers. In the patterns, `*` stands for any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// At the same place, the Python prints a line matching `python` and the Rust
    /// one matching `rust`.
    Text {
        /// The Python's line.
        python: &'static str,
        /// The Rust's line.
        rust: &'static str,
    },
    /// The lines matching the pattern come in another order: each run of them is
    /// compared as a set.
    Order(&'static str),
    /// The Python prints lines matching the pattern that the Rust does not.
    PythonOnly(&'static str),
    /// The Rust prints lines matching the pattern that the Python does not.
    RustOnly(&'static str),
    /// The Python never ends by itself: it is stopped where the lesson stops, and
    /// the lines up to there are compared.
    Endless,
    /// The lesson tells a story of its own: none of its lines is compared.
    Everything,
}

impl Lines {
    /// How the page shows it, in Markdown.
    ///
    /// ```
    /// use corolab::Lines;
    ///
    /// assert_eq!(Lines::Order("> task *").describe(), "the lines `> task *` come in another order");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Lines::Text { python, rust } => {
                format!("the Python prints `{python}` where the Rust prints `{rust}`")
            }
            Lines::Order(lines) => format!("the lines `{lines}` come in another order"),
            Lines::PythonOnly(lines) => format!("only the Python prints `{lines}`"),
            Lines::RustOnly(lines) => format!("only the Rust prints `{lines}`"),
            Lines::Endless => "the Python never ends: it is stopped where the lesson stops".into(),
            Lines::Everything => "the output is the lesson's own".into(),
        }
    }
}

/// Whether `line` matches `pattern`, where `*` in the pattern stands for any text.
///
/// ```
/// assert!(corolab::matches("<generator object gen at 0x7f>", "<generator object * at 0x*>"));
/// assert!(!corolab::matches("<generator object gen>", "<generator object * at 0x*>"));
/// ```
pub fn matches(line: &str, pattern: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The differences declared for the lesson called `lesson`.
pub fn differences_of(lesson: &str) -> impl Iterator<Item = &'static Difference> + '_ {
    DIFFERENCES.iter().filter(move |d| d.lesson == lesson)
}

/// Every declared difference, by lesson in course order.
pub const DIFFERENCES: &[Difference] = &[
    Difference {
        lesson: "generator-basics",
        lines: Lines::Text {
            python: "<generator object * at 0x*>",
            rust: "corogen::generator::*",
        },
        why: "Python prints the generator object, its class and its address; a Rust value has no repr of its own, so the lesson prints what Rust knows of it, its type (`std::any::type_name_of_val`): a corogen generator, named after the closure its body is written in. Either way, nothing has run yet.",
    },
    Difference {
        lesson: "primes-and-messages",
        lines: Lines::Endless,
        why: "The note leaves `sched.run_to_completion()` commented out, for it never returns; the Python runs it, and the lesson stops after `--found` primes (12).",
    },
    Difference {
        lesson: "mini-executor",
        lines: Lines::RustOnly("coroasync: *"),
        why: "The lesson runs the stuck future on coroasync's loop too, which reports `RunError::Deadlock`; asyncio has no such report, and would not hang on it (a bare `yield` in a task means \"run me again soon\").",
    },
    Difference {
        lesson: "input-provider",
        lines: Lines::PythonOnly(".*"),
        why: "The Python grows one line of dots with `print(\".\", end=\"\")` and ends it when a key comes; the lesson prints whole lines, so each dot is a line of its own, printed the moment the awaitable is woken empty.",
    },
    Difference {
        lesson: "input-provider",
        lines: Lines::RustOnly("."),
        why: "The Rust's dots, one a line: one a second, as the Python's come.",
    },
    Difference {
        lesson: "asyncio-primes",
        lines: Lines::Endless,
        why: "The search never ends; the lesson stops after `--found` primes.",
    },
    Difference {
        lesson: "shield",
        lines: Lines::Text {
            python: "shielded: <Future cancelled>",
            rust: "shielded: <Task cancelled name='Task-3'>",
        },
        why: "asyncio's `shield` returns a bare future; coroasync's is a task of its own, and prints as one.",
    },
    Difference {
        lesson: "shield",
        lines: Lines::Text {
            python: "task: <Task pending name='Task-2' coro=<*>>",
            rust: "task: <Task pending name='Task-2'>",
        },
        why: "A task's repr names its coroutine with the file and line it waits at; coroasync's names the task only.",
    },
    Difference {
        lesson: "blocking-factorial",
        lines: Lines::Everything,
        why: "The note's factorial of 100000 has more digits than Python 3.11 prints (`ValueError: Exceeds the limit (4300 digits)`); the lesson computes the factorial of 5000, prints its number of digits, and runs the three versions of the note one after the other. On virtual time it charges the clock for its multiplications, which the Python's harness does not.",
    },
    Difference {
        lesson: "all-tasks",
        lines: Lines::Order("> Task-*"),
        why: "`all_tasks()` is a set, whose order changes from run to run; the lesson prints the names sorted.",
    },
    Difference {
        lesson: "all-tasks",
        lines: Lines::Text {
            python: "> Task-*, <coroutine object * at 0x*>",
            rust: "> Task-*",
        },
        why: "A coroutine's repr shows its address; the lesson prints the task's name only.",
    },
    Difference {
        lesson: "done-callback",
        lines: Lines::Text {
            python: "this is a callback of <Task finished name='Task-2' coro=<*> result=None>",
            rust: "this is a callback of <Task finished name='Task-2'>",
        },
        why: "A task's repr names its coroutine with the file and line it is defined at; coroasync's names the task only.",
    },
    Difference {
        lesson: "event-gather",
        lines: Lines::Text {
            python: "<class 'asyncio.tasks._GatheringFuture'>",
            rust: "coroasync::gather::Gather<*>",
        },
        why: "Python's `type()` names the future's class; the Rust prints the future's type as the compiler names it (`std::any::type_name_of_val`): coroasync's `Gather`, generic over what its children return.",
    },
    Difference {
        lesson: "manager",
        lines: Lines::Text {
            python: "<class 'coroutine'>",
            rust: "manager::counter_coro::{{closure}}",
        },
        why: "Every Python coroutine object is of one class, `coroutine`; in Rust each `async fn` gets a future type of its own, which the compiler names after the function (`{{closure}}` is its word for the body), and `std::any::type_name_of_val` prints.",
    },
    Difference {
        lesson: "manager",
        lines: Lines::PythonOnly("10"),
        why: "asyncio's clock is a float: ten sleeps of 0.1 s end at 0.9999999999999999, before the 1-second timer, so the counter prints 10 once more; coroasync's durations are exact, and the two timers fall due together, in the order they were set.",
    },
    Difference {
        lesson: "nursery",
        lines: Lines::Text {
            python: "trio.NonBaseMultiError: *",
            rust: "MultiError: *",
        },
        why: "The notebook shows the traceback's last line, with trio's class name and the exceptions' reprs; the lesson prints the messages. (trio starts the children in a random order; the parity test seeds trio's generator, and that run prints the lesson's order.)",
    },
    Difference {
        lesson: "common-errors",
        lines: Lines::Text {
            python: "spawn without a loop: no running event loop",
            rust: "spawn without a loop: no event loop is running on this thread: *",
        },
        why: "coroasync's error says what to do instead: spawn from inside a task, or on the loop itself.",
    },
    Difference {
        lesson: "generator-object",
        lines: Lines::Text {
            python: "<generator object * at 0x*>",
            rust: "corogen::generator::Gen<*>",
        },
        why: "Python prints the generator object, its class and its address; a Rust value has no repr of its own, so the lesson prints its type (`std::any::type_name_of_val`): a corogen `Gen`, named after the closure its body is written in.",
    },
    Difference {
        lesson: "send-none",
        lines: Lines::Text {
            python: "<coroutine object * at 0x*>",
            rust: "send_none::coro::{{closure}}",
        },
        why: "Python prints the coroutine object, its class and its address; a Rust future has no repr of its own, so the lesson prints its type (`std::any::type_name_of_val`), which the compiler made for the body of `async fn coro` and names after it.",
    },
    Difference {
        lesson: "run-coroutine",
        lines: Lines::Text {
            python: "<class 'coroutine'>",
            rust: "run_coroutine::main_::{{closure}}",
        },
        why: "Every Python coroutine object is of one class, `coroutine`; in Rust each `async fn` gets a future type of its own, named after the function (`{{closure}}` is the compiler's word for the body), which `std::any::type_name_of_val` prints. Python also warns on stderr that the coroutine was never awaited; Rust warns at compile time instead (see the page).",
    },
    Difference {
        lesson: "new-event-loop",
        lines: Lines::Text {
            python: "<* running=False closed=False debug=False>",
            rust: "<EventLoop running=False closed=False clock=*>",
        },
        why: "Each loop names its own class (`_UnixSelectorEventLoop` in a plain run, the harness's virtual-time loop here) and what it is set to: asyncio its debug flag, coroasync its clock.",
    },
    Difference {
        lesson: "coroutine-decorator",
        lines: Lines::Text {
            python: "<class 'generator'>",
            rust: "coroutine_decorator::counter_coro::{{closure}}",
        },
        why: "An `@asyncio.coroutine` is a plain generator, of class `generator`; the Rust twin is an `async fn`, whose future's type the compiler names after the function (`std::any::type_name_of_val`).",
    },
    Difference {
        lesson: "coroutine-decorator",
        lines: Lines::PythonOnly("10"),
        why: "As in `manager`: asyncio's float clock ends ten sleeps of 0.1 s just before the 1-second timer, so the counter prints 10 once more.",
    },
    Difference {
        lesson: "unsync",
        lines: Lines::Text {
            python: "Executed in * seconds",
            rust: "Executed in * seconds",
        },
        why: "The time each side measures is its own: the Python reads the wall clock around a real thread pool (the harness's clock here), the Rust the loop's virtual clock, on which a job in a worker thread takes no time.",
    },
    Difference {
        lesson: "lock",
        lines: Lines::Text {
            python: "deadlock: *",
            rust: "deadlock: *",
        },
        why: "Python hangs at a deadlock; its driver ends the wait with a time limit and says what happened in a line of its own, where coroasync reports the deadlock itself, naming every blocked task.",
    },
    Difference {
        lesson: "lock",
        lines: Lines::RustOnly("  task * waits on *"),
        why: "coroasync's deadlock report names every blocked task and what it waits on; asyncio has no such report.",
    },
];
