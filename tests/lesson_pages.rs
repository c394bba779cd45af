//! Keeps `docs/lessons/` from drifting: the Rust on each page is its example file,
//! and the output is what the lesson prints on virtual time. Run with
//! `UPDATE_DOCS=1` to rewrite both blocks from the sources instead.

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
