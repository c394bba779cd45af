//! The notes' exercises that are code, run: each variant in `examples/exercises/`
//! shows what its exercise asks to see (the assertions say what), on virtual time.
//! Where the exercise's Python is there too (`examples/exercises/NAME.py`), it runs
//! under the lessons' parity harness (`tests/parity/lesson.py`) and must print what
//! the Rust prints, but for the differences each test names.

use std::path::Path;
use std::process::Command;

use corolab::{Flag, Flags, Kind, Stage};

#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/exercises/character_move_fast.rs"]
mod character_move_fast;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/exercises/mapping_triples.rs"]
mod mapping_triples;
#[allow(dead_code)] // its `main` is the example binary's
#[path = "../examples/exercises/producer_consumer_many.rs"]
mod producer_consumer_many;

/// Runs an exercise on virtual time with `args` (its flags, after `--`).
fn run(name: &str, kind: Kind, declared: &[Flag], lesson: fn(&Stage), args: &[&str]) -> Stage {
    let flags = Flags::for_lesson(name, declared, args.iter().map(|arg| arg.to_string()))
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let stage = Stage::new(kind, true, false, flags);
    lesson(&stage);
    stage
}

/// What the exercise's Python prints, on stdout and stderr, under the parity
/// harness with `seed`.
fn python(name: &str, seed: &str) -> (String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(root.join("tests/parity/lesson.py"))
        .arg(root.join(format!("examples/exercises/{name}.py")))
        .args(["--seed", seed])
        .current_dir(root.join("tests/parity"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|error| panic!("the exercises' Python needs python3 3.11: {error}"));
    assert!(output.status.success(), "{name}.py failed");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("the Python prints UTF-8");
    (text(output.stdout), text(output.stderr))
}

/// The lines of `text` that start with `prefix`, and the others.
fn split_lines<'a>(text: &'a str, prefix: &str) -> (Vec<&'a str>, Vec<&'a str>) {
    text.lines().partition(|line| line.starts_with(prefix))
}

#[test]
fn a_user_ten_times_faster_than_the_loop_loses_nine_presses_in_ten() {
    let stage = run(
        "character-move-fast",
        character_move_fast::KIND,
        character_move_fast::FLAGS,
        character_move_fast::lesson,
        &[],
    );
    let output = stage.output();
    let (warnings, moves) = split_lines(&output, "UserWarning: ");
    // Ten readings a second apart; every one after the first comes nine periods
    // of 0.1 s late, so the presses of those periods were never read.
    assert_eq!(
        moves.iter().filter(|l| l.starts_with("MAIN FLOW")).count(),
        10
    );
    assert_eq!(warnings.len(), 9, "{output}");
    assert!(
        warnings.iter().all(|w| w.contains("delayed by 0.9")),
        "{output}"
    );

    // A user no faster than the loop: no warning, as in the lesson.
    let kept_up = run(
        "character-move-fast",
        character_move_fast::KIND,
        character_move_fast::FLAGS,
        character_move_fast::lesson,
        &["--period", "1"],
    );
    assert!(
        !kept_up.output().contains("UserWarning"),
        "{}",
        kept_up.output()
    );
}

#[test]
fn the_faster_user_prints_what_the_notes_python_prints() {
    let stage = run(
        "character-move-fast",
        character_move_fast::KIND,
        character_move_fast::FLAGS,
        character_move_fast::lesson,
        &[],
    );
    let rust = stage.output();
    let (py_out, py_err) = python("character_move_fast", "7");
    // Python's `warn` writes to stderr, with the file and line; the Rust prints the
    // warning among the moves, its delay to the millisecond.
    let (warnings, moves) = split_lines(&rust, "UserWarning: ");
    assert_eq!(moves.join("\n"), py_out.trim_end(), "stdout");
    let py_warnings: Vec<&str> = py_err
        .lines()
        .filter_map(|line| line.split_once("UserWarning: ").map(|(_, w)| w))
        .collect();
    assert_eq!(py_warnings.len(), warnings.len(), "{py_err}");
    for (py, rs) in py_warnings.iter().zip(&warnings) {
        let seconds = |line: &str| -> f64 {
            let after = line.split("delayed by ").nth(1).expect("a delay");
            after
                .split(' ')
                .next()
                .expect("seconds")
                .parse()
                .expect("a number")
        };
        assert!((seconds(py) - seconds(rs)).abs() < 0.0005, "{py} / {rs}");
    }
}

/// Runs `mapping_triples` with `args`.
fn triples(args: &[&str]) -> String {
    let m = (mapping_triples::KIND, mapping_triples::FLAGS);
    run("mapping-triples", m.0, m.1, mapping_triples::lesson, args).output()
}

/// The last line of `output`, a printed dict, as its `key: value` pairs.
fn pairs(output: &str) -> Vec<(u64, u64)> {
    let dict = output.lines().last().expect("a dict");
    let inner = dict.trim_start_matches('{').trim_end_matches('}');
    inner
        .split(", ")
        .map(|pair| {
            let (key, value) = pair.split_once(": ").expect("key: value");
            (key.parse().expect("a key"), value.parse().expect("a value"))
        })
        .collect()
}

#[test]
fn doubles_map_to_triples_whether_gathered_apart_or_together() {
    for args in [&[][..], &["--one-gather", "true"]] {
        let output = triples(args);
        let mut pairs = pairs(&output);
        pairs.sort_unstable();
        let expected: Vec<_> = (0..10).map(|n| (n * 2, n * 3)).collect();
        assert_eq!(pairs, expected, "{args:?}: {output}");
    }
    // Apart, every double is in before the first triple starts; together, all
    // twenty start before any is done, so a triple can finish before a double.
    let apart = triples(&[]);
    let first_triple = apart.find("thinking on a triple").expect("triples");
    let last_double = apart.rfind("got it: ").expect("results");
    assert!(
        apart[..first_triple].matches("got it").count() == 10,
        "{apart}"
    );
    assert!(last_double > first_triple);
    let together = triples(&["--one-gather", "true"]);
    let thinking = together.lines().take(21).skip(1);
    assert!(
        thinking.clone().all(|l| l.contains("thinking")),
        "{together}"
    );
    assert_eq!(thinking.filter(|l| l.contains("triple")).count(), 10);
}

#[test]
fn the_triples_print_what_their_python_prints() {
    assert_eq!(triples(&[]), python("mapping_triples", "7").0);
    let together = triples(&["--one-gather", "true"]);
    assert_eq!(together, python("mapping_triples_one_gather", "7").0);
}

/// Runs `producer_consumer_many` with `args`.
fn many(args: &[&str]) -> String {
    let m = (producer_consumer_many::KIND, producer_consumer_many::FLAGS);
    run(
        "producer-consumer-many",
        m.0,
        m.1,
        producer_consumer_many::lesson,
        args,
    )
    .output()
}

#[test]
fn more_producers_and_consumers_finish_every_message() {
    let output = many(&[]);
    assert_eq!(output.matches("finished processing").count(), 9, "{output}");
    assert_eq!(output.matches("sending a message").count(), 9, "{output}");
    assert!(output.ends_with("Finished\n"), "{output}");
    assert_eq!(output, python("producer_consumer_many", "7").0);
}

#[test]
fn a_consumer_that_fails_before_task_done_leaves_join_waiting_for_ever() {
    let output = many(&["--fail", "true"]);
    assert!(output.contains("going to fail now"), "{output}");
    assert!(!output.contains("Finished"), "{output}");
    // The loop's report names who waits on what: main on the producers' gather,
    // a producer on a full queue that no consumer is left to empty.
    let (body, report) = output.split_once("The loop stopped: ").expect("a report");
    assert!(report.starts_with("deadlock"), "{output}");
    assert!(report.contains("Queue.put"), "{output}");
    // The Python waits for ever; its driver's long timeout stands in for the
    // loop's report, so all lines before it must agree.
    let (python, _) = python("producer_consumer_failing", "7");
    let py_body = python.strip_suffix("TimeoutError\n").expect("a timeout");
    assert_eq!(body, py_body);
}

/// Runs the lesson `name` with `args` and returns what it prints.
fn lesson_output(name: &str, args: &[&str]) -> String {
    let flags = Flags::parse(args.iter().map(|arg| arg.to_string())).expect("well-formed flags");
    corolab::find_lesson(name)
        .expect("the lesson exists")
        .run_captured(flags)
        .output()
}

#[test]
fn wait_returns_at_the_first_completed_and_leaves_the_rest_running() {
    // The note's first commented-out line: `return_when=FIRST_COMPLETED`.
    let first = lesson_output("wait-modes", &["--return-when", "FIRST_COMPLETED"]);
    assert!(first.ends_with("main done\n1 done, 9 pending\n"), "{first}");
    assert_eq!(first.matches("done after sleep").count(), 1, "{first}");
    // Waiting for all: every task reports before `main done`.
    let all = lesson_output("wait-modes", &[]);
    let (before, _) = all.split_once("main done").expect("main ends");
    assert_eq!(before.matches("done after sleep").count(), 10, "{all}");
}

/// Every question and exercise the notes set their reader, by the page that
/// answers it and words of it the page quotes.
const QUESTIONS: &[(&str, &str)] = &[
    ("user-input", "when it is better to use multiprocessing"),
    ("user-input", "Why `sleep(1)` is needed here?"),
    (
        "character-move",
        "Do you see a problem with this event loop",
    ),
    ("character-move", "`user_input = UserInput(0.1)`"),
    (
        "character-move",
        "Do you see where the event loop is started",
    ),
    (
        "character-move",
        "Generators have `send` and `throw` methods",
    ),
    ("generator-basics", "What is needed?"),
    ("primes-and-messages", "`#sched.run_to_completion()`"),
    ("awaitable", "Take a look at `coroutine iteration result`"),
    ("input-provider", "Let's now reimplement our example"),
    ("gather-children", "If one of the children raises an error"),
    (
        "gather-children",
        "`asyncio.gather(*tasks, return_exceptions=True)`",
    ),
    ("gather-children", "Cancel the tasks instead"),
    ("mapping-results", "Add `get_triple` async function"),
    ("mapping-results", "within the same `asyncio.gather`"),
    (
        "blocking-factorial",
        "What would you see when the code is executed?",
    ),
    (
        "blocking-factorial",
        "Place `asyncio.sleep(0)` inside the `factorial`",
    ),
    ("blocking-factorial", "Use `loop.run_in_executor()`"),
    ("producer-consumer", "Add more producers and consumers"),
    (
        "producer-consumer",
        "intermittently fail before `queue.task_done()`",
    ),
    ("to-thread", "When should choose which one?"),
    ("wait-modes", "you can play with done and pending"),
    ("wait-for", "you can change timeout and sleep"),
    ("event-gather", "`# return_exceptions=True,`"),
    ("nursery", "Are there better options? Trio"),
    ("unsync", "But why all the interfaces are so different?"),
];

const ANSWER: &str = "<details><summary>Answer</summary>";

#[test]
fn every_question_of_the_notes_is_quoted_on_its_page_with_an_answer() {
    for &(lesson, words) in QUESTIONS {
        let page = corolab::find_lesson(lesson)
            .unwrap_or_else(|| panic!("{lesson} is a lesson"))
            .page;
        let quoted = page
            .lines()
            .position(|line| line.starts_with("> ") && line.contains(words))
            .unwrap_or_else(|| panic!("{lesson}'s page quotes \"{words}\""));
        let rest: Vec<&str> = page.lines().skip(quoted + 1).collect();
        let opens = rest.iter().position(|line| *line == ANSWER);
        let next_question = rest.iter().position(|line| line.starts_with("> "));
        let opens = opens.filter(|at| next_question.is_none_or(|next| at < &next));
        let opens = opens.unwrap_or_else(|| panic!("{lesson}: \"{words}\" has no answer"));
        let answer = rest[opens + 1..]
            .iter()
            .take_while(|line| **line != "</details>")
            .flat_map(|line| line.split_whitespace())
            .count();
        assert!(answer >= 40, "{lesson}: \"{words}\" has {answer} words");
    }
}
