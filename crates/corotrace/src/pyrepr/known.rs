//! Python's `str()` for a value known only as `&dyn Any`: what a scheduler's
//! trace uses when it cannot ask for a [`PyRepr`] bound on its tasks' values.

use std::any::Any;

use super::PyRepr;

/// `value` as Python's `str()` shows it, if its type is one of the common ones:
/// `()`, `bool`, `char`, the integers and floats, `String`, `&'static str`, and
/// an `Option`, a `Vec` or a `Vec` of `Option`s of any of these; `None` for any
/// other type.
///
/// A scheduler whose tasks' values are any `'static` type calls this to write
/// `Task 0 completed with result: None` where Python does, without asking each
/// value's type to implement [`PyRepr`].
///
/// ```
/// use corotrace::py_str_if_known;
///
/// assert_eq!(py_str_if_known(&()).as_deref(), Some("None"));
/// assert_eq!(py_str_if_known(&vec![Some("a"), None]).as_deref(), Some("['a', None]"));
/// struct Mine;
/// assert_eq!(py_str_if_known(&Mine), None);
/// ```
pub fn py_str_if_known(value: &dyn Any) -> Option<String> {
    macro_rules! known {
        ($($t:ty),*) => {
            $(
                if let Some(v) = value.downcast_ref::<$t>() {
                    return Some(v.py_str().to_string());
                }
                if let Some(v) = value.downcast_ref::<Option<$t>>() {
                    return Some(v.py_str().to_string());
                }
                if let Some(v) = value.downcast_ref::<Vec<$t>>() {
                    return Some(v.py_str().to_string());
                }
                if let Some(v) = value.downcast_ref::<Vec<Option<$t>>>() {
                    return Some(v.py_str().to_string());
                }
            )*
        };
    }
    known!(
        (),
        bool,
        char,
        i8,
        i16,
        i32,
        i64,
        i128,
        isize,
        u8,
        u16,
        u32,
        u64,
        u128,
        usize,
        f32,
        f64,
        String,
        &'static str
    );
    None
}
