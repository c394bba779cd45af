# driver: the note's imports and its UserInput (user_input.py), from earlier cells
from time import sleep
from typing import Iterable

from earlier_cells import definitions

UserInput = definitions("user_input", "UserInput")


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
