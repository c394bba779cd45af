async def coro():
    print("I am a coroutine!")


coroutine = coro()
# driver: a notebook cell shows its last value; a script prints it
print(coroutine)

# driver: the notebook shows the StopIteration this raises; a script catches it and prints it
try:
    coroutine.send(None)
except StopIteration as stop:
    print("StopIteration:", stop.value)
