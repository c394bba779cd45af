# driver: `@asyncio.coroutine` was removed in Python 3.11 (deprecated since 3.8);
# `types.coroutine`, which it was built on, still marks a generator as a coroutine
# that `await` and `yield from` accept. The notebook's `nest_asyncio` cell before
# this one is left out: it patches the loop for Jupyter, and a script needs nothing.
import asyncio, types
asyncio.coroutine = types.coroutine

# driver: end; the cell follows as the notes have it.
import asyncio

@asyncio.coroutine
def counter_coro(n):
    for i in range(n):
        print(i)
        try:
            yield from asyncio.sleep(.1)
            # for i in asyncio.sleep(.1) yield i
        except asyncio.CanceledError:
            break

@asyncio.coroutine
def real_coro():
    yield from asyncio.sleep(1)
    print("Something happened")
    return 24

@asyncio.coroutine
def manager():
    coro = counter_coro(100)
    print(type(coro))
    counter = asyncio.ensure_future(coro)
    result = yield from real_coro()
    counter.cancel()
    return result

loop = asyncio.get_event_loop()
result = loop.run_until_complete(manager())
print("answer:",  result)
