//! Parity with the originals: each program in `tests/parity/` exists twice, as
//! Python (`NAME.py`) and as its Rust twin (`NAME.rs`), and both must print the same
//! lines in the same order.
//!
//! The Python runs under python3 on a virtual-time asyncio loop
//! (`virtual_time.py`: only the clock is changed, never the scheduling); the Rust
//! runs on coroasync's virtual clock, or on corogen directly. A missing python3 is
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

/// What `python3 NAME.py` prints.
fn python_output(name: &str) -> String {
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

/// One test per pair: `NAME.py` against `NAME::main()`.
macro_rules! asyncio_pairs {
    ($($name:ident),+ $(,)?) => {$(
        #[test]
        fn $name() {
            let name = stringify!($name);
            assert_same(name, &python_output(name), &asyncio_twin($name::main()));
        }
    )+};
}

asyncio_pairs!(
    as_completed,
    barging_getter,
    cancel_gather,
    cancel_waiting,
    gather_failure,
    manager,
    pingpong,
    queue_3x3,
    task_group,
    wait_for_shield,
    wait_modes,
);
