//! Finds an item of Rust source by its name, so a page can show the crates' own
//! definition of what a lesson's Python defines.
//!
//! It walks a file's items whole, one after the other (and an `impl` block's
//! methods the same way), and reads each one's name off its first line. Where
//! an item ends is found by counting brackets, skipping comments, strings and
//! character literals, so neither a brace in a string nor a line of a string
//! that looks like a declaration can mislead it. It leans on `rustfmt` only
//! for where lines break: an item's name is on the line that declares it, and
//! an `impl` block's header ends with the `{` that opens it.

use std::fmt;
use std::ops::Range;

/// Why an item was not found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemError {
    /// No item of that name.
    NotFound,
    /// More than one item of that name (how many): name a method by its type.
    Ambiguous(usize),
    /// The item starts but its brackets never close.
    Unclosed,
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => write!(f, "no item of that name"),
            Self::Ambiguous(count) => write!(f, "{count} items of that name"),
            Self::Unclosed => write!(f, "the item's brackets never close"),
        }
    }
}

/// Where an item lies in its file, as byte ranges of whole lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// For a method, the header of its `impl` block, down to the `{`.
    pub(crate) header: Option<Range<usize>>,
    /// The item, from its first attribute or doc comment to its last line.
    pub(crate) lines: Range<usize>,
}

/// Finds `path` in `source`: `fib` is an item at the top level (a `fn`,
/// `struct`, `enum`, `trait`, `type`, `const` or `static`), `Scheduler::step` a
/// method of an `impl Scheduler` block (any, trait impls included).
pub(crate) fn find(source: &str, path: &str) -> Result<Item, ItemError> {
    let mut found = Vec::new();
    match path.split_once("::") {
        None => {
            for lines in items_in(source, 0..source.len()) {
                let lines = lines?;
                if name_of(source, lines.clone()) == Some(path) {
                    found.push(Item {
                        header: None,
                        lines,
                    });
                }
            }
        }
        Some((ty, method)) => {
            for block in items_in(source, 0..source.len()) {
                let Some((header, body)) = impl_of(source, block?, ty) else {
                    continue;
                };
                for lines in items_in(source, body) {
                    let lines = lines?;
                    if name_of(source, lines.clone()) == Some(method) {
                        found.push(Item {
                            header: Some(header.clone()),
                            lines,
                        });
                    }
                }
            }
        }
    }
    match <[Item; 1]>::try_from(found) {
        Ok([item]) => Ok(item),
        Err(found) if found.is_empty() => Err(ItemError::NotFound),
        Err(found) => Err(ItemError::Ambiguous(found.len())),
    }
}

/// The lines of `source` within `range`, each with its offset, newline kept.
fn lines_in(source: &str, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let start = range.start;
    source[range].split_inclusive('\n').scan(start, |at, line| {
        let offset = *at;
        *at += line.len();
        Some((offset, line))
    })
}

/// The items one after the other within `range` (a file, or an `impl` block's
/// body), each from its first doc comment or attribute to its end. Walking
/// whole items, rather than reading lines, is what keeps a line inside a string
/// or a function body from passing for a declaration.
fn items_in(
    source: &str,
    range: Range<usize>,
) -> impl Iterator<Item = Result<Range<usize>, ItemError>> + '_ {
    let mut at = range.start;
    std::iter::from_fn(move || {
        while at < range.end {
            let end_of_line = line_end(source, at).min(range.end);
            let code = source[at..end_of_line].trim_start();
            // Blank lines, comments, inner attributes and the block's own
            // closing brace lie between items.
            let between = code.is_empty()
                || code.starts_with("//") && !code.starts_with("///")
                || code.starts_with("//!")
                || code.starts_with("#!")
                || code.starts_with('}');
            if between {
                at = end_of_line;
                continue;
            }
            let start = at;
            return Some(match item_end(source, start) {
                Some(end) if end <= range.end => {
                    at = end;
                    Ok(start..end)
                }
                _ => {
                    at = range.end;
                    Err(ItemError::Unclosed)
                }
            });
        }
        None
    })
}

/// The name the item in `lines` declares: on its first line that is not a doc
/// comment or an attribute.
fn name_of(source: &str, lines: Range<usize>) -> Option<&str> {
    lines_in(source, lines)
        .map(|(_, line)| line.trim_start())
        .find(|line| !line.starts_with("///") && !line.starts_with("#["))
        .and_then(declared_name)
}

/// If the item in `lines` is an `impl` block for `ty`: its header (down to the
/// line ending with the `{` that opens it) and its body.
fn impl_of(source: &str, lines: Range<usize>, ty: &str) -> Option<(Range<usize>, Range<usize>)> {
    let (_, first) = lines_in(source, lines.clone()).next()?;
    if self_type(first)? != ty {
        return None;
    }
    let (at, opening) =
        lines_in(source, lines.clone()).find(|(_, line)| line.trim_end().ends_with('{'))?;
    let header_end = at + opening.len();
    Some((lines.start..header_end, header_end..lines.end))
}

/// The name of the item `code` (a line, without its indentation) declares, if
/// it declares one.
fn declared_name(code: &str) -> Option<&str> {
    let mut words = code.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word {
            "pub" | "async" | "unsafe" | "default" => {}
            _ if word.starts_with("pub(") => {}
            "const"
                if words
                    .peek()
                    .is_some_and(|w| ["fn", "async", "unsafe"].contains(w)) => {}
            "fn" | "struct" | "enum" | "trait" | "type" | "const" | "static" | "union" => {
                return words.next().map(identifier);
            }
            _ => return None,
        }
    }
    None
}

/// The identifier `word` starts with (`Scheduler` in `Scheduler<T,`).
fn identifier(word: &str) -> &str {
    let end = word
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(word.len());
    &word[..end]
}

/// The type an `impl` line is for: `Scheduler` in `impl<T> Scheduler<T> {` and
/// in `impl<T> Drop for Scheduler<T> {`.
fn self_type(line: &str) -> Option<&str> {
    let mut rest = line.strip_prefix("impl")?;
    if rest.starts_with('<') {
        // Past the generics; the `>` of an `->` in a bound closes nothing.
        let mut depth = 0;
        let mut previous = ' ';
        let end = rest.find(|c| {
            match c {
                '<' => depth += 1,
                '>' if previous != '-' => depth -= 1,
                _ => {}
            }
            previous = c;
            depth == 0
        })?;
        rest = &rest[end + 1..];
    } else if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.rsplit_once(" for ").map_or(rest, |(_, ty)| ty);
    Some(identifier(rest.trim_start()))
}

/// The end of the item that starts at `start` (just after the line holding its
/// closing `}`, or the `;` that ends it), or `None` if its brackets never close.
fn item_end(source: &str, start: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&byte) = bytes.get(i) {
        // Every arm that slices does so at an ASCII byte, a char boundary.
        match byte {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += source[i..].find('\n').unwrap_or(source.len() - i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += source[i..].find("*/")? + 2;
                continue;
            }
            b'"' => {
                i = string_end(bytes, i + 1)?;
                continue;
            }
            b'r' if raw_string_at(bytes, i) => {
                i = raw_string_end(source, i)?;
                continue;
            }
            b'\'' => {
                i += char_literal_len(&source[i..]).unwrap_or(1);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.checked_sub(1)?,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(line_end(source, i));
                }
            }
            b';' if depth == 0 => return Some(line_end(source, i)),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Just after the newline that ends the line holding byte `at`.
fn line_end(source: &str, at: usize) -> usize {
    source[at..].find('\n').map_or(source.len(), |n| at + n + 1)
}

/// Just after the `"` that closes a string whose text starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        match bytes.get(from)? {
            b'\\' => from += 2,
            b'"' => return Some(from + 1),
            _ => from += 1,
        }
    }
}

/// Whether a raw string (`r"…"`, `r#"…"#`) starts at byte `at`, an `r`.
fn raw_string_at(bytes: &[u8], at: usize) -> bool {
    let word_before = at > 0 && {
        let b = bytes[at - 1];
        b.is_ascii_alphanumeric() && b != b'b' || b == b'_'
    };
    let after = bytes[at + 1..].iter().find(|&&b| b != b'#');
    !word_before && after == Some(&b'"')
}

/// Just after the raw string that starts at byte `at`.
fn raw_string_end(source: &str, at: usize) -> Option<usize> {
    let hashes = source[at + 1..].find('"')?;
    let closing = format!("\"{}", "#".repeat(hashes));
    let text = at + 1 + hashes + 1;
    Some(text + source[text..].find(&closing)? + closing.len())
}

/// The length of the character literal `rest` starts with (`'{'`, `'\''`), or
/// `None` if its `'` starts a lifetime.
fn char_literal_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1);
    let (_, first) = chars.next()?;
    if first == '\\' {
        return Some(3 + rest.get(3..)?.find('\'')? + 1);
    }
    let (at, second) = chars.next()?;
    (second == '\'').then_some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::{ItemError, find, items_in, name_of};

    const SOURCE: &str = r##"use std::fmt;

/// Docs, left with the item.
#[inline]
pub fn braces<'a>(x: &'a str) -> [u8; 2] {
    let _ = ('{', '\'', "}\"}", r#"}"#);
    // a comment with a }
    [0; 2]
}

pub struct Unit;

impl<'a, T: Clone, F: Fn() -> T> Holder<'a, T, F> {
    pub fn get(&self) -> T {
        self.0.clone()
    }

    fn set(&mut self) {}
}

impl fmt::Debug for Holder<'_, u8> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")
    }
}

impl fmt::Display for Holder<'_, u8> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}
"##;

    fn text(range: std::ops::Range<usize>) -> &'static str {
        &SOURCE[range]
    }

    #[test]
    fn an_item_ends_at_its_own_brace_whatever_its_literals_hold() {
        let item = find(SOURCE, "braces").unwrap();
        assert_eq!(item.header, None);
        assert!(text(item.lines.clone()).starts_with("/// Docs, left with the item.\n#[inline]\n"));
        assert!(text(item.lines).ends_with("    [0; 2]\n}\n"));
        assert_eq!(
            text(find(SOURCE, "Unit").unwrap().lines),
            "pub struct Unit;\n"
        );
    }

    #[test]
    fn a_method_comes_with_its_impl_header() {
        let item = find(SOURCE, "Holder::set").unwrap();
        assert_eq!(
            text(item.header.unwrap()),
            "impl<'a, T: Clone, F: Fn() -> T> Holder<'a, T, F> {\n"
        );
        assert_eq!(text(item.lines), "    fn set(&mut self) {}\n");
        let fmt = find(SOURCE, "Holder::get").unwrap();
        assert!(text(fmt.lines).ends_with("        self.0.clone()\n    }\n"));
    }

    #[test]
    fn a_declaration_inside_a_string_or_a_body_is_not_an_item() {
        let source =
            "const TEXT: &str = \"\nfn hidden() {}\n\";\n\nfn outer() {\nfn inner() {}\n}\n";
        assert_eq!(find(source, "hidden"), Err(ItemError::NotFound));
        assert_eq!(find(source, "inner"), Err(ItemError::NotFound));
        assert!(find(source, "outer").is_ok());
    }

    #[test]
    fn a_missing_or_ambiguous_name_is_an_error() {
        assert_eq!(find(SOURCE, "nothing"), Err(ItemError::NotFound));
        assert_eq!(find(SOURCE, "get"), Err(ItemError::NotFound));
        assert_eq!(find(SOURCE, "Holder::fmt"), Err(ItemError::Ambiguous(2)));
        assert_eq!(find("fn open() {\n", "open"), Err(ItemError::Unclosed));
    }

    /// Every item at the top level of the workspace's own source is found
    /// whole, by its name, and ends where the next blank line or item begins.
    #[test]
    fn every_item_of_the_workspace_is_found_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("src"), root.join("crates"), root.join("examples")];
        let mut checked = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    checked += check_items(&source, &path.display().to_string());
                }
            }
        }
        assert!(checked > 300, "only {checked} items found");
    }

    /// Checks each top-level item of `source`; returns how many.
    fn check_items(source: &str, file: &str) -> usize {
        let mut checked = 0;
        for lines in items_in(source, 0..source.len()) {
            let lines = lines.unwrap_or_else(|error| panic!("{file}: {error}"));
            let Some(name) = name_of(source, lines.clone()) else {
                continue;
            };
            match find(source, name) {
                Ok(item) => assert_eq!(item.lines, lines, "{file}: {name}"),
                Err(ItemError::Ambiguous(_)) => continue,
                Err(error) => panic!("{file}: {name}: {error}"),
            }
            let next = source[lines.end..].lines().next().unwrap_or("");
            // What follows a whole item is a blank line or the next item, not a
            // continuation (indented, or a closing bracket, or `where`).
            let continues = next.starts_with(char::is_whitespace)
                || next.starts_with(['}', ')', ']', '{'])
                || next.starts_with("where");
            assert!(!continues, "{file}: {name} ends before {next:?}");
            checked += 1;
        }
        checked
    }
}
