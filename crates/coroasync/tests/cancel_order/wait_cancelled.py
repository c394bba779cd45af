"""A task awaiting wait([...]) is cancelled from outside: wait cancels nothing;
the task cleans up one hop later and the tasks it waited on run on."""

import asyncio

from common import ticker


async def child(name, hops):
    try:
        for _ in range(hops):
            await asyncio.sleep(0)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cleans up")
        raise


async def outer(tasks):
    try:
        print("outer waits")
        await asyncio.wait(tasks)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def main():
    a = asyncio.create_task(child("a", 2))
    b = asyncio.create_task(child("b", 4))
    task = asyncio.create_task(outer([a, b]))
    await asyncio.sleep(0)
    print("cancelling outer")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees outer cancelled")
    await asyncio.gather(a, b, t)


asyncio.run(main())
