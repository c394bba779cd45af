//! Keeps `docs/lessons/` from drifting: the Rust on each page is its example file,
//! and the output is what the lesson prints on virtual time. Run with
//! `UPDATE_DOCS=1` to rewrite both blocks from the sources instead.
//!
//! A lesson whose Python defines what its Rust imports (`fib`, the `Scheduler`)
//! also has a section with the Rust definitions, cut from their source
//! ([`corolab::Lesson::excerpts`]), rewritten and checked the same way.

use std::path::Path;

use corolab::{Flags, LESSONS};

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

#[test]
fn every_page_shows_its_example_and_its_output() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut drifted = Vec::new();
    for lesson in LESSONS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/lessons")
            .join(format!("{}.md", lesson.name));
        let page = std::fs::read_to_string(&path).expect("every lesson has a page");
        let output = lesson.run_captured(Flags::default()).output();
        if update {
            let mut page = page;
            page.replace_range(block_range(&page, "## Rust", "rust"), lesson.rust);
            page.replace_range(block_range(&page, "## Output", "text"), &output);
            let page = with_definitions(&page, lesson);
            std::fs::write(&path, page).expect("the page can be written");
            continue;
        }
        if page[block_range(&page, "## Rust", "rust")] != *lesson.rust {
            drifted.push(format!(
                "{}: the Rust differs from examples/{}.rs",
                lesson.name,
                lesson.example()
            ));
        }
        if with_definitions(&page, lesson) != page {
            drifted.push(format!(
                "{}: the definitions differ from their source",
                lesson.name
            ));
        }
        if page[block_range(&page, "## Output", "text")] != output {
            drifted.push(format!(
                "{}: the output differs from what the lesson prints",
                lesson.name
            ));
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
    if let Some(start) = page.find(DEFINITIONS) {
        let end = page[start + DEFINITIONS.len()..]
            .find("\n## ")
            .map_or(page.len(), |end| start + DEFINITIONS.len() + end + 1);
        page.replace_range(start..end, "");
    }
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
