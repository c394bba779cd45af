//! Every example in corogen's docs compiles in a crate that depends on corogen
//! alone. Doctests cannot show that by compiling, since they see every
//! dependency of this package, corotrace included; so this reads the docs for a
//! path into another workspace crate, which such a user could not write.

use std::path::{Path, PathBuf};

/// The crates a user of corogen does not depend on directly, as paths.
const FOREIGN: [&str; 3] = ["corotrace::", "genawaiter::", "coroasync::"];

/// The doc-comment lines of a Rust source file, with their line numbers.
fn doc_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_start();
        (line.starts_with("///") || line.starts_with("//!")).then_some((i + 1, line))
    })
}

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the source directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
}

fn offenders(name: &str, lines: impl Iterator<Item = (usize, String)>) -> Vec<String> {
    lines
        .filter(|(_, line)| FOREIGN.iter().any(|path| line.contains(path)))
        .map(|(number, line)| format!("{name}:{number}: {}", line.trim()))
        .collect()
}

#[test]
fn doc_comments_name_only_corogen_paths() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = sources(&dir);
    assert!(files.len() >= 8, "found only {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a readable source file");
        let lines = doc_lines(&source).map(|(n, line)| (n, line.to_owned()));
        found.extend(offenders(&file.display().to_string(), lines));
    }
    assert!(
        found.is_empty(),
        "use corogen's re-exports:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_corogen_page_names_only_corogen_paths() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/corogen.md");
    let text = std::fs::read_to_string(&page).expect("docs/corogen.md");
    let lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.to_owned()));
    let found = offenders("docs/corogen.md", lines);
    assert!(
        found.is_empty(),
        "use corogen's re-exports:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_foreign_path() {
    let source = "/// use corotrace::Trace;\nuse corotrace::Trace;\n//! corogen::Trace\n";
    let lines = doc_lines(source).map(|(n, line)| (n, line.to_owned()));
    assert_eq!(
        offenders("x.rs", lines),
        ["x.rs:1: /// use corotrace::Trace;"]
    );
}
