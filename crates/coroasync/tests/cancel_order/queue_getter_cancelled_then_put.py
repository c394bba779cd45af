"""Queue: a getter is cancelled, then an item put, in the same step; the put
wakes the next getter, which takes the item one hop later."""

import asyncio


async def main():
    q = asyncio.Queue()

    async def getter(name):
        print(f"{name} waits")
        try:
            item = await q.get()
        except asyncio.CancelledError:
            print(f"{name} cancelled, qsize {q.qsize()}")
            raise
        print(f"{name} got {item}")

    async def ticker():
        for hop in range(3):
            print(f"hop {hop}: qsize {q.qsize()}")
            await asyncio.sleep(0)

    g1 = asyncio.create_task(getter("g1"))
    g2 = asyncio.create_task(getter("g2"))
    await asyncio.sleep(0)
    g1.cancel()
    q.put_nowait("x")
    print(f"put: qsize {q.qsize()}")
    t = asyncio.create_task(ticker())
    await asyncio.gather(g1, g2, t, return_exceptions=True)
    print(f"end: qsize {q.qsize()}")


asyncio.run(main())
