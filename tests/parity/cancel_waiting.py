"""Cancelling a task already woken (in the ready queue) and one still waiting on
Queue.get: the item is not lost, the next getter receives it."""

import asyncio

from virtual_time import run


async def main():
    queue = asyncio.Queue()

    async def getter(name):
        try:
            value = await queue.get()
            print(f"{name} got {value}")
        except asyncio.CancelledError:
            print(f"{name} cancelled")
            raise

    g1 = asyncio.create_task(getter("g1"))
    g2 = asyncio.create_task(getter("g2"))
    g3 = asyncio.create_task(getter("g3"))
    await asyncio.sleep(0)
    queue.put_nowait("x")
    g1.cancel()
    g3.cancel()
    print("cancelled g1 and g3")
    await asyncio.sleep(0)
    print("main after one yield")
    await asyncio.sleep(0)
    print(f"qsize {queue.qsize()}")
    results = await asyncio.gather(g1, g2, g3, return_exceptions=True)
    print(["cancelled" if isinstance(r, asyncio.CancelledError) else r for r in results])


run(main())
