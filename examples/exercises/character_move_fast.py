# driver: the note's imports and its UserInput (user_input.py), from earlier cells
import os
import sys
from time import sleep
from typing import Iterable

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from earlier_cells import definitions

UserInput = definitions("user_input", "UserInput")

def handle_character_move() -> Iterable:
    """Get the user input and do something."""
    movements = dict(zip("⟹⟸⇑⇓", ["right", "left", "up", "down"]))
    key_pressed = None

    while True:
        action = movements.get(key_pressed, "stay")
        key_pressed = (yield action)


# The note's question 1.1: events ten times faster.
user_input = UserInput(0.1)

# Initialize a generator
character_move_coroutine = handle_character_move()

# Let it run till the first `yield`.
# `character_move_coroutine.send(None)` would also work:
next(character_move_coroutine)

try:
    for _ in range(10):
        key = user_input.get_key()
        print("MAIN FLOW: Key pressed:", key)
        if key is not None:
            print("COROUTINE:", character_move_coroutine.send(key))
        sleep(1)
finally:
    character_move_coroutine.close()
