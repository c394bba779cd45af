"""Queue: a putter waiting for room is cancelled, then an item taken, in the
same step; the get wakes the next putter, whose item goes in one hop later."""

import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")

    async def putter(name):
        print(f"{name} waits")
        try:
            await q.put(name)
        except asyncio.CancelledError:
            print(f"{name} cancelled, qsize {q.qsize()}")
            raise
        print(f"{name} put, qsize {q.qsize()}")

    async def ticker():
        for hop in range(3):
            print(f"hop {hop}: qsize {q.qsize()}")
            await asyncio.sleep(0)

    p1 = asyncio.create_task(putter("p1"))
    p2 = asyncio.create_task(putter("p2"))
    await asyncio.sleep(0)
    p1.cancel()
    print(f"got {q.get_nowait()}, qsize {q.qsize()}")
    t = asyncio.create_task(ticker())
    await asyncio.gather(p1, p2, t, return_exceptions=True)
    print(f"end: qsize {q.qsize()}, next {q.get_nowait()}")


asyncio.run(main())
