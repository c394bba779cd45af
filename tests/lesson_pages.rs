//! Keeps `docs/lessons/` from drifting: the Python on each page is its
//! `examples/NAME.py`, the Rust its example file, the output what the lesson prints
//! on virtual time, and the checked differences those declared in
//! `src/differences.rs`. Run with `UPDATE_DOCS=1` to rewrite them from the sources
//! instead.
//!
//! A lesson whose Python defines what its Rust imports (`fib`, the `Scheduler`)
//! also has a section with the Rust definitions, cut from their source
//! ([`corolab::Lesson::excerpts`]), rewritten and checked the same way.
//!
//! A lesson that runs a scheduler also has its timeline, drawn as
//! `corolab timeline NAME --svg` draws it, in `docs/lessons/timelines/NAME.svg`,
//! and a section on its page that shows it: both rewritten and checked too.
//!
//! A lesson that runs a coroasync event loop says whether its output depends on
//! the order (`lesson_pages/order.rs`), as `corolab explore` finds.

use std::path::Path;

use corolab::{Flags, LESSONS, Lesson, Stage, differences_of};

#[path = "lesson_pages/order.rs"]
mod order;

/// Where the body of the first ```LANGUAGE block after `heading` lies.
fn block_range(page: &str, heading: &str, language: &str) -> std::ops::Range<usize> {
    let section = page.find(heading).expect("the page has the section");
    let fence = format!("```{language}\n");
    let start = section
        + page[section..]
            .find(&fence)
            .expect("the section has the block")
        + fence.len();
    let end = start + page[start..].find("```").expect("the block is closed");
    start..end
}

const CHECKED: &str = "<!-- The differences the parity test allows (src/differences.rs). -->\n";
const CHECKED_END: &str = "<!-- End of the checked differences. -->\n\n";

/// What the page says the parity test checks: the lesson's declared differences.
fn checked(lesson: &Lesson) -> String {
    let mut text = String::from(CHECKED);
    text.push_str("The parity test (`tests/parity.rs`) runs the Python above on virtual time");
    let declared: Vec<_> = differences_of(lesson.name).collect();
    if declared.is_empty() {
        text.push_str(" and finds it prints exactly what the lesson prints.\n");
    } else {
        text.push_str(" and allows only these differences:\n\n");
        for difference in declared {
            let what = difference.lines.describe();
            let mut chars = what.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let what: String = first.into_iter().chain(chars).collect();
            text.push_str(&format!("- {what}. {}\n", difference.why));
        }
    }
    text.push('\n');
    text.push_str(CHECKED_END);
    text
}

/// Where the checked differences lie: between their markers, or, on a page that
/// has none yet, an empty range just after the output.
fn checked_range(page: &str) -> std::ops::Range<usize> {
    if let (Some(start), Some(end)) = (page.find(CHECKED), page.find(CHECKED_END)) {
        return start..end + CHECKED_END.len();
    }
    let output = block_range(page, "## Output", "text");
    let at = output.end + page[output.end..].find("```\n").expect("closed") + 4;
    let at = at + page[at..].find("## ").unwrap_or(page.len() - at);
    at..at
}

#[test]
fn every_page_shows_its_python_its_example_and_its_output() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut drifted = Vec::new();
    let mut order_dependent = Vec::new();
    for lesson in LESSONS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/lessons")
            .join(format!("{}.md", lesson.name));
        let mut page = std::fs::read_to_string(&path).expect("every lesson has a page");
        let run = lesson.run_captured(Flags::default());
        let output = fold_scheduler_lines(&run.output());
        let checked = checked(lesson);
        let mut blocks: Vec<(&str, std::ops::Range<usize>, &str)> = Vec::new();
        // The embedding toys have no Python, so nothing to check it against.
        if !lesson.python().is_empty() {
            blocks.push(("the checked differences", checked_range(&page), &checked));
        }
        blocks.push((
            "the output",
            block_range(&page, "## Output", "text"),
            &output,
        ));
        blocks.push((
            "the Rust",
            block_range(&page, "## Rust", "rust"),
            lesson.rust,
        ));
        if !lesson.python().is_empty() {
            let python = block_range(&page, "## Python", "python");
            blocks.push(("the Python", python, lesson.python()));
        }
        // From the end of the page back, so each range still holds when written.
        for (what, range, text) in blocks {
            if page[range.clone()] == *text {
                continue;
            }
            if update {
                page.replace_range(range, text);
            } else {
                drifted.push(format!("{}: {what} differs from its source", lesson.name));
            }
        }
        let svg = timeline_svg(lesson, &run);
        let page_now = page.clone();
        page = with_line_by_line(&page, lesson);
        if page != page_now && !update {
            drifted.push(format!("{}: the line-by-line pairing differs", lesson.name));
        }
        let found = order::exploration(lesson);
        if found
            .as_ref()
            .is_some_and(|found| !found.is_order_independent())
        {
            order_dependent.push(lesson.name);
        }
        let page_now = page.clone();
        page = order::with_section(&page, found.as_ref().map(order::section).as_deref());
        if page != page_now && !update {
            drifted.push(format!(
                "{}: the order section differs from what explore finds",
                lesson.name
            ));
        }
        if update {
            let page = with_timeline(&with_definitions(&page, lesson), lesson, svg.is_some());
            std::fs::write(&path, page).expect("the page can be written");
        } else if with_definitions(&page, lesson) != page {
            drifted.push(format!(
                "{}: the definitions differ from their source",
                lesson.name
            ));
        }
        drifted.extend(timeline_drift(&page, lesson, svg.as_deref(), update));
    }
    let declared: Vec<&str> = corolab::ORDER_RACES.iter().map(|(name, _)| *name).collect();
    for name in &order_dependent {
        if !declared.contains(name) {
            drifted.push(format!(
                "{name}: depends on the order, and src/explore/why.rs does not say why"
            ));
        }
    }
    for name in declared {
        if !order_dependent.contains(&name) {
            drifted.push(format!("{name}: src/explore/why.rs says why its order matters, and explore finds it does not"));
        }
    }
    assert!(
        drifted.is_empty(),
        "{}\n(rerun with UPDATE_DOCS=1 to rewrite the pages from the sources)",
        drifted.join("\n")
    );
}

/// The heading of the section that shows the crates' definitions.
const DEFINITIONS: &str = "## What the Python defines, in Rust\n";

/// `page` with its definitions section as the crates' source has it: rewritten,
/// put in before `## Output` where it is missing, or taken out where the lesson
/// shows no definitions.
fn with_definitions(page: &str, lesson: &corolab::Lesson) -> String {
    let mut page = page.to_owned();
    remove_section(&mut page, DEFINITIONS);
    let section = definitions_section(lesson);
    if !section.is_empty() {
        let at = page.find("## Output\n").expect("the page has an output");
        page.insert_str(at, &section);
    }
    page
}

/// The definitions section of `lesson`'s page, or nothing if it shows none.
fn definitions_section(lesson: &corolab::Lesson) -> String {
    let excerpts = lesson
        .excerpts()
        .unwrap_or_else(|error| panic!("{}: {error}", lesson.name));
    if excerpts.is_empty() {
        return String::new();
    }
    let names: Vec<String> = excerpts
        .iter()
        .flat_map(|excerpt| &excerpt.items)
        .map(|item| format!("`{item}`"))
        .collect();
    let mut section = format!(
        "{DEFINITIONS}\nThe Python defines what the Rust above imports. Below is the \
         Rust of each, cut from the file named above it (doc comments left out): {}.\n\n\
         <!-- Cut from the files named; a test keeps them equal. -->\n",
        names.join(", ")
    );
    for excerpt in excerpts {
        section.push_str(&format!(
            "From [`{0}`](../../{0}):\n\n```rust\n{1}```\n\n",
            excerpt.file, excerpt.code
        ));
    }
    section
}

/// The heading of the section that shows the lesson's timeline.
const TIMELINE: &str = "## Timeline\n";

/// Where the timeline pictures live, beside the pages that show them.
fn timelines_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lessons/timelines")
}

/// `lesson`'s timeline as `corolab timeline NAME --svg` draws it (folded, titled),
/// or `None` if the lesson runs no scheduler.
fn timeline_svg(lesson: &Lesson, run: &Stage) -> Option<String> {
    let timeline = run.trace().timeline();
    (timeline.steps() > 0).then(|| {
        timeline
            .folded()
            .titled(&format!("{} — {}", lesson.name, lesson.title))
            .to_svg()
    })
}

/// The timeline section of `lesson`'s page: what the picture shows and how to
/// draw it in a terminal.
fn timeline_section(lesson: &Lesson) -> String {
    let name = lesson.name;
    format!(
        "{TIMELINE}\n<!-- What `corolab timeline {name} --svg` draws; a test keeps it equal. -->\n\
         One column a task, one row a step: which task ran, and what the others were \
         doing meanwhile; a long steady stretch folds into one `⋮ N steps` row. In a \
         terminal: `cargo run --release -- timeline {name}` (`--steps A..B` narrows it, \
         `--all` unfolds it, `--output` adds what each step printed).\n\n\
         [![The timeline of {name}](timelines/{name}.svg)](timelines/{name}.svg)\n\n"
    )
}

/// `page` with its timeline section as it should be: rewritten, put in after the
/// output (and its checked differences) where it is missing, or taken out where
/// the lesson has no timeline.
fn with_timeline(page: &str, lesson: &Lesson, has_timeline: bool) -> String {
    let mut page = page.to_owned();
    remove_section(&mut page, TIMELINE);
    if has_timeline {
        let output = page.find("## Output\n").expect("the page has an output");
        let at = page[output + 1..]
            .find("\n## ")
            .map_or(page.len(), |at| output + 1 + at + 1);
        page.insert_str(at, &timeline_section(lesson));
    }
    page
}

/// What differs between `lesson`'s timeline (`svg`) and its picture and section
/// on the page; with `update`, the picture is rewritten instead (the section is
/// rewritten with the page).
fn timeline_drift(page: &str, lesson: &Lesson, svg: Option<&str>, update: bool) -> Vec<String> {
    let path = timelines_dir().join(format!("{}.svg", lesson.name));
    let mut drifted = Vec::new();
    let on_disk = std::fs::read_to_string(&path).ok();
    if update {
        match svg {
            Some(svg) if on_disk.as_deref() != Some(svg) => {
                std::fs::create_dir_all(timelines_dir()).expect("the folder can be made");
                std::fs::write(&path, svg).expect("the picture can be written");
            }
            None if on_disk.is_some() => std::fs::remove_file(&path).expect("removable"),
            _ => {}
        }
        return drifted;
    }
    if on_disk.as_deref() != svg {
        drifted.push(format!(
            "{}: the timeline picture differs from its run",
            lesson.name
        ));
    }
    if with_timeline(page, lesson, svg.is_some()) != page {
        drifted.push(format!("{}: the timeline section differs", lesson.name));
    }
    drifted
}

/// The most bytes a timeline picture may take: the page loads it whole, and the
/// folding keeps even the longest lesson's well under it.
const PICTURE_BUDGET: u64 = 32 * 1024;

#[test]
fn every_timeline_picture_belongs_to_a_lesson_and_is_small() {
    // No folder means no pictures, hence none astray.
    let entries = std::fs::read_dir(timelines_dir()).into_iter().flatten();
    let mut wrong = Vec::new();
    for entry in entries {
        let entry = entry.expect("readable");
        let file = entry.file_name().to_string_lossy().into_owned();
        let name = file.strip_suffix(".svg");
        if !name.is_some_and(|name| LESSONS.iter().any(|lesson| lesson.name == name)) {
            wrong.push(format!("{file}: the picture of no lesson"));
        }
        let size = entry.metadata().expect("readable").len();
        if size > PICTURE_BUDGET {
            wrong.push(format!("{file}: {size} bytes, over {PICTURE_BUDGET}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `page` with its "Line by line" section as the lesson's pairing has it
/// ([`corolab::Lesson::line_by_line`]): rewritten, or put in before `## Python`.
fn with_line_by_line(page: &str, lesson: &Lesson) -> String {
    const HEADING: &str = "## Line by line\n";
    let section = lesson
        .line_by_line()
        .unwrap_or_else(|error| panic!("{error}"));
    let mut page = page.to_owned();
    remove_section(&mut page, HEADING);
    if let Some(at) = page.find("## Python\n") {
        page.insert_str(at, &section);
    }
    page
}

/// `output` with each long stretch of the scheduler's own `Running task N` lines
/// folded into one marker line, so a page shows where a program's own lines fall
/// between them without thousands of lines of them (the run of
/// primes-and-messages prints one a step).
fn fold_scheduler_lines(output: &str) -> String {
    const KEEP_FIRST: usize = 4;
    const KEEP_LAST: usize = 2;
    let lines: Vec<&str> = output.lines().collect();
    let mut folded = String::new();
    let mut at = 0;
    while at < lines.len() {
        let run = lines[at..]
            .iter()
            .take_while(|line| line.starts_with("Running task "))
            .count();
        let shown: Vec<&str> = if run > KEEP_FIRST + KEEP_LAST + 1 {
            let hidden = run - KEEP_FIRST - KEEP_LAST;
            let marker = format!("⋮ {hidden} more `Running task` lines");
            let mut shown = lines[at..at + KEEP_FIRST].to_vec();
            folded.extend(shown.drain(..).flat_map(|line| [line, "\n"]));
            folded.push_str(&marker);
            folded.push('\n');
            lines[at + run - KEEP_LAST..at + run].to_vec()
        } else {
            lines[at..at + run.max(1)].to_vec()
        };
        for line in shown {
            folded.push_str(line);
            folded.push('\n');
        }
        at += run.max(1);
    }
    folded
}

#[test]
fn long_stretches_of_scheduler_lines_fold_and_short_ones_stay() {
    let mut long = String::from("Found: 2\n");
    for step in 0..20 {
        long.push_str(&format!("Running task {}\n", step % 2));
    }
    long.push_str("message\n");
    let folded = fold_scheduler_lines(&long);
    assert_eq!(
        folded,
        "Found: 2\nRunning task 0\nRunning task 1\nRunning task 0\nRunning task 1\n\
         ⋮ 14 more `Running task` lines\nRunning task 0\nRunning task 1\nmessage\n"
    );
    let short = "Running task 0\nRunning task 1\nFound: 3\n";
    assert_eq!(fold_scheduler_lines(short), short);
}

/// Takes the section that starts at `heading` out of `page`, up to the next
/// `## ` heading (or the end), if the page has one.
fn remove_section(page: &mut String, heading: &str) {
    if let Some(start) = page.find(heading) {
        let end = page[start + heading.len()..]
            .find("\n## ")
            .map_or(page.len(), |end| start + heading.len() + end + 1);
        page.replace_range(start..end, "");
    }
}
