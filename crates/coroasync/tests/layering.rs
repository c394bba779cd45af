//! The crate's modules form the layers `lib.rs` lists: each imports only from its
//! own layer or those below, and no import cycle is longer than two modules. A
//! change that makes the task cell reach into the scheduler, say, fails here with
//! the line that does it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Each module and its layer, bottom up, as `lib.rs` lists them.
const LAYERS: &[(&str, u8)] = &[
    ("cancel", 1),
    ("diagnostics", 1),
    ("error", 1),
    ("pool", 1),
    ("snapshot", 1),
    ("tick", 1),
    ("timers", 1),
    ("unwind", 1),
    ("waiting", 1),
    ("waker", 1),
    ("watchdog", 1),
    ("cell", 2),
    ("core", 3),
    ("context", 4),
    ("context_var", 5),
    ("interrupt", 5),
    ("task", 5),
    ("time", 5),
    ("waiters", 5),
    ("watch", 5),
    ("as_completed", 6),
    ("barrier", 6),
    ("blocking", 6),
    ("condition", 6),
    ("event", 6),
    ("gather", 6),
    ("group", 6),
    ("guard", 6),
    ("lock", 6),
    ("print", 6),
    ("queue", 6),
    ("race", 6),
    ("scope", 6),
    ("settled", 6),
    ("shield", 6),
    ("streams", 6),
    ("timeout", 6),
    ("wait", 6),
    ("event_loop", 7),
    ("loop_thread", 7),
    ("submitted", 7),
];

/// Every `crate::module` a module's code (not its comments) names, with the line.
fn imports(src: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut files = vec![src.to_path_buf()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        let relative = path
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let module = relative.split(['/', '.']).next().unwrap().to_owned();
        for (number, line) in fs::read_to_string(&path).unwrap().lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for target in named_modules(line) {
                let at = format!("{relative}:{}", number + 1);
                found.entry(module.clone()).or_default().push((target, at));
            }
        }
    }
    found
}

/// The modules a line names as `crate::name` or inside `use crate::{a::X, b::Y}`.
fn named_modules(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (index, _) in line.match_indices("crate::") {
        let rest = &line[index + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').filter_map(|part| {
                let part = part.trim();
                part.find("::").map(|end| part[..end].to_owned())
            }));
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()))
                .unwrap_or(rest.len());
            if rest[end..].starts_with("::") || rest[end..].starts_with(';') {
                names.push(rest[..end].to_owned());
            }
        }
    }
    names
}

#[test]
fn every_module_imports_only_from_its_layer_or_below() {
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = imports(&src);
    let mut wrong = Vec::new();
    for (module, targets) in &found {
        if module == "lib" {
            continue;
        }
        let Some(&own) = layer.get(module.as_str()) else {
            wrong.push(format!(
                "module `{module}` is in no layer: add it to LAYERS and lib.rs"
            ));
            continue;
        };
        for (target, at) in targets {
            match layer.get(target.as_str()) {
                Some(&theirs) if theirs > own => wrong.push(format!(
                    "{at}: `{module}` (layer {own}) imports `{target}` (layer {theirs})"
                )),
                _ => {}
            }
        }
    }
    assert!(
        found.contains_key("cell") && found.contains_key("core"),
        "no sources read"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_import_cycle_is_longer_than_two_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = imports(&src);
    let edges: BTreeMap<&str, Vec<&str>> = (found.iter())
        .map(|(module, targets)| {
            let mut targets: Vec<&str> = targets.iter().map(|(t, _)| t.as_str()).collect();
            targets.retain(|target| *target != module && found.contains_key(*target));
            (module.as_str(), targets)
        })
        .collect();
    // Modules that reach each other, each through the edges: a cycle joins them.
    let reaches = |from: &str, to: &str| {
        let mut seen = vec![from];
        let mut todo = vec![from];
        while let Some(module) = todo.pop() {
            for &next in edges.get(module).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if !seen.contains(&next) {
                    seen.push(next);
                    todo.push(next);
                }
            }
        }
        false
    };
    for &module in edges.keys() {
        let cycle: Vec<&str> = (edges.keys().copied())
            .filter(|&other| other == module || (reaches(module, other) && reaches(other, module)))
            .collect();
        assert!(
            cycle.len() <= 2,
            "an import cycle of {} modules: {}",
            cycle.len(),
            cycle.join(", ")
        );
    }
}
