use crate::SplitMix64;

/// `module-1`'s simulated user at a keyboard: at each reading, one of the arrow
/// keys with probability `pressed_probability` (0.3), otherwise nothing.
///
/// The note's `UserInput` also paces itself by the clock; here each reading is
/// one period, and the lesson that reads it waits the period itself. As in the
/// note, the first reading comes before a period has passed: it is `None`, and
/// draws nothing.
///
/// ```
/// use corolab::{SplitMix64, UserInput};
///
/// let mut a = UserInput::new(SplitMix64::new(7));
/// let mut b = UserInput::new(SplitMix64::new(7));
/// let keys: Vec<_> = (0..20).map(|_| a.get_key()).collect();
/// assert_eq!(keys, (0..20).map(|_| b.get_key()).collect::<Vec<_>>());
/// assert!(keys.iter().flatten().all(|key| "⟹⟸⇑⇓".contains(*key)));
/// assert_eq!(keys[0], None);
/// ```
#[derive(Debug, Clone)]
pub struct UserInput {
    choices: Vec<char>,
    pressed_probability: f64,
    random: SplitMix64,
    read_before: bool,
}

impl UserInput {
    /// A user whose presses come from `random`.
    pub fn new(random: SplitMix64) -> Self {
        Self {
            choices: "⟹⟸⇑⇓".chars().collect(),
            pressed_probability: 0.3,
            random,
            read_before: false,
        }
    }

    /// The key pressed this period, if any.
    pub fn get_key(&mut self) -> Option<char> {
        if !std::mem::replace(&mut self.read_before, true) {
            return None;
        }
        if self.pressed_probability > self.random.next_f64() {
            self.random.choice(&self.choices).copied()
        } else {
            None
        }
    }
}

/// The move a key makes: `module-1`'s `movements.get(key_pressed, "stay")`.
///
/// ```
/// assert_eq!(corolab::movement(Some('⇑')), "up");
/// assert_eq!(corolab::movement(None), "stay");
/// ```
pub fn movement(key: Option<char>) -> &'static str {
    match key {
        Some('⟹') => "right",
        Some('⟸') => "left",
        Some('⇑') => "up",
        Some('⇓') => "down",
        _ => "stay",
    }
}

/// How Python prints an optional key: the key, or `None`.
pub fn show_key(key: Option<char>) -> String {
    key.map_or_else(|| "None".to_owned(), String::from)
}
