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


def handle_character_move(user_input: UserInput) -> Iterable:
    """Get the user input and do something."""
    movements = dict(zip("⟹⟸⇑⇓", ["right", "left", "up", "down"]))

    while True:
        key_pressed = user_input.get_key()
        yield movements.get(key_pressed, "stay")


user_input = UserInput(1)


for _, action in zip(range(10), handle_character_move(user_input)):
    print("MAIN FLOW: Key pressed:", user_input.get_key())
    print("COROUTINE:", action)
    sleep(1)
