# driver: the note's imports and fib, from earlier cells
import asyncio
from math import sqrt

from earlier_cells import definitions

fib = definitions("fib", "fib")

async def is_prime(x):
    if x < 2:
        return False

    for i in range(2, int(sqrt(x))+1):
        if x % i == 0:
            return False
        # yield to avoid blocking on large numbers
        await asyncio.sleep(0)

    return True


async def print_matches(iterable, async_predicate):
    for item in iterable:
        matches = await async_predicate(item)
        if matches:
            print(f"Found: {item}")

async def repetitive_message(msg, interval_secs):
    # Periodically print a message
    while True:
        print(msg)
        await asyncio.sleep(interval_secs)


loop = asyncio.get_event_loop()
# driver: on virtual time each pass of the loop costs 1 ms, as the lesson's does
loop.pass_cost_ms = 1

search_task = asyncio.ensure_future(
    print_matches(fib(), is_prime), loop=loop
)

repetitive_task = asyncio.ensure_future(
    repetitive_message('This is an async message!', 2),
    loop=loop
)

all_future = asyncio.gather(search_task, repetitive_task)

loop.run_until_complete(all_future)
loop.close()
