//! Every lesson against its Python: `examples/NAME.py` runs under
//! `tests/parity/lesson.py` (a notebook on virtual time, with the lesson's seeded
//! random numbers), and its output must equal the lesson's virtual run, line by
//! line, but for the differences `src/differences.rs` declares. A declared
//! difference that no longer occurs fails too, so the table stays true.

use std::process::Command;

use corolab::{Difference, Flags, LESSONS, Lesson, Lines, differences_of, matches};

use super::{check_python, parity_dir};

/// Fails, in one line, unless trio imports: the `nursery` lesson's Python runs on
/// it (`.ci/run` installs the version the declared differences were written for).
fn check_trio() {
    let found = Command::new("python3")
        .args(["-c", "import trio"])
        .output()
        .is_ok_and(|output| output.status.success());
    assert!(
        found,
        "the nursery lesson's Python needs trio: python3 -m pip install 'trio==0.22.2'"
    );
}

/// What the harness prints for `lesson`'s Python, and whether it had to be stopped.
fn python_output(lesson: &Lesson, stop_after: Option<usize>) -> (String, bool) {
    check_python();
    if lesson.python().contains("import trio") {
        check_trio();
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join(format!("examples/{}.py", lesson.example()));
    let seed = lesson
        .flags
        .iter()
        .find(|flag| flag.name == "seed")
        .map_or("0", |flag| flag.default);
    let mut command = Command::new("python3");
    command
        .arg(parity_dir().join("lesson.py"))
        .arg(&script)
        .args(["--seed", seed])
        .current_dir(parity_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1");
    if let Some(lines) = stop_after {
        command.args(["--stop-after", &lines.to_string()]);
    }
    let output = command.output().expect("python3 runs");
    let stopped = output.status.code() == Some(3);
    assert!(
        output.status.success() || stopped,
        "{} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).expect("the Python prints UTF-8"),
        stopped,
    )
}

/// Sorts each run of consecutive lines matching `pattern`; whether any moved.
fn sort_runs(lines: &mut [String], pattern: &str) -> bool {
    let mut moved = false;
    let mut start = 0;
    while start < lines.len() {
        let len = lines[start..]
            .iter()
            .take_while(|line| matches(line, pattern))
            .count();
        let run = &mut lines[start..start + len];
        let before = run.to_vec();
        run.sort();
        moved |= *run != before[..];
        start += len.max(1);
    }
    moved
}

/// Removes the lines matching `pattern`; whether there were any.
fn remove(lines: &mut Vec<String>, pattern: &str) -> bool {
    let before = lines.len();
    lines.retain(|line| !matches(line, pattern));
    lines.len() != before
}

/// What is wrong with `rust` against `python`, given the lesson's `declared`
/// differences: each undeclared difference, and each declared one that did not occur.
fn problems(declared: &[&Difference], python: &str, rust: &str, stopped: bool) -> Vec<String> {
    let mut py: Vec<String> = python.lines().map(String::from).collect();
    let mut rs: Vec<String> = rust.lines().map(String::from).collect();
    let mut occurred = vec![false; declared.len()];
    for (i, difference) in declared.iter().enumerate() {
        occurred[i] = match difference.lines {
            Lines::Everything => python != rust,
            Lines::Endless => stopped,
            Lines::PythonOnly(pattern) => remove(&mut py, pattern),
            Lines::RustOnly(pattern) => remove(&mut rs, pattern),
            Lines::Order(pattern) => sort_runs(&mut py, pattern) | sort_runs(&mut rs, pattern),
            Lines::Text { .. } => false,
        };
    }
    let everything = declared.iter().any(|d| d.lines == Lines::Everything);
    let mut found = Vec::new();
    if !everything {
        for i in 0..py.len().max(rs.len()) {
            let (p, r) = (py.get(i), rs.get(i));
            if p == r {
                continue;
            }
            let (p, r) = (p.map_or("∅", String::as_str), r.map_or("∅", String::as_str));
            let text = declared.iter().position(|d| match d.lines {
                Lines::Text { python, rust } => matches(p, python) && matches(r, rust),
                _ => false,
            });
            match text {
                Some(index) => occurred[index] = true,
                None => found.push(format!("line {}: Python `{p}`, Rust `{r}`", i + 1)),
            }
        }
    }
    for (difference, occurred) in declared.iter().zip(occurred) {
        if !occurred {
            let what = difference.lines.describe();
            found.push(format!("declared, but it no longer occurs: {what}"));
        }
    }
    found
}

#[test]
fn every_lesson_prints_what_its_python_prints() {
    let mut report = String::new();
    let mut checked = 0;
    for lesson in LESSONS.iter().filter(|lesson| !lesson.python().is_empty()) {
        let rust = lesson.run_captured(Flags::default()).output();
        let declared: Vec<&Difference> = differences_of(lesson.name).collect();
        let endless = declared.iter().any(|d| d.lines == Lines::Endless);
        let (python, stopped) = python_output(lesson, endless.then(|| rust.lines().count()));
        for problem in problems(&declared, &python, &rust, stopped) {
            report.push_str(&format!("{}: {problem}\n", lesson.name));
        }
        checked += 1;
    }
    assert!(
        report.is_empty(),
        "differences not declared in src/differences.rs, or declared and gone:\n{report}"
    );
    assert!(checked >= 35, "only {checked} lessons have their Python");
}

#[test]
fn an_undeclared_difference_fails_and_a_declared_one_passes() {
    let order = Difference {
        lesson: "example",
        lines: Lines::Order("> *"),
        why: "a set",
    };
    assert!(problems(&[], "a\n", "a\n", false).is_empty());
    assert_eq!(problems(&[], "a\n", "b\n", false).len(), 1);
    assert!(problems(&[&order], "> 2\n> 1\nend\n", "> 1\n> 2\nend\n", false).is_empty());
    // Declared, but the lines come in the same order: the table would lie.
    assert_eq!(
        problems(&[&order], "> 1\n> 2\n", "> 1\n> 2\n", false).len(),
        1
    );
    // Another line differs besides the declared order.
    assert_eq!(
        problems(&[&order], "> 2\n> 1\nx\n", "> 1\n> 2\ny\n", false).len(),
        1
    );
}

/// Modules in `examples/` that lessons' drivers import, which are not lessons.
const DRIVER_MODULES: &[&str] = &["earlier_cells", "user_input"];

#[test]
fn every_python_file_in_examples_is_a_lessons_or_a_drivers() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut strays = Vec::new();
    for entry in std::fs::read_dir(examples).expect("examples/ exists") {
        let path = entry.expect("a readable directory entry").path();
        if path.extension().is_some_and(|e| e == "py") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let lesson = corolab::find_lesson(&stem).is_some_and(|l| !l.python().is_empty());
            if !lesson && !DRIVER_MODULES.contains(&stem.as_str()) {
                strays.push(stem);
            }
        }
    }
    assert!(strays.is_empty(), "Python files no lesson runs: {strays:?}");
}
