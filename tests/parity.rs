//! Parity with the originals: each program in `tests/parity/` exists twice, as
//! Python (`NAME.py`) and as its Rust twin (`NAME.rs`), and both must print the same
//! lines in the same order.
//!
//! The Python runs under python3 on a virtual-time asyncio loop
//! (`virtual_time.py`: only the clock is changed, never the scheduling); the Rust
//! runs on coroasync's virtual clock; the generator-side twins (`gen_*.py`, all in
//! `gen_scheduler.rs`) run on corogen directly. A missing python3 is
//! a failure that says so, never a silent pass.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::Command;

use coroasync::EventLoop;
use corotrace::Trace;

#[path = "parity/as_completed.rs"]
mod as_completed;
#[path = "parity/barging_getter.rs"]
mod barging_getter;
#[path = "parity/cancel_gather.rs"]
mod cancel_gather;
#[path = "parity/cancel_waiting.rs"]
mod cancel_waiting;
#[path = "parity/gather_failure.rs"]
mod gather_failure;
#[path = "parity/gen_scheduler.rs"]
mod gen_scheduler;
#[path = "parity/lessons.rs"]
mod lessons;
#[path = "parity/manager.rs"]
mod manager;
#[path = "parity/pingpong.rs"]
mod pingpong;
#[path = "parity/queue_3x3.rs"]
mod queue_3x3;
#[path = "parity/task_group.rs"]
mod task_group;
#[path = "parity/wait_for_shield.rs"]
mod wait_for_shield;
#[path = "parity/wait_modes.rs"]
mod wait_modes;

fn parity_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity")
}

/// The oldest Python the parity programs run on: they use `asyncio.Runner`
/// (3.11), and asyncio's order is pinned to 3.11's (`docs/parity.md`).
const PYTHON_NEEDED: (u32, u32) = (3, 11);

/// Whether a `python3 --version` answer (`Python 3.11.7`) is new enough.
fn is_new_enough(version: &str) -> bool {
    let mut numbers = version
        .trim()
        .trim_start_matches("Python ")
        .split('.')
        .map(|part| part.parse::<u32>().ok());
    match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= PYTHON_NEEDED,
        _ => false,
    }
}

/// Fails, in one line, unless python3 is there and new enough: one clear reason
/// rather than a traceback per test.
fn check_python() {
    static CHECKED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let checked = CHECKED.get_or_init(|| {
        let (major, minor) = PYTHON_NEEDED;
        let output = Command::new("python3")
            .arg("--version")
            .output()
            .map_err(|error| {
                format!("the parity tests run python3 {major}.{minor} or newer, and python3 cannot be run here: {error}")
            })?;
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if is_new_enough(&version) {
            Ok(())
        } else {
            Err(format!(
                "the parity tests need python3 {major}.{minor} or newer (asyncio.Runner); python3 here is {version:?}"
            ))
        }
    });
    if let Err(reason) = checked {
        panic!("{reason}");
    }
}

#[test]
fn python_versions_are_read_as_the_parity_tests_need() {
    assert!(is_new_enough("Python 3.11.7\n"));
    assert!(is_new_enough("Python 3.13.0"));
    assert!(is_new_enough("Python 4.0.1"));
    assert!(!is_new_enough("Python 3.10.12"));
    assert!(!is_new_enough("Python 2.7.18"));
    assert!(!is_new_enough("not a version"));
}

/// What `python3 NAME.py` prints.
fn python_output(name: &str) -> String {
    check_python();
    let script = parity_dir().join(format!("{name}.py"));
    let output = Command::new("python3")
        .arg(&script)
        .current_dir(parity_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run python3 for the parity tests ({error}); install Python 3.11")
        });
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the Python prints UTF-8")
}

/// What an asyncio twin prints on coroasync's virtual clock.
fn asyncio_twin<F: Future<Output = ()> + 'static>(main: F) -> String {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    if let Err(error) = lp.run_until_complete(main) {
        panic!("the Rust twin failed: {error}");
    }
    trace.output()
}

/// Asserts the two outputs are equal, showing both side by side where they differ.
fn assert_same(name: &str, python: &str, rust: &str) {
    if python == rust {
        return;
    }
    let (py, rs): (Vec<&str>, Vec<&str>) = (python.lines().collect(), rust.lines().collect());
    let mut report = format!("{name}: the Rust twin differs from the Python\n");
    for i in 0..py.len().max(rs.len()) {
        let (p, r) = (
            py.get(i).copied().unwrap_or("∅"),
            rs.get(i).copied().unwrap_or("∅"),
        );
        let mark = if p == r { ' ' } else { '≠' };
        report.push_str(&format!("{mark} {:>3}  {p:<40} | {r}\n", i + 1));
    }
    panic!("{report}");
}

/// One test per pair, and the list of every pair: asyncio programs `NAME.py`
/// against `NAME::main()`, generator programs `gen_NAME.py` against
/// `gen_scheduler::NAME()`.
macro_rules! pairs {
    (asyncio: [$($a:ident),+ $(,)?], generator: [$($g:ident),+ $(,)?] $(,)?) => {
        $(
            #[test]
            fn $a() {
                let name = stringify!($a);
                assert_same(name, &python_output(name), &asyncio_twin($a::main()));
            }
        )+
        $(
            #[test]
            fn $g() {
                let name = concat!("gen_", stringify!($g));
                assert_same(name, &python_output(name), &gen_scheduler::$g());
            }
        )+
        const PROGRAMS: &[&str] = &[$(stringify!($a),)+ $(concat!("gen_", stringify!($g)),)+];
    };
}

pairs! {
    asyncio: [
        pingpong,
        queue_3x3,
        barging_getter,
        cancel_waiting,
        cancel_gather,
        gather_failure,
        wait_for_shield,
        wait_modes,
        as_completed,
        task_group,
        manager,
    ],
    generator: [
        three_tasks_one_fails,
        send,
    ],
}

/// Modules the programs import, which are not programs themselves.
const HELPERS: &[&str] = &["virtual_time", "notebook_scheduler", "lesson"];

#[test]
fn every_python_program_has_a_twin() {
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(parity_dir()).expect("tests/parity exists") {
        let path = entry.expect("a readable directory entry").path();
        if path.extension().is_some_and(|e| e == "py") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let known = PROGRAMS.contains(&stem.as_str()) || HELPERS.contains(&stem.as_str());
            if !known {
                orphans.push(stem);
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "Python programs without a Rust twin: {orphans:?}"
    );
    assert!(PROGRAMS.len() >= 13);
}
