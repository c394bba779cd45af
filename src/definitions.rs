//! What a lesson's Python defines and its Rust imports from the crates (the
//! `fib` generator, the `Scheduler`, `async_search`): the crates' own definitions,
//! named here per lesson and cut from their source, so the page and `corolab
//! show` put them beside the Python and cannot drift from the code that runs.

use std::fmt;

use crate::Lesson;
use crate::items::{self, ItemError};

/// One item of the workspace's source that a lesson shows: something its Python
/// defines and its Rust imports (from a crate, or from the course's own helpers).
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    /// Its file, from the workspace's root: `crates/corogen/src/fib.rs`.
    pub file: &'static str,
    /// Its name in that file: `fib` for an item at the top level,
    /// `Scheduler::step` for a method of an `impl Scheduler` block.
    pub item: &'static str,
    /// The file's text, as compiled.
    source: &'static str,
}

/// A definition that cannot be found in its file: the table below names an item
/// the crate no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    /// The file searched.
    pub file: &'static str,
    /// The item looked for.
    pub item: &'static str,
    /// What went wrong.
    pub error: ItemError,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: `{}`: {}", self.file, self.item, self.error)
    }
}

impl std::error::Error for DefinitionError {}

/// Consecutive definitions from one file, as one piece of Rust: the items in the
/// order named, without their doc comments, and the methods of one `impl` block
/// inside its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The file they come from: `crates/corogen/src/scheduler.rs`.
    pub file: &'static str,
    /// The items, as named ([`Definition::item`]).
    pub items: Vec<&'static str>,
    /// The code.
    pub code: String,
}

/// `def!("crates/corogen/src/fib.rs", "fib")`: the item `fib` of that crate file.
macro_rules! def {
    ($file:literal, $item:literal) => {
        Definition {
            file: $file,
            item: $item,
            source: include_str!(concat!("../", $file)),
        }
    };
}

/// The definitions each lesson shows, by lesson name: what its Python defines
/// and its Rust imports, in the Python's order. For the scheduler, the loop a
/// reader needs (add, pop, resume, push back, record), not the whole file.
const SHOWN: &[(&str, &[Definition])] = &[
    ("fib", &[def!("crates/corogen/src/fib.rs", "fib")]),
    (
        "linear-search",
        &[def!("crates/corogen/src/search.rs", "search")],
    ),
    (
        "cooperative-search",
        &[def!("crates/corogen/src/search.rs", "async_search")],
    ),
    (
        "character-move",
        &[
            def!("src/user_input.rs", "movement"),
            def!("src/user_input.rs", "UserInput"),
            def!("src/user_input.rs", "UserInput::get_key"),
        ],
    ),
    (
        "scheduler-one-task",
        &[
            def!("crates/corogen/src/task.rs", "Task"),
            def!("crates/corogen/src/scheduler.rs", "Scheduler"),
            def!("crates/corogen/src/scheduler.rs", "Scheduler::add"),
            def!("crates/corogen/src/scheduler.rs", "Scheduler::step"),
            def!("crates/corogen/src/scheduler.rs", "Scheduler::step_with"),
            def!(
                "crates/corogen/src/scheduler.rs",
                "Scheduler::run_to_completion"
            ),
            def!("crates/corogen/src/scheduler.rs", "Scheduler::settle"),
            def!("crates/corogen/src/scheduler.rs", "resume"),
        ],
    ),
    (
        "primes-and-messages",
        &[
            def!("crates/corogen/src/sleep.rs", "async_sleep"),
            def!("crates/corogen/src/primes.rs", "async_is_prime"),
            def!("crates/corogen/src/primes.rs", "async_print_matches"),
            def!("crates/corogen/src/sleep.rs", "async_repetitive_message"),
        ],
    ),
    ("input-provider", &[def!("src/user_input.rs", "movement")]),
    (
        "asyncio-primes",
        &[
            def!("crates/corogen/src/fib.rs", "fib"),
            def!("src/notebook.rs", "is_prime"),
            def!("src/notebook.rs", "search"),
            def!("src/notebook.rs", "print_matches"),
            def!("src/notebook.rs", "repetitive_message"),
        ],
    ),
];

impl Definition {
    /// The definition's code as it stands in its file, without doc comments.
    ///
    /// ```
    /// let fib = corolab::find_lesson("fib").unwrap();
    /// let code = fib.definitions()[0].code().unwrap();
    /// assert!(code.starts_with("pub fn fib() -> impl FusedIterator<Item = u64> {\n"));
    /// ```
    pub fn code(&self) -> Result<String, DefinitionError> {
        let item = self.find()?;
        let mut code = String::new();
        if let Some(header) = item.header.clone() {
            code.push_str(&self.source[header]);
        }
        code.push_str(&without_docs(&self.source[item.lines]));
        if item.header.is_some() {
            code.push_str("}\n");
        }
        Ok(code)
    }

    fn find(&self) -> Result<items::Item, DefinitionError> {
        items::find(self.source, self.item).map_err(|error| DefinitionError {
            file: self.file,
            item: self.item,
            error,
        })
    }
}

impl Lesson {
    /// The crates' definitions this lesson's page shows beside its Python:
    /// none for a lesson whose Rust defines all it uses itself.
    pub fn definitions(&self) -> &'static [Definition] {
        SHOWN
            .iter()
            .find(|(name, _)| *name == self.name)
            .map_or(&[], |(_, shown)| shown)
    }

    /// The definitions, cut from their files and joined into one excerpt per
    /// run of definitions from the same file.
    ///
    /// ```
    /// let lesson = corolab::find_lesson("scheduler-one-task").unwrap();
    /// let excerpts = lesson.excerpts().unwrap();
    /// assert_eq!(excerpts[1].file, "crates/corogen/src/scheduler.rs");
    /// assert!(excerpts[1].code.contains("let mut task = self.runnable.pop_front()?;"));
    /// ```
    pub fn excerpts(&self) -> Result<Vec<Excerpt>, DefinitionError> {
        let mut excerpts: Vec<Excerpt> = Vec::new();
        // The `impl` header the last excerpt's code is still inside, if any.
        let mut open_impl = None;
        for definition in self.definitions() {
            let item = definition.find()?;
            let same_file = excerpts.last().is_some_and(|e| e.file == definition.file);
            if !same_file {
                close_impl(&mut excerpts, &mut open_impl);
                excerpts.push(Excerpt {
                    file: definition.file,
                    items: Vec::new(),
                    code: String::new(),
                });
            }
            let excerpt = excerpts.last_mut().expect("pushed above if missing");
            if item.header != open_impl {
                if open_impl.is_some() {
                    excerpt.code.push_str("}\n");
                }
                if !excerpt.code.is_empty() {
                    excerpt.code.push('\n');
                }
                if let Some(header) = item.header.clone() {
                    excerpt.code.push_str(&definition.source[header]);
                }
                open_impl = item.header;
            } else if !excerpt.code.is_empty() {
                excerpt.code.push('\n');
            }
            excerpt
                .code
                .push_str(&without_docs(&definition.source[item.lines]));
            excerpt.items.push(definition.item);
        }
        close_impl(&mut excerpts, &mut open_impl);
        Ok(excerpts)
    }

    /// The definitions as one piece of Rust to read after the lesson's own, each
    /// excerpt under a comment naming its file: what `corolab show` prints.
    /// Empty for a lesson that shows none.
    ///
    /// ```
    /// let fib = corolab::find_lesson("fib").unwrap();
    /// assert!(fib.definitions_listing().starts_with("\n// From crates/corogen/src/fib.rs:\npub fn fib()"));
    /// let hello = corolab::find_lesson("hello-world").unwrap();
    /// assert_eq!(hello.definitions_listing(), "");
    /// ```
    pub fn definitions_listing(&self) -> String {
        let excerpts = match self.excerpts() {
            Ok(excerpts) => excerpts,
            Err(error) => return format!("\n// (a definition is missing: {error})\n"),
        };
        let mut listing = String::new();
        for excerpt in excerpts {
            listing.push_str(&format!("\n// From {}:\n{}", excerpt.file, excerpt.code));
        }
        listing
    }
}

/// Ends the `impl` block the last excerpt is inside, if any.
fn close_impl(excerpts: &mut [Excerpt], open_impl: &mut Option<std::ops::Range<usize>>) {
    if open_impl.take().is_some()
        && let Some(excerpt) = excerpts.last_mut()
    {
        excerpt.code.push_str("}\n");
    }
}

/// `code` without its doc comments: the page's prose says what the item is for.
fn without_docs(code: &str) -> String {
    code.lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("///") && !line.starts_with("//!")
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::LESSONS;

    #[test]
    fn every_named_lesson_exists_and_every_definition_is_found() {
        for (name, shown) in super::SHOWN {
            assert!(
                LESSONS.iter().any(|lesson| lesson.name == *name),
                "{name}: no such lesson"
            );
            for definition in *shown {
                assert!(definition.code().is_ok(), "{name}: {:?}", definition.code());
            }
        }
    }

    #[test]
    fn methods_of_one_impl_share_its_header() {
        let lesson = crate::find_lesson("scheduler-one-task").unwrap();
        let excerpts = lesson.excerpts().unwrap();
        assert_eq!(excerpts.len(), 2);
        let scheduler = &excerpts[1].code;
        // `add` is in the block for every `T`; `step` and the rest in the one
        // for `T: Debug`, and `resume` is a function outside both.
        assert_eq!(scheduler.matches("\nimpl<").count(), 2, "{scheduler}");
        assert_eq!(scheduler.matches("\n}\n").count(), 4, "{scheduler}");
        assert!(scheduler.ends_with("task.resume_with(sent)))\n}\n"));
        assert!(!scheduler.contains("///"));
    }
}
