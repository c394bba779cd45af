"""Semaphore: a waiter is cancelled, and a permit released, in the same step; the
release skips the cancelled waiter and takes the permit for the next one."""

import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def waiter(name):
        print(f"{name} waits")
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            print(f"{name} cancelled, value {sem._value}")
            raise
        print(f"{name} got it, value {sem._value}")
        sem.release()

    async def ticker():
        for hop in range(3):
            print(f"hop {hop}: value {sem._value}, locked {sem.locked()}")
            await asyncio.sleep(0)

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    a.cancel()
    sem.release()
    print(f"released: value {sem._value}, locked {sem.locked()}")
    t = asyncio.create_task(ticker())
    await asyncio.gather(a, b, t, return_exceptions=True)
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
