"""A task cancels itself and then awaits gather: the gathering future is cancelled
as the step ends, which cancels each child where it waits; the task's own
clean-up comes after the children's."""

import asyncio

from common import child, ticker


async def parent():
    try:
        c1 = asyncio.create_task(child("c1", 10))
        c2 = asyncio.create_task(child("c2", 10))
        await asyncio.sleep(0)
        asyncio.current_task().cancel()
        print("parent cancelled itself and gathers")
        await asyncio.gather(c1, c2)
        print("parent done")
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def main():
    task = asyncio.create_task(parent())
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees the parent cancelled")
    await t


asyncio.run(main())
