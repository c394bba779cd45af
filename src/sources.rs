//! The notes the lessons' Python comes from, by the short names the pages, the
//! binary and `docs/README.md` use.

/// One of the notes the lessons come from: a course module, a study note, a talk.
/// `docs/README.md` describes each ("Where the lessons come from").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceNote {
    /// Its short name (`study-note`), as `corolab list` and the pages say it.
    pub name: &'static str,
    /// Its own title.
    pub title: &'static str,
}

pub(crate) const MODULE_3: SourceNote = SourceNote {
    name: "module-3",
    title: "Asynchronous programming with Python, Module 3 - AsyncIO",
};
pub(crate) const STUDY_NOTE: SourceNote = SourceNote {
    name: "study-note",
    title: "AsyncIO Study Note",
};
pub(crate) const FRIDAY_TALK: SourceNote = SourceNote {
    name: "friday-talk",
    title: "AsyncIO: making python concurrent code neater (a Friday technology talk)",
};
pub(crate) const MODULE_1: SourceNote = SourceNote {
    name: "module-1",
    title: "Asynchronous programming with Python, Module 1",
};
pub(crate) const ASYNCIO_NOTES: SourceNote = SourceNote {
    name: "asyncio-notes",
    title: "Asyncio (notes from superfastpython.com and others)",
};
pub(crate) const ASYNCIO_DOCS: SourceNote = SourceNote {
    name: "asyncio-docs",
    title: "asyncio's documentation for Python 3.11 (programs written here, in the notes' style)",
};

/// The source notes, in the order they were collected.
///
/// ```
/// let fib = corolab::find_lesson("fib").unwrap();
/// let note = fib.source.expect("fib has a Python original");
/// assert_eq!(note.name, "study-note");
/// assert!(corolab::SOURCE_NOTES.contains(&note));
/// ```
pub const SOURCE_NOTES: &[SourceNote] = &[
    MODULE_3,
    STUDY_NOTE,
    FRIDAY_TALK,
    MODULE_1,
    ASYNCIO_NOTES,
    ASYNCIO_DOCS,
];
