//! Keeps the course readable as a book and on GitHub alike: `docs/SUMMARY.md` (the
//! book's table of contents) lists the course in `docs/README.md`'s order and every
//! page of `docs/`, and every relative link in `docs/` and the README reaches a
//! file, and a heading where it names one. Run with `UPDATE_DOCS=1` to rewrite
//! `docs/SUMMARY.md` from `docs/README.md` instead.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The reference pages, in the order the book lists them after the lessons.
const REFERENCE: [&str; 9] = [
    "coroasync.md",
    "corogen.md",
    "embedding.md",
    "parity.md",
    "reliability.md",
    "benchmarks.md",
    "coming-from-tokio.md",
    "outgrowing-one-thread.md",
    "asyncio-order.md",
];

/// The pages the book puts before the lessons, after the introduction.
const FRONT: [&str; 2] = ["concepts.md", "glossary.md"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The text of a page's first `# ` heading: its title in the book.
fn title_of(page: &str) -> String {
    let path = root().join("docs").join(page);
    let text = read(&path);
    let title = text.lines().find_map(|line| line.strip_prefix("# "));
    title
        .unwrap_or_else(|| panic!("{page} has no `# ` title"))
        .to_owned()
}

/// The book's table of contents, built from `docs/README.md`: its chapters (the
/// `## ` headings that hold numbered lessons) and their lessons in its order, the
/// front pages before them and the reference pages after, unnumbered.
fn summary() -> String {
    let course = read(&root().join("docs/README.md"));
    let mut text = format!("# Summary\n\n[{}](README.md)\n\n", title_of("README.md"));
    for page in FRONT {
        text.push_str(&format!("[{}]({page})\n", title_of(page)));
    }
    let mut chapter = None;
    for line in course.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            chapter = Some(heading);
            continue;
        }
        let Some(page) = numbered_lesson(line) else {
            continue;
        };
        if let Some(heading) = chapter.take() {
            text.push_str(&format!("\n# {heading}\n\n"));
        }
        text.push_str(&format!("- [{}]({page})\n", title_of(page)));
    }
    // After a rule and unnumbered, as mdBook's suffix chapters: the numbers stay
    // the lessons' own.
    text.push_str("\n---\n\n");
    for page in REFERENCE {
        text.push_str(&format!("[{}]({page})\n", title_of(page)));
    }
    text
}

/// The page of a line such as `12. [Title](lessons/NAME.md) — …`, if it is one.
fn numbered_lesson(line: &str) -> Option<&str> {
    let (number, rest) = line.split_once(". [")?;
    if number.is_empty() || !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let start = rest.find("](lessons/")? + 2;
    let end = start + rest[start..].find(')')?;
    Some(&rest[start..end])
}

#[test]
fn the_summary_follows_the_course() {
    let path = root().join("docs/SUMMARY.md");
    let wanted = summary();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &wanted).expect("the summary can be written");
    }
    assert!(
        std::fs::read_to_string(&path).ok().as_deref() == Some(wanted.as_str()),
        "docs/SUMMARY.md differs from docs/README.md's course \
         (rerun with UPDATE_DOCS=1 to rewrite it)"
    );
}

/// Every `.md` file under `dir`, as paths relative to `base`.
fn pages_under(dir: &Path, base: &Path, pages: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("docs/ is readable") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            pages_under(&path, base, pages);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            let relative = path.strip_prefix(base).expect("under docs/");
            pages.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_page_is_in_the_book() {
    let docs = root().join("docs");
    let mut pages = BTreeSet::new();
    pages_under(&docs, &docs, &mut pages);
    let summary = summary();
    let missing: Vec<_> = pages
        .iter()
        .filter(|page| *page != "SUMMARY.md" && !summary.contains(&format!("]({page})")))
        .collect();
    assert!(
        missing.is_empty(),
        "pages the book leaves out (list them in docs/README.md, or in REFERENCE in \
         tests/doc_links.rs): {missing:?}"
    );
}

/// The targets of the Markdown links and images in `text`, outside code.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code sits between backticks: the odd-numbered pieces.
        for (piece, prose) in line.split('`').enumerate() {
            if piece % 2 == 1 {
                continue;
            }
            let mut rest = prose;
            while let Some(at) = rest.find("](") {
                let target = &rest[at + 2..];
                let end = target.find(')').unwrap_or(target.len());
                found.push(target[..end].to_owned());
                rest = &target[end..];
            }
        }
    }
    found
}

/// GitHub's and mdBook's anchor for a heading: lower case, spaces to hyphens,
/// every other character that is not a letter, digit, `-` or `_` dropped.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect::<String>()
        .to_lowercase()
}

/// The anchors of a page's headings, a repeated one numbered as GitHub does.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let heading = line.trim_start_matches('#');
        if fenced || heading.len() == line.len() || !heading.starts_with(' ') {
            continue;
        }
        let base = slug(&heading.trim().replace('`', ""));
        let mut anchor = base.clone();
        let mut repeat = 0;
        while anchors.contains(&anchor) {
            repeat += 1;
            anchor = format!("{base}-{repeat}");
        }
        anchors.insert(anchor);
    }
    anchors
}

/// `path` with its `.` and `..` parts resolved, without touching the disk.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What is wrong with the link `target` in the page at `page`, if anything.
fn broken(page: &Path, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
    let file = if file.is_empty() {
        page.to_path_buf()
    } else {
        normal(&page.parent().expect("a page has a folder").join(file))
    };
    if !file.starts_with(root()) || !file.exists() {
        return Some(format!("{target}: no such file"));
    }
    if anchor.is_empty() {
        return None;
    }
    let is_page = file.extension().is_some_and(|ext| ext == "md");
    (!is_page || !anchors(&read(&file)).contains(anchor))
        .then(|| format!("{target}: no heading with that anchor"))
}

#[test]
fn every_relative_link_reaches_its_file_and_heading() {
    let docs = root().join("docs");
    let mut pages = BTreeSet::new();
    pages_under(&docs, &docs, &mut pages);
    let mut paths: Vec<PathBuf> = pages.iter().map(|page| docs.join(page)).collect();
    paths.push(root().join("README.md"));
    let mut broken_links = Vec::new();
    for path in &paths {
        for target in links(&read(path)) {
            if let Some(what) = broken(path, &target) {
                let page = path.strip_prefix(root()).expect("in the repository");
                broken_links.push(format!("{}: {what}", page.display()));
            }
        }
    }
    assert!(
        broken_links.is_empty(),
        "broken links:\n{}",
        broken_links.join("\n")
    );
}

#[test]
fn the_link_reader_finds_links_and_anchors_as_github_does() {
    let text = "See [a](x.md#b-c) and `[no](code.md)`.\n```\n[no](fenced.md)\n```\n\
                ## `wait`: all, first\n## Repeat\n## Repeat\n";
    assert_eq!(links(text), ["x.md#b-c"]);
    let found: Vec<_> = anchors(text).into_iter().collect();
    assert_eq!(found, ["repeat", "repeat-1", "wait-all-first"]);
}
