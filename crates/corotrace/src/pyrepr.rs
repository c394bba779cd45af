//! Values written as Python writes them: [`PyRepr`] renders a Rust value as
//! Python's `str()` and `repr()` render the equivalent Python value, so a lesson,
//! or a trace, prints what the Python beside it prints.

mod float;
mod known;
mod text;

use std::borrow::Cow;
use std::cell::{Ref, RefMut};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use indexmap::{IndexMap, IndexSet};

pub use known::py_str_if_known;

/// A value that renders as Python's `str()` and `repr()` render its Python twin.
///
/// | Rust | Python | `py_repr` | `py_str` |
/// |---|---|---|---|
/// | `()`, `None::<T>` | `None` | `None` | `None` |
/// | `Some(v)` | `v` | `v`'s | `v`'s |
/// | `true` | `True` | `True` | `True` |
/// | `42u8`, `-7i64` | `int` | `42` | `42` |
/// | `1.0`, `0.1`, `1e16`, `f64::NAN` | `float` | `1.0`, `0.1`, `1e+16`, `nan` | the same |
/// | `"it's"`, `String`, `char` | `str` | `"it's"` | `it's` |
/// | `Vec`, slice, array, `VecDeque` | `list` | `[1, 'a']` | the same |
/// | tuples `(a,)`, `(a, b)` … | `tuple` | `(1,)`, `(1, 'a')` | the same |
/// | `BTreeMap`, `HashMap`, `IndexMap` | `dict` | `{1: 'a'}` | the same |
/// | `BTreeSet`, `HashSet`, `IndexSet` | `set` | `{1, 2}`, `set()` | the same |
///
/// `str()` differs from `repr()` only for text at the top: inside a list, a
/// tuple, a dict or a set, every item is written with `repr()`, as in Python.
/// Maps and sets are written in their own iteration order (a `HashMap`'s is
/// arbitrary; Python's `dict` keeps insertion order, which an `IndexMap` keeps
/// too). A `Result` has no Python twin and no rendering.
///
/// Text is quoted as Python quotes it: single quotes unless the text holds a
/// single quote and no double quote, with `\\`, `\n`, `\r`, `\t` and the quote
/// escaped, other control and invisible characters as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`. Python also escapes code points Unicode has not assigned yet;
/// these are written as they are. An `f32`, which Python lacks, is written with
/// as few digits as tell it from its `f32` neighbours (`0.1`, not the `f64`
/// widening's `0.10000000149011612`).
///
/// ```
/// use corotrace::PyRepr;
/// use std::collections::BTreeMap;
///
/// assert_eq!(().py_str().to_string(), "None");
/// assert_eq!("hello".py_str().to_string(), "hello");
/// assert_eq!("hello".py_repr().to_string(), "'hello'");
/// assert_eq!(vec![Some(1.0), None].py_str().to_string(), "[1.0, None]");
/// assert_eq!(BTreeMap::from([(1, "one")]).py_str().to_string(), "{1: 'one'}");
/// assert_eq!(format!("result: {}", (true, 1e16).py_str()), "result: (True, 1e+16)");
/// ```
///
/// A type of your own opts in by writing its `repr()` (and its `str()`, where it
/// differs, as Python's `__str__` does):
///
/// ```
/// use std::fmt;
/// use corotrace::PyRepr;
///
/// struct Point { x: i32, y: i32 }
///
/// impl PyRepr for Point {
///     fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         write!(f, "Point(x={}, y={})", self.x.py_repr(), self.y.py_repr())
///     }
/// }
///
/// assert_eq!(vec![Point { x: 1, y: 2 }].py_str().to_string(), "[Point(x=1, y=2)]");
/// ```
pub trait PyRepr {
    /// Writes `self` as Python's `repr()` writes its twin.
    ///
    /// # Errors
    ///
    /// The formatter's error, as `Display::fmt` returns it.
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Writes `self` as Python's `str()` (and `print`, and an f-string's `{}`)
    /// writes its twin; `repr()` unless the type says otherwise, as in Python.
    ///
    /// # Errors
    ///
    /// The formatter's error, as `Display::fmt` returns it.
    fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_py_repr(f)
    }

    /// `self` as Python's `str()` shows it, to put in `format!` (or `to_string`).
    fn py_str(&self) -> Py<'_, Self> {
        Py {
            value: self,
            repr: false,
        }
    }

    /// `self` as Python's `repr()` shows it, to put in `format!` (or `to_string`).
    fn py_repr(&self) -> Py<'_, Self> {
        Py {
            value: self,
            repr: true,
        }
    }
}

/// A value shown as Python shows it: the `Display` that [`PyRepr::py_str`] and
/// [`PyRepr::py_repr`] return.
///
/// ```
/// use corotrace::PyRepr;
///
/// let value = Some("ok");
/// assert_eq!(format!("{} {}", value.py_str(), value.py_repr()), "ok 'ok'");
/// ```
pub struct Py<'a, T: ?Sized> {
    value: &'a T,
    repr: bool,
}

// By hand: a derive would ask `T: Clone`, and `Py<'_, str>` is a borrow either way.
impl<T: ?Sized> Clone for Py<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Py<'_, T> {}

impl<T: PyRepr + ?Sized> fmt::Display for Py<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.repr {
            self.value.fmt_py_repr(f)
        } else {
            self.value.fmt_py_str(f)
        }
    }
}

impl<T: PyRepr + ?Sized> fmt::Debug for Py<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Writes `items` between `open` and `close`, each with `repr()`, `, ` apart.
fn write_items<'a, T: PyRepr + 'a>(
    f: &mut fmt::Formatter<'_>,
    open: &str,
    items: impl IntoIterator<Item = &'a T>,
    close: &str,
) -> fmt::Result {
    f.write_str(open)?;
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        item.fmt_py_repr(f)?;
    }
    f.write_str(close)
}

/// Writes a dict's `entries` as `{k: v, …}`.
fn write_dict<'a, K: PyRepr + 'a, V: PyRepr + 'a>(
    f: &mut fmt::Formatter<'_>,
    entries: impl IntoIterator<Item = (&'a K, &'a V)>,
) -> fmt::Result {
    f.write_str("{")?;
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        key.fmt_py_repr(f)?;
        f.write_str(": ")?;
        value.fmt_py_repr(f)?;
    }
    f.write_str("}")
}

/// Writes a set's `items` as `{a, b}`; an empty one is `set()`, since `{}` is a dict.
fn write_set<'a, T: PyRepr + 'a>(
    f: &mut fmt::Formatter<'_>,
    items: impl ExactSizeIterator<Item = &'a T>,
) -> fmt::Result {
    if items.len() == 0 {
        f.write_str("set()")
    } else {
        write_items(f, "{", items, "}")
    }
}

impl PyRepr for () {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("None")
    }
}

impl PyRepr for bool {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if *self { "True" } else { "False" })
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl PyRepr for $t {
            fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    )*};
}
integers!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl PyRepr for f64 {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        float::write(f, &float::shortest(*self, format!("{self:e}")))
    }
}

impl PyRepr for f32 {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        float::write(f, &float::shortest(*self, format!("{self:e}")))
    }
}

impl PyRepr for str {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::write_repr(f, self)
    }

    fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PyRepr for char {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.encode_utf8(&mut [0; 4]).fmt_py_repr(f)
    }

    fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl<T: PyRepr> PyRepr for Option<T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => value.fmt_py_repr(f),
            None => f.write_str("None"),
        }
    }

    fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => value.fmt_py_str(f),
            None => f.write_str("None"),
        }
    }
}

/// Pointers and text owners: rendered as what they point to, `str()` included.
macro_rules! through {
    ($(<$($g:ident),*> $t:ty => $inner:ty;)*) => {$(
        impl<$($g: PyRepr + ?Sized),*> PyRepr for $t {
            fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                <$inner as PyRepr>::fmt_py_repr(self, f)
            }

            fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                <$inner as PyRepr>::fmt_py_str(self, f)
            }
        }
    )*};
}
through! {
    <> String => str;
    <T> &T => T;
    <T> &mut T => T;
    <T> Box<T> => T;
    <T> Rc<T> => T;
    <T> Arc<T> => T;
    <T> Ref<'_, T> => T;
    <T> RefMut<'_, T> => T;
}

impl<T: PyRepr + ToOwned + ?Sized> PyRepr for Cow<'_, T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_py_repr(f)
    }

    fn fmt_py_str(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_py_str(f)
    }
}

impl<T: PyRepr> PyRepr for [T] {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, "[", self, "]")
    }
}

impl<T: PyRepr, const N: usize> PyRepr for [T; N] {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, "[", self, "]")
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, "[", self, "]")
    }
}

impl<T: PyRepr> PyRepr for VecDeque<T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, "[", self, "]")
    }
}

impl<T: PyRepr> PyRepr for LinkedList<T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_items(f, "[", self, "]")
    }
}

impl<K: PyRepr, V: PyRepr> PyRepr for BTreeMap<K, V> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dict(f, self)
    }
}

impl<K: PyRepr, V: PyRepr, H> PyRepr for HashMap<K, V, H> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dict(f, self)
    }
}

impl<K: PyRepr, V: PyRepr, H> PyRepr for IndexMap<K, V, H> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dict(f, self)
    }
}

impl<T: PyRepr> PyRepr for BTreeSet<T> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_set(f, self.iter())
    }
}

impl<T: PyRepr, H> PyRepr for HashSet<T, H> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_set(f, self.iter())
    }
}

impl<T: PyRepr, H> PyRepr for IndexSet<T, H> {
    fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_set(f, self.iter())
    }
}

/// Tuples of one to eight: `(a,)` keeps Python's trailing comma.
macro_rules! tuples {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: PyRepr),+> PyRepr for ($($name,)+) {
            #[allow(non_snake_case)]
            fn fmt_py_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let ($($name,)+) = self;
                let mut first = true;
                f.write_str("(")?;
                $(
                    if !std::mem::take(&mut first) {
                        f.write_str(", ")?;
                    }
                    $name.fmt_py_repr(f)?;
                )+
                f.write_str(if [$(stringify!($name)),+].len() == 1 { ",)" } else { ")" })
            }
        }
    )*};
}
tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, G)
    (A, B, C, D, E, G, H)
    (A, B, C, D, E, G, H, I)
}
