"""A task awaiting shield(inner) is cancelled from outside: only the outer future
is cancelled; the task cleans up one hop later and inner runs on."""

import asyncio

from common import ticker


async def work():
    print("inner starts")
    for _ in range(3):
        await asyncio.sleep(0)
    print("inner done")
    return 7


async def outer(inner):
    try:
        print("outer waits")
        await asyncio.shield(inner)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def main():
    inner = asyncio.create_task(work())
    task = asyncio.create_task(outer(inner))
    await asyncio.sleep(0)
    print("cancelling outer")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees outer cancelled")
    print(f"inner gave {await inner}")
    await t


asyncio.run(main())
