"""Semaphore(1): a permit released to a waiter is not taken by a newcomer that
asks before the waiter runs; the newcomer queues behind it."""

import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def worker(name):
        print(f"{name} asks, locked {sem.locked()}")
        await sem.acquire()
        print(f"{name} got it")
        await asyncio.sleep(0)
        print(f"{name} gives it back")
        sem.release()

    w = asyncio.create_task(worker("w"))
    await asyncio.sleep(0)
    sem.release()
    print(f"released: value {sem._value}, locked {sem.locked()}")
    await worker("main")
    await w
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
