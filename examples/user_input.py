# The note's simulated user at a keyboard (module-1), imported by the lessons that read it.
from dataclasses import dataclass
from random import choice, random
from time import monotonic, sleep
from typing import Iterable, Optional
from warnings import warn


@dataclass
class UserInput:
    """User input representation."""
    period: float = 1.0
    choices: Iterable[str] = "⟹⟸⇑⇓"
    pressed_probability: float = 0.3

    def __post_init__(self):
        self._last_event_time = monotonic()
        self._last_event = None

    def get_key(self) -> Optional[str]:
        """Decide if a user pressed some key, and return its symbol."""
        current_time = monotonic()
        time_since_last_event =  current_time - self._last_event_time
        if time_since_last_event < self.period:
            return self._last_event
        
        if time_since_last_event / 2 > self.period:
            warn(
                f"Getting the pressed key is delayed by { time_since_last_event - self.period } seconds, "
                + "previous events may be lost."
            )

        self._last_event_time = current_time - (time_since_last_event % self.period)
        self._last_event = choice(self.choices) if self.pressed_probability > random() else None

        return self._last_event
