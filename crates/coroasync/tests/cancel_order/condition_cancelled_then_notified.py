"""Condition: a waiter is cancelled, then notify(1) called, in the same step; the
notification skips the cancelled waiter and wakes the next one."""

import asyncio


async def main():
    cond = asyncio.Condition()

    async def waiter(name):
        async with cond:
            print(f"{name} waits")
            try:
                await cond.wait()
            except asyncio.CancelledError:
                print(f"{name} cancelled")
                raise
            print(f"{name} notified")

    async def ticker():
        for hop in range(3):
            print(f"hop {hop}")
            await asyncio.sleep(0)

    w1 = asyncio.create_task(waiter("w1"))
    w2 = asyncio.create_task(waiter("w2"))
    await asyncio.sleep(0)
    async with cond:
        w1.cancel()
        cond.notify(1)
        print("notified one")
    t = asyncio.create_task(ticker())
    await asyncio.gather(w1, w2, t, return_exceptions=True)
    print(f"end: locked {cond.locked()}")


asyncio.run(main())
