//! How a cell's text is made to fit: shortened by one rule, in both renderings.

use std::borrow::Cow;

/// Cells and labels longer than this many characters are shortened, so one long
/// value cannot widen a lane past reading.
pub(super) const MAX_CELL: usize = 28;

/// How many characters a cut may give up to end at a word rather than in one.
const WORD_SLACK: usize = 5;

/// `text` as a lane shows it: whole if it has at most [`MAX_CELL`] characters,
/// else cut after its last word that fits (or mid-word, if ending at a word
/// would lose more than [`WORD_SLACK`] characters) and ended with `…`.
pub(super) fn shorten(text: &str) -> Cow<'_, str> {
    if text.chars().count() <= MAX_CELL {
        return Cow::Borrowed(text);
    }
    // One character more than is kept, so a word that ends just where the cut
    // falls is kept whole.
    let head: String = text.chars().take(MAX_CELL).collect();
    let at_word = head
        .char_indices()
        .filter(|&(_, c)| c == ' ' || c == ',')
        .map(|(i, _)| i)
        .rfind(|&i| head[..i].chars().count() + WORD_SLACK >= MAX_CELL);
    let kept = at_word.map_or_else(
        || &head[..head.char_indices().next_back().map_or(0, |(i, _)| i)],
        |i| &head[..i],
    );
    Cow::Owned(format!("{}…", kept.trim_end_matches([' ', ','])))
}

/// A type's name as a value the trace could not render shows it
/// (`<core::result::Result<u64, alloc::string::String>>`), without the module
/// paths: `<Result<u64, String>>`.
pub(super) fn tidy_type_names(value: &str) -> Cow<'_, str> {
    if !(value.starts_with('<') && value.contains("::")) {
        return Cow::Borrowed(value);
    }
    let mut tidy = String::with_capacity(value.len());
    let mut word = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' && chars.peek() == Some(&':') {
            // A path's segment: drop it with its `::`.
            chars.next();
            word.clear();
        } else {
            tidy.push_str(&word);
            word.clear();
            tidy.push(c);
        }
    }
    tidy.push_str(&word);
    Cow::Owned(tidy)
}

/// Text made safe for SVG.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_whole() {
        assert_eq!(shorten("✓ [2, 3, 5]"), "✓ [2, 3, 5]");
    }

    #[test]
    fn long_text_is_cut_after_a_word_and_ellipsized() {
        let cut = shorten("✗ the task panicked: child2 failed badly");
        assert_eq!(cut, "✗ the task panicked: child2…");
        assert!(cut.chars().count() <= MAX_CELL);
    }

    #[test]
    fn a_cut_keeps_the_start_of_a_word_rather_than_lose_it_whole() {
        assert_eq!(
            shorten("✗ the task panicked: Something went wrong"),
            "✗ the task panicked: Someth…"
        );
    }

    #[test]
    fn one_long_word_is_cut_mid_word() {
        let long = "x".repeat(40);
        let cut = shorten(&long);
        assert_eq!(cut.chars().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(
            tidy_type_names("<core::result::Result<u64, alloc::string::String>>"),
            "<Result<u64, String>>"
        );
        assert_eq!(tidy_type_names("a::b"), "a::b");
    }
}
