//! Task-local values: Python's `contextvars`, as asyncio uses them.
//!
//! Every task has its own context: the values its [`ContextVar`]s hold for it.
//! A task spawned with [`spawn`](crate::spawn) starts with a copy of its
//! spawner's context, as `create_task` copies the current context, so the child
//! sees the parent's values as they were at the spawn; a later `set` in either
//! reaches neither the other nor anyone else. Outside any task (before a loop
//! runs, or in a done callback), the thread has a context of its own, which a
//! task spawned from there (the main task of `run`) copies.
//!
//! A context is a shared list, copied only when a task sets a value in one that
//! others share: spawning copies a pointer, and a loop whose tasks use no
//! variable copies nothing and keeps none (the task's step is the same). A
//! task's context is dropped with the task, so nothing a cancelled task set
//! outlives it.

use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::cell::{Locals, Runnable, dropping_task, in_use, mark_in_use};
use crate::context;

thread_local! {
    /// The context outside any task.
    static OUTSIDE: RefCell<Locals> = const { RefCell::new(None) };
}

/// Numbers for variables, given out at first use (0: none yet).
static NEXT_VAR: AtomicU64 = AtomicU64::new(1);

/// The context a task spawned now starts with: a copy of the current one.
#[inline]
pub(crate) fn inherited() -> Locals {
    if !in_use() {
        return None;
    }
    match current() {
        Some(task) => task.header().context(),
        None => OUTSIDE.with(|outside| outside.borrow().clone()),
    }
}

/// The task whose context is current: the one being polled, or the one whose
/// future is being dropped.
fn current() -> Option<Rc<dyn Runnable>> {
    match context::running().and_then(|core| core.current_cell()) {
        Some(task) => Some(task),
        None => dropping_task(),
    }
}

/// A task-local value: Python's `contextvars.ContextVar`.
///
/// [`get`](Self::get) reads the current task's value (or the default);
/// [`set`](Self::set) changes it for this task alone and gives a [`Token`] that
/// [`reset`](Self::reset) takes to put back the value before. A task spawned
/// later starts with a copy of the values its spawner holds then. A variable can
/// be a `static`, as Python's are module globals.
///
/// ```
/// use coroasync::{run, spawn, yield_now, ContextVar};
///
/// static REQUEST: ContextVar<&str> = ContextVar::with_default("request", "none");
///
/// run(async {
///     assert_eq!(REQUEST.get(), Some("none"));
///     REQUEST.set("main");
///     let child = spawn(async {
///         let seen = REQUEST.get(); // the spawner's value at the spawn
///         REQUEST.set("child"); // this task's alone
///         yield_now().await;
///         (seen, REQUEST.get())
///     });
///     REQUEST.set("main, later"); // the child already has its copy
///     assert_eq!(child.await, Ok((Some("main"), Some("child"))));
///     assert_eq!(REQUEST.get(), Some("main, later"));
/// })
/// .unwrap();
/// ```
#[doc(alias = "contextvars")]
#[doc(alias = "task_local")]
#[doc(alias = "LocalKey")]
pub struct ContextVar<T> {
    name: &'static str,
    default: Option<T>,
    id: AtomicU64,
}

impl<T: Clone + 'static> ContextVar<T> {
    /// A variable with no default: [`get`](Self::get) gives `None` until set.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            default: None,
            id: AtomicU64::new(0),
        }
    }

    /// A variable that reads as `default` where it was never set: Python's
    /// `ContextVar(name, default=...)`.
    pub const fn with_default(name: &'static str, default: T) -> Self {
        Self {
            name,
            default: Some(default),
            id: AtomicU64::new(0),
        }
    }

    /// The variable's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The value in the current context, or the default; `None` if neither
    /// (where Python raises `LookupError`).
    pub fn get(&self) -> Option<T> {
        let id = self.id();
        let found = with_current(|context| {
            let vars = context.as_ref()?;
            let (_, value) = vars.iter().find(|(var, _)| *var == id)?;
            value.downcast_ref::<T>().cloned()
        });
        found.or_else(|| self.default.clone())
    }

    /// Sets the value for the current task (or, outside any task, the thread's
    /// context) and returns a token that puts back the value it replaces.
    pub fn set(&self, value: T) -> Token<T> {
        mark_in_use();
        let old = self.replace(Some(Rc::new(value)));
        Token {
            var: self.id(),
            owner: owner(),
            old,
            _value: PhantomData,
        }
    }

    /// Puts back the value `token`'s [`set`](Self::set) replaced (or none):
    /// Python's `var.reset(token)`.
    ///
    /// # Errors
    ///
    /// [`ResetError::OtherVar`] for a token of another variable,
    /// [`ResetError::OtherContext`] for one made in another task's context (or
    /// outside any task, for a task, and the reverse); nothing changes. (A
    /// token is taken by value, so it cannot be used twice.)
    pub fn reset(&self, token: Token<T>) -> Result<(), ResetError> {
        if token.var != self.id() {
            return Err(ResetError::OtherVar);
        }
        if !same_owner(&token.owner, &owner()) {
            return Err(ResetError::OtherContext);
        }
        drop(self.replace(token.old));
        Ok(())
    }

    /// Puts `value` (or, for `None`, no value) in the current context; the
    /// value it replaces.
    fn replace(&self, value: Option<Rc<dyn Any>>) -> Option<Rc<dyn Any>> {
        let id = self.id();
        with_current_mut(|context| {
            let vars = Rc::make_mut(context.get_or_insert_with(Rc::default));
            let at = vars.iter().position(|(var, _)| *var == id);
            match (at, value) {
                (Some(at), Some(value)) => Some(std::mem::replace(&mut vars[at].1, value)),
                (Some(at), None) => Some(vars.swap_remove(at).1),
                (None, Some(value)) => {
                    vars.push((id, value));
                    None
                }
                (None, None) => None,
            }
        })
    }

    /// The variable's number, given at first use.
    fn id(&self) -> u64 {
        let id = self.id.load(Ordering::Relaxed);
        if id != 0 {
            return id;
        }
        let fresh = NEXT_VAR.fetch_add(1, Ordering::Relaxed);
        match self
            .id
            .compare_exchange(0, fresh, Ordering::Relaxed, Ordering::Relaxed)
        {
            Ok(_) => fresh,
            Err(taken) => taken,
        }
    }
}

impl<T> fmt::Debug for ContextVar<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<ContextVar name='{}'>", self.name)
    }
}

/// Runs `f` on the current context: the running task's, or the thread's.
fn with_current<R>(f: impl FnOnce(&Locals) -> R) -> R {
    match current() {
        Some(task) => f(&task.header().context()),
        None => OUTSIDE.with(|outside| f(&outside.borrow())),
    }
}

/// Runs `f` on the current context, to change it.
fn with_current_mut<R>(f: impl FnOnce(&mut Locals) -> R) -> R {
    match current() {
        Some(task) => task.header().with_context(f),
        None => OUTSIDE.with(|outside| f(&mut outside.borrow_mut())),
    }
}

/// Whose context a token was made in: a task, or the thread (`None`).
type Owner = Option<Weak<dyn Runnable>>;

fn owner() -> Owner {
    current().map(|task| Rc::downgrade(&task))
}

fn same_owner(a: &Owner, b: &Owner) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Weak::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// What [`ContextVar::set`] returns: [`ContextVar::reset`] takes it to put
/// back the value that `set` replaced. Python's `contextvars.Token`.
pub struct Token<T> {
    var: u64,
    owner: Owner,
    old: Option<Rc<dyn Any>>,
    _value: PhantomData<T>,
}

impl<T: 'static> Token<T> {
    /// The value `set` replaced, if there was one (Python's `old_value`, with
    /// `None` for `Token.MISSING`; a default is not a value set).
    pub fn old_value(&self) -> Option<&T> {
        self.old.as_ref()?.downcast_ref()
    }
}

impl<T> fmt::Debug for Token<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("var", &self.var).finish()
    }
}

/// Why [`ContextVar::reset`] refused a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResetError {
    /// The token was made by another variable's `set`.
    OtherVar,
    /// The token was made in another context: another task's, or the thread's
    /// outside any task.
    OtherContext,
}

impl fmt::Display for ResetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OtherVar => "the token was created by a different ContextVar",
            Self::OtherContext => "the token was created in a different Context",
        })
    }
}

impl std::error::Error for ResetError {}
