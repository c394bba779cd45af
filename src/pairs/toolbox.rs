//! The pairings of the lessons on asyncio's toolbox.

use super::Pairing;

pub(super) const PAIRINGS: &[Pairing] = &[];
