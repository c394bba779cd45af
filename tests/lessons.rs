//! Every lesson's output and timeline, on the virtual clock, as snapshots.
//!
//! The parity test (`tests/parity/lessons.rs`) compares each lesson's output with
//! what its Python (`examples/NAME.py`) prints, but for the differences declared
//! in `src/differences.rs`; these snapshots keep the outputs, and the timelines,
//! from changing unseen.

use corolab::{Flags, LESSONS};

/// Long timelines are cut here: the first rows show the pattern.
const TIMELINE_LINES: usize = 120;

#[test]
fn every_lesson_prints_what_it_printed() {
    for lesson in LESSONS {
        let stage = lesson.run_captured(Flags::default());
        insta::assert_snapshot!(format!("{}__output", lesson.name), stage.output());
    }
}

#[test]
fn every_lesson_draws_the_timeline_it_drew() {
    for lesson in LESSONS {
        let stage = lesson.run_captured(Flags::default());
        let timeline = stage.trace().timeline().to_string();
        let lines: Vec<&str> = timeline.lines().collect();
        let shown = if lines.len() > TIMELINE_LINES {
            format!(
                "{}\n… {} lines in all\n",
                lines[..TIMELINE_LINES].join("\n"),
                lines.len()
            )
        } else {
            timeline.clone()
        };
        insta::assert_snapshot!(format!("{}__timeline", lesson.name), shown);
    }
}

#[test]
fn a_lesson_runs_the_same_twice() {
    for lesson in LESSONS {
        let first = lesson.run_captured(Flags::default()).output();
        let second = lesson.run_captured(Flags::default()).output();
        assert_eq!(
            first, second,
            "{} is not deterministic on virtual time",
            lesson.name
        );
    }
}

#[test]
fn lesson_names_are_unique_and_every_one_is_found() {
    for (i, lesson) in LESSONS.iter().enumerate() {
        assert!(LESSONS[..i].iter().all(|other| other.name != lesson.name));
        assert_eq!(
            corolab::find_lesson(lesson.name).map(|l| l.name),
            Some(lesson.name)
        );
        assert_eq!(
            corolab::find_lesson(&lesson.example()).map(|l| l.name),
            Some(lesson.name)
        );
    }
    assert!(corolab::find_lesson("no-such-lesson").is_none());
}

#[test]
fn every_lesson_declares_its_flags_once_with_help() {
    for lesson in LESSONS {
        for (i, flag) in lesson.flags.iter().enumerate() {
            assert!(
                !["virtual", "help"].contains(&flag.name),
                "{}: --{} is every lesson's",
                lesson.name,
                flag.name
            );
            assert!(
                lesson.flags[..i]
                    .iter()
                    .all(|other| other.name != flag.name),
                "{}: --{} twice",
                lesson.name,
                flag.name
            );
            assert!(!flag.help.is_empty(), "{}: --{}", lesson.name, flag.name);
        }
        let defaults = Flags::for_lesson(lesson.name, lesson.flags, [] as [&str; 0]);
        assert!(defaults.is_ok(), "{}: the defaults parse", lesson.name);
    }
}

#[test]
fn every_page_names_the_flags_its_lesson_takes() {
    for lesson in LESSONS {
        let run_it = lesson
            .page
            .lines()
            .find(|line| line.starts_with("Run it:"))
            .unwrap_or_default();
        for flag in lesson.flags {
            assert!(
                run_it.contains(&format!("`--{}`", flag.name)),
                "{}'s page names --{}",
                lesson.name,
                flag.name
            );
        }
        assert_eq!(
            run_it.contains("-- --help"),
            !lesson.flags.is_empty(),
            "{}",
            lesson.name
        );
    }
}

/// A file of the repository, as text.
fn read(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn every_source_note_is_named_and_described_in_the_course_index() {
    let index = read("docs/README.md");
    let table = index
        .split("## Where the lessons come from")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/README.md says where the lessons come from");
    for note in corolab::SOURCE_NOTES {
        let row = format!("| `{}` |", note.name);
        assert!(table.contains(&row), "{} has a row", note.name);
    }
    for lesson in LESSONS {
        let entry = index
            .lines()
            .find(|line| line.contains(&format!("(lessons/{}.md)", lesson.name)))
            .unwrap_or_default();
        let expected = match lesson.source {
            Some(note) => format!("from [`{}`](#where-the-lessons-come-from)", note.name),
            None => "no Python original".to_owned(),
        };
        assert!(entry.ends_with(&expected), "{}: {entry}", lesson.name);
    }
}

#[test]
fn every_page_says_where_its_python_comes_from() {
    for lesson in LESSONS {
        let first = lesson.page.lines().nth(2).unwrap_or_default();
        let expected = match lesson.source {
            Some(note) => format!(
                "From [`{}`](../README.md#where-the-lessons-come-from). ",
                note.name
            ),
            None => "No Python original: ".to_owned(),
        };
        assert!(first.starts_with(&expected), "{}: {first}", lesson.name);
    }
}

/// The docs, the lessons and the binary, where a reader meets the notes' names.
fn docs_and_sources() -> Vec<(String, String)> {
    let mut files = vec![("README.md".to_owned(), read("README.md"))];
    for dir in ["docs", "docs/lessons", "examples", "src"] {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(full).expect("the directory exists") {
            let path = entry.expect("a readable entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.ends_with(".md") || name.ends_with(".rs") {
                let relative = format!("{dir}/{name}");
                files.push((relative.clone(), read(&relative)));
            }
        }
    }
    files
}

#[test]
fn the_notes_go_by_their_names_not_by_seed_numbers() {
    for (path, text) in docs_and_sources() {
        for (i, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            let numbered = lower.contains("seed 00") && !lower.contains("`seed 000` to");
            assert!(!numbered, "{path}:{}: {line}", i + 1);
            assert!(!line.contains("shared/"), "{path}:{}: {line}", i + 1);
        }
    }
}

#[test]
fn every_relative_link_in_the_docs_resolves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in docs_and_sources() {
        if !path.ends_with(".md") {
            continue;
        }
        let dir = root
            .join(&path)
            .parent()
            .expect("a file is in a folder")
            .to_owned();
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let file = target.split('#').next().unwrap_or_default();
            if file.is_empty() || file.contains("://") {
                continue;
            }
            assert!(
                dir.join(file).exists(),
                "{path}: the link to {target} leads nowhere"
            );
        }
    }
}

/// Runs `lesson` with `args` and returns what it prints.
fn output_with(lesson: &str, args: &[&str]) -> String {
    let flags = Flags::parse(args.iter().map(|arg| arg.to_string())).expect("well-formed flags");
    corolab::find_lesson(lesson)
        .expect("the lesson exists")
        .run_captured(flags)
        .output()
}

#[test]
fn wait_for_gives_up_with_the_notes_own_words() {
    // The note prints "waiting , task", space and all; the Python's own timeout (3 s)
    // never gives up, so the parity test cannot see this line.
    let output = output_with("wait-for", &["--timeout", "1"]);
    assert!(
        output.ends_with("main gave up waiting , task cancelled\n"),
        "{output}"
    );
}

#[test]
fn the_commented_out_variants_run_once_each() {
    let settled = output_with("event-gather", &["--return-exceptions", "true"]);
    assert!(
        settled.ends_with("['The end', Exception('The answer!'), Exception('Ooops!')]\n"),
        "{settled}"
    );
    let first = output_with("wait-modes", &["--return-when", "FIRST_EXCEPTION"]);
    assert!(
        first.ends_with("main done\n4 done, 6 pending\nTask-9: the task panicked: task 7 failed\n"),
        "{first}"
    );
}

/// How many lines of `output` are exactly `line`.
fn count(output: &str, line: &str) -> usize {
    output.lines().filter(|shown| *shown == line).count()
}

#[test]
fn the_message_interleaves_with_the_search_in_a_default_run() {
    let generators = output_with("primes-and-messages", &[]);
    assert!(
        count(&generators, "This is an async message") >= 3,
        "{generators}"
    );
    let found = generators
        .find("Found: 3571")
        .expect("the 10th prime is found");
    let message = generators.rfind("This is an async message").unwrap_or(0);
    assert!(
        message > found,
        "a message comes after the search has run a while"
    );
    let futures = output_with("asyncio-primes", &[]);
    assert!(
        count(&futures, "This is an async message!") >= 3,
        "{futures}"
    );
    let found = futures
        .find("Found: 3571")
        .expect("the 10th prime is found");
    let message = futures.rfind("This is an async message!").unwrap_or(0);
    assert!(
        message > found,
        "a message comes after the search has run a while"
    );
}

#[test]
fn the_input_provider_prints_each_dot_as_it_waits() {
    // One dot a line, as each second passes, rather than a burst when a key comes.
    let output = output_with("input-provider", &[]);
    let first = output.lines().next().unwrap_or_default();
    assert_eq!(first, ".", "{output}");
    assert!(output.lines().all(|line| line != ".." && line != "..."));
}

/// The lessons before the scheduler's: they drive generators by hand.
fn before_the_scheduler() -> &'static [corolab::Lesson] {
    let at = LESSONS
        .iter()
        .position(|lesson| lesson.name == "scheduler-one-task")
        .expect("the scheduler has its lesson");
    &LESSONS[..at]
}

#[test]
fn no_lesson_uses_the_scheduler_before_the_lesson_that_introduces_it() {
    for lesson in before_the_scheduler() {
        for word in ["Scheduler", "Step::", ".send("] {
            assert!(
                !lesson.rust.contains(word),
                "{} uses `{word}` before scheduler-one-task introduces it",
                lesson.name
            );
        }
    }
}

#[test]
fn no_lesson_spins_on_a_flag() {
    // The trap docs/coroasync.md warns of: a loop that yields until a flag is set
    // keeps the loop busy, so the clock never moves. Wait on an `Event` instead.
    for lesson in LESSONS {
        let lines: Vec<&str> = lesson.rust.lines().collect();
        for (i, window) in lines.windows(2).enumerate() {
            let spins = window[0].trim_start().starts_with("while ")
                && window[1].contains("yield_now().await");
            assert!(!spins, "{}:{}: {}", lesson.name, i + 1, window[0]);
        }
    }
}

#[test]
fn a_coroutine_object_shows_its_rust_type_not_a_python_repr() {
    let shown = [
        ("run-coroutine", "run_coroutine::main_::{{closure}}"),
        ("manager", "manager::counter_coro::{{closure}}"),
        ("send-none", "send_none::coro::{{closure}}"),
    ];
    for (lesson, type_name) in shown {
        let output = output_with(lesson, &[]);
        assert_eq!(output.lines().next(), Some(type_name), "{lesson}");
    }
    for lesson in ["generator-basics", "generator-object"] {
        let output = output_with(lesson, &[]);
        assert!(
            output.starts_with("corogen::generator::"),
            "{lesson}: {output}"
        );
        assert!(!output.contains("<generator object"), "{lesson}");
    }
}

/// The first ```LANGUAGE block of `text` after byte `from`: its body (each line
/// without the list item's two-space indent) and where it ends.
fn indented_block(text: &str, from: usize, language: &str) -> (String, usize) {
    let fence = format!("```{language}\n");
    let start = from + text[from..].find(&fence).expect("the block is there") + fence.len();
    let end = start + text[start..].find("```").expect("the block is closed");
    let body: Vec<&str> = text[start..end]
        .lines()
        .map(|line| line.strip_prefix("  ").unwrap_or(line))
        .collect();
    (body.join("\n").trim_end().to_owned(), end)
}

#[test]
fn a_forgotten_await_gives_the_warning_the_page_shows() {
    let page = corolab::find_lesson("run-coroutine")
        .expect("the lesson")
        .page;
    let differs = page.find("## What differs").expect("the section");
    let (snippet, end) = indented_block(page, differs, "rust");
    let (shown, _) = indented_block(page, end, "text");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("must-use");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::write(dir.join("snippet.rs"), format!("{snippet}\n")).expect("written");
    let compiled = std::process::Command::new("rustc")
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--emit",
            "metadata",
        ])
        .args(["--color", "never", "-o", "snippet.rmeta", "snippet.rs"])
        .current_dir(&dir)
        .output()
        .expect("rustc runs");
    assert!(compiled.status.success(), "the snippet compiles");
    let said = String::from_utf8_lossy(&compiled.stderr);
    let warning = said.split("\n\n").next().expect("rustc warns").trim_end();
    assert_eq!(warning, shown);
}

#[test]
fn the_blocking_factorial_holds_tick_up_and_the_fixes_do_not() {
    let output = output_with("blocking-factorial", &[]);
    let continued: Vec<f64> = output
        .lines()
        .filter_map(|line| line.trim().strip_prefix("tick continued at "))
        .map(|at| at.parse().expect("a time"))
        .collect();
    let [blocking, checkpoint, thread] = continued[..] else {
        panic!("three ticks: {output}");
    };
    // `tick` asks to continue after 1 s: the blocking factorial holds it past
    // the end of its own work, the checkpoints let it in about on time, and the
    // thread leaves the loop free.
    assert!(blocking > 1.5, "{output}");
    assert!(
        1.0 <= checkpoint && checkpoint < blocking && checkpoint < 1.5,
        "{output}"
    );
    assert_eq!(thread, 1.0, "{output}");
}

#[test]
fn a_normal_run_keeps_standard_error_quiet() {
    for lesson in LESSONS {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_corolab"))
            .args(["run", lesson.name, "--virtual"])
            .output()
            .expect("the binary runs");
        assert!(output.status.success(), "{}", lesson.name);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Rust's own division by zero is a panic the hook reports: the one line
        // left, in the lesson about it.
        let expected = if lesson.name == "nursery" { 1 } else { 0 };
        assert_eq!(
            stderr.lines().count(),
            expected,
            "{}: {stderr}",
            lesson.name
        );
        if expected == 1 {
            assert!(stderr.contains("attempt to divide by zero"), "{stderr}");
        }
    }
}
