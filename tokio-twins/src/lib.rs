//! Two of the course's programs on tokio's multi-thread runtime: what changes when
//! a program outgrows one thread. `docs/outgrowing-one-thread.md` reads them
//! beside their `coroasync` lessons, `producer-consumer` and `to-thread`.
//!
//! Each program takes its pauses as arguments, so a test can run it with no real
//! waiting, and prints through an [`Output`] that a test can read back.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod producer_consumer;
pub mod to_thread;

use std::sync::{Arc, Mutex, PoisonError};

/// Where a program prints: standard output, and a record a test can read. It is
/// an `Arc<Mutex<…>>` because tasks on several threads print into it at once;
/// `coroasync`'s `say!` needs neither, since every task runs on one thread.
#[derive(Debug, Clone, Default)]
pub struct Output {
    lines: Arc<Mutex<Vec<String>>>,
    echo: bool,
}

impl Output {
    /// An output that prints each line as it comes, and keeps it.
    pub fn echoed() -> Self {
        Self {
            lines: Arc::default(),
            echo: true,
        }
    }

    /// An output that only keeps its lines.
    pub fn captured() -> Self {
        Self::default()
    }

    /// Prints `line`: Python's `print`.
    pub fn say(&self, line: impl Into<String>) {
        let line = line.into();
        // The record stays usable if a task panicked while it held the lock.
        let mut lines = self.lines.lock().unwrap_or_else(PoisonError::into_inner);
        if self.echo {
            println!("{line}");
        }
        lines.push(line);
    }

    /// Every line printed so far, in the order they were printed.
    pub fn lines(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
