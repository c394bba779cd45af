//! Finds an item of Rust source by its name, so a page can show the crates' own
//! definition of what a lesson's Python defines.
//!
//! The crates are formatted by `rustfmt`, which this leans on: an item starts on
//! a line of its own, at column 0 (a method, at column 4 inside its `impl`
//! block), and an `impl` block's header ends with the `{` that opens it. Where
//! an item ends is found by counting brackets, skipping comments, strings and
//! character literals, so a brace in a string cannot end it early.

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
    let found: Vec<Item> = match path.split_once("::") {
        None => declarations(source, 0..source.len(), 0, path)
            .map(|lines| {
                Ok(Item {
                    header: None,
                    lines: lines?,
                })
            })
            .collect::<Result<_, _>>()?,
        Some((ty, method)) => {
            let mut found = Vec::new();
            for block in impl_blocks(source, ty) {
                let (header, body) = block?;
                for lines in declarations(source, body, 4, method) {
                    found.push(Item {
                        header: Some(header.clone()),
                        lines: lines?,
                    });
                }
            }
            found
        }
    };
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

/// The items declared as `name` at `indent` within `range`.
fn declarations<'a>(
    source: &'a str,
    range: Range<usize>,
    indent: usize,
    name: &'a str,
) -> impl Iterator<Item = Result<Range<usize>, ItemError>> + 'a {
    let mut previous: Vec<(usize, &str)> = Vec::new();
    lines_in(source, range).filter_map(move |(offset, line)| {
        let declared = declares(line, indent, name);
        // Attributes and doc comments above an item belong to it.
        let mut start = offset;
        if declared {
            for &(above, text) in previous.iter().rev() {
                let text = text.trim_start();
                if !(text.starts_with("#[") || text.starts_with("///")) {
                    break;
                }
                start = above;
            }
        }
        previous.push((offset, line));
        declared.then(|| Ok(start..item_end(source, offset).ok_or(ItemError::Unclosed)?))
    })
}

/// Whether `line` declares an item called `name`, starting at column `indent`.
fn declares(line: &str, indent: usize, name: &str) -> bool {
    let Some(rest) = line.get(indent..) else {
        return false;
    };
    if !line[..indent].chars().all(|c| c == ' ') || rest.starts_with(char::is_whitespace) {
        return false;
    }
    let mut words = rest.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word {
            "pub" | "async" | "unsafe" | "default" => {}
            _ if word.starts_with("pub(") => {}
            "const"
                if words
                    .peek()
                    .is_some_and(|w| ["fn", "async", "unsafe"].contains(w)) => {}
            "fn" | "struct" | "enum" | "trait" | "type" | "const" | "static" | "union" => {
                return words.next().is_some_and(|w| identifier(w) == name);
            }
            _ => return false,
        }
    }
    false
}

/// The identifier `word` starts with (`Scheduler` in `Scheduler<T,`).
fn identifier(word: &str) -> &str {
    let end = word
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(word.len());
    &word[..end]
}

/// The `impl` blocks at the top level whose type is `ty`: each block's header
/// (down to the line ending with its `{`) and its body.
fn impl_blocks<'a>(
    source: &'a str,
    ty: &'a str,
) -> impl Iterator<Item = Result<(Range<usize>, Range<usize>), ItemError>> + 'a {
    lines_in(source, 0..source.len()).filter_map(move |(offset, line)| {
        if self_type(line)? != ty {
            return None;
        }
        let header_end = lines_in(source, offset..source.len())
            .find(|(_, line)| line.trim_end().ends_with('{'))
            .map(|(at, line)| at + line.len());
        let block = header_end.zip(item_end(source, offset));
        Some(
            block
                .map(|(header_end, end)| (offset..header_end, header_end..end))
                .ok_or(ItemError::Unclosed),
        )
    })
}

/// The type an `impl` line is for: `Scheduler` in `impl<T> Scheduler<T> {` and
/// in `impl<T> Drop for Scheduler<T> {`.
fn self_type(line: &str) -> Option<&str> {
    let mut rest = line.strip_prefix("impl")?;
    if rest.starts_with('<') {
        let mut depth = 0;
        let end = rest.find(|c| {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
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
    use super::{ItemError, find};

    const SOURCE: &str = r##"use std::fmt;

/// Docs, left with the item.
#[inline]
pub fn braces<'a>(x: &'a str) -> [u8; 2] {
    let _ = ('{', '\'', "}\"}", r#"}"#);
    // a comment with a }
    [0; 2]
}

pub struct Unit;

impl<'a, T: Clone> Holder<'a, T> {
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
            "impl<'a, T: Clone> Holder<'a, T> {\n"
        );
        assert_eq!(text(item.lines), "    fn set(&mut self) {}\n");
        let fmt = find(SOURCE, "Holder::get").unwrap();
        assert!(text(fmt.lines).ends_with("        self.0.clone()\n    }\n"));
    }

    #[test]
    fn a_missing_or_ambiguous_name_is_an_error() {
        assert_eq!(find(SOURCE, "nothing"), Err(ItemError::NotFound));
        assert_eq!(find(SOURCE, "get"), Err(ItemError::NotFound));
        assert_eq!(find(SOURCE, "Holder::fmt"), Err(ItemError::Ambiguous(2)));
        assert_eq!(find("fn open() {\n", "open"), Err(ItemError::Unclosed));
    }
}
