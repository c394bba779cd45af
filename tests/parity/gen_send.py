"""Seed 003's character mover, fed keys through `send`."""


def handle_character_move():
    movements = dict(zip("⟹⟸⇑⇓", ["right", "left", "up", "down"]))
    key_pressed = None

    while True:
        action = movements.get(key_pressed, "stay")
        key_pressed = (yield action)


coroutine = handle_character_move()
print("COROUTINE:", next(coroutine))
for key in ["⟹", None, "⇑", "x", "⇓", None, "⟸"]:
    print("MAIN FLOW: Key pressed:", key)
    if key is not None:
        print("COROUTINE:", coroutine.send(key))
coroutine.close()
