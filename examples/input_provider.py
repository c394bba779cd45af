# driver: the note's imports and its UserInput (user_input.py), from earlier cells
from typing import Iterable

from earlier_cells import definitions

UserInput = definitions("user_input", "UserInput")

async def handle_character_move() -> Iterable:
    """Get the user input and do something."""
    movements = dict(zip("⟹⟸⇑⇓", ["right", "left", "up", "down"]))

    for _ in range(5):
        key_pressed = await get_key_pressed()
        print("ACTION:", movements.get(key_pressed, "stay"))


class InputProvider:
    """Awaitable that redirects input to the awaiting coroutine."""
    def __await__(self):
        output = None
        while output is None:
            print(".", end="")
            output = yield
        print()
        return output


async def get_key_pressed():
    """Provide pressed key character."""
    return await InputProvider()


def run(coroutine):
    """Run a coroutine."""
    from time import sleep

    user_input = UserInput(1)

    try:
        # Run the coroutine until first downstream `yield`
        coroutine.send(None)

        while True:
            coroutine.send(user_input.get_key())
            sleep(1)

    except StopIteration:
        print("Bye!")


run(handle_character_move())
