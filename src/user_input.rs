use std::time::Duration;

use corogen::Clock;

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
        self.draw()
    }

    /// A fresh press: one of the keys with the note's probability, else `None`.
    /// This is what the note's `get_key()` does once a period has passed, without
    /// the first reading's `None`; [`PacedInput`] keeps the time itself.
    pub fn draw(&mut self) -> Option<char> {
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

/// `module-1`'s `UserInput` as the note writes it, read by a clock: a new key is
/// drawn once a period has passed since the last draw, and every reading within
/// the period gets the same key. Its first reading, less than a period after it
/// was made, is `None` and draws nothing, as the note's first `get_key()` is.
///
/// ```
/// use std::time::Duration;
/// use corogen::VirtualClock;
/// use corolab::{PacedInput, SplitMix64, UserInput};
///
/// let clock = VirtualClock::new();
/// let mut input = PacedInput::new(UserInput::new(SplitMix64::new(7)), clock.clone());
/// assert_eq!(input.get_key(), None); // too soon: nothing drawn
/// clock.advance(Duration::from_secs(1));
/// let key = input.get_key(); // a period on: one draw
/// assert_eq!(input.get_key(), key); // the same period: the same key
/// ```
#[derive(Debug, Clone)]
pub struct PacedInput<C> {
    input: UserInput,
    clock: C,
    period: Duration,
    last_event_time: Duration,
    last_event: Option<char>,
    late_by: Option<Duration>,
}

impl<C: Clock> PacedInput<C> {
    /// `input`, drawn from once a second by `clock`: the note's `UserInput(1)`.
    pub fn new(input: UserInput, clock: C) -> Self {
        let last_event_time = clock.now();
        Self {
            input,
            clock,
            period: Duration::from_secs(1),
            last_event_time,
            last_event: None,
            late_by: None,
        }
    }

    /// The same input drawn once every `period`: the note's `UserInput(period)`.
    /// A zero period is taken as a nanosecond.
    pub fn with_period(mut self, period: Duration) -> Self {
        self.period = period.max(Duration::from_nanos(1));
        self
    }

    /// How late the last draw came, past its period, when more than two periods
    /// had gone by since the one before: the note's warning that "previous events
    /// may be lost". `None` when the reader kept up.
    ///
    /// ```
    /// use std::time::Duration;
    /// use corogen::VirtualClock;
    /// use corolab::{PacedInput, SplitMix64, UserInput};
    ///
    /// let clock = VirtualClock::new();
    /// let input = PacedInput::new(UserInput::new(SplitMix64::new(7)), clock.clone());
    /// let mut input = input.with_period(Duration::from_millis(100));
    /// clock.advance(Duration::from_secs(1));
    /// input.get_key();
    /// assert_eq!(input.late_by(), Some(Duration::from_millis(900)));
    /// ```
    pub fn late_by(&self) -> Option<Duration> {
        self.late_by
    }

    /// The key pressed this period, if any: the note's `get_key()`.
    pub fn get_key(&mut self) -> Option<char> {
        let now = self.clock.now();
        let since = now.saturating_sub(self.last_event_time);
        if since < self.period {
            return self.last_event;
        }
        // The note warns when a reading comes more than two periods late: the
        // presses of the periods in between were never read.
        self.late_by = (since / 2 > self.period).then(|| since - self.period);
        let into_period = since.as_nanos() % self.period.as_nanos().max(1);
        let into_period = Duration::from_nanos(u64::try_from(into_period).unwrap_or(u64::MAX));
        self.last_event_time = now.saturating_sub(into_period);
        self.last_event = self.input.draw();
        self.last_event
    }
}
