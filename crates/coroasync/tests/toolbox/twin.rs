//! Runs a Python program of `tests/toolbox/` (or another folder of `tests/`) and its
//! Rust twin, and compares their lines. A missing python3 is a failure that says so.

use std::future::Future;
use std::path::Path;
use std::process::Command;

use coroasync::EventLoop;
use corotrace::Trace;

/// What `python3 FOLDER/NAME.py` prints.
fn python_output(folder: &str, name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let output = Command::new("python3")
        .arg(dir.join(format!("{name}.py")))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run python3 ({error}); install Python 3.11"));
    assert!(
        output.status.success(),
        "{name}.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the Python prints UTF-8")
}

/// Runs the Rust twin of `toolbox/NAME.py` on a virtual clock and compares its
/// lines with the Python's.
#[allow(dead_code)] // not every test file that shares this module calls it
pub fn assert_twin<F: Future<Output = ()> + 'static>(name: &str, main: F) {
    assert_twin_in("toolbox", name, main);
}

/// The same for `FOLDER/NAME.py`.
pub fn assert_twin_in<F: Future<Output = ()> + 'static>(folder: &str, name: &str, main: F) {
    let trace = Trace::capture();
    let lp = EventLoop::with_virtual_clock().with_trace(trace.clone());
    if let Err(error) = lp.run_until_complete(main) {
        panic!(
            "{name}: the Rust twin failed: {error}\nit printed:\n{}",
            trace.output()
        );
    }
    let (python, rust) = (python_output(folder, name), trace.output());
    assert_eq!(
        rust, python,
        "{name}: the Rust twin (left) differs from the Python"
    );
}
