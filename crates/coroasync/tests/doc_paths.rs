//! The doc examples are code users paste into a crate that depends on `coroasync`
//! alone. `corotrace` is only this crate's own dependency, so a `corotrace::` path
//! in an example compiles here (as a doctest) and fails there with E0432. The
//! examples name what `coroasync` re-exports instead.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The lines (1-based, with their text) of `source`'s doc comments that sit
/// inside a code block and name a path of `krate`.
fn doc_code_naming(source: &str, krate: &str) -> Vec<(usize, String)> {
    let needle = format!("{krate}::");
    let mut in_code = false;
    let mut found = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        let Some(doc) = trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"))
        else {
            in_code = false;
            continue;
        };
        if doc.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if in_code && doc.contains(&needle) {
            found.push((index + 1, trimmed.to_owned()));
        }
    }
    found
}

#[test]
fn doc_examples_use_only_paths_a_user_of_coroasync_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let files = rust_files(&src);
    assert!(
        files.len() > 10,
        "found only {files:?} under {}",
        src.display()
    );
    let mut offenders = Vec::new();
    for file in files {
        let source = fs::read_to_string(&file).expect("a readable source file");
        for (line, text) in doc_code_naming(&source, "corotrace") {
            let name = file.strip_prefix(root).unwrap_or(&file);
            offenders.push(format!("{}:{line}: {text}", name.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "doc examples name `corotrace::`, which a crate depending only on coroasync \
         cannot resolve (E0432); use the `coroasync::` re-export:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_scan_finds_a_path_in_a_doc_example_and_nowhere_else() {
    let source = "\
//! Prose may say corotrace::Trace.
//! ```
//! use corotrace::Trace;
//! ```
use corotrace::Event;
/// ```
/// # use corotrace::TaskId;
/// ```
fn f() {}
";
    let found: Vec<usize> = doc_code_naming(source, "corotrace")
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, [3, 7]);
}
