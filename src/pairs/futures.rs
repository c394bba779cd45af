//! The pairings of the lessons on futures and the event loop.

use super::Pairing;

pub(super) const PAIRINGS: &[Pairing] = &[];
