"""Seed 002's manager: a counter task cancelled once another coroutine returns."""

import asyncio

from virtual_time import run


async def counter_coro(n):
    for i in range(n):
        print(i)
        await asyncio.sleep(0.125)


async def real_coro():
    await asyncio.sleep(1.0625)
    print("Something happened")
    return 24


async def manager():
    counter = asyncio.create_task(counter_coro(100))
    result = await real_coro()
    counter.cancel()
    return result


print("answer:", run(manager()))
