"""Semaphore.locked(): no permit free, or a waiter that is not cancelled. A
cancelled waiter does not keep a free permit from a newcomer."""

import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def waiter(name):
        print(f"{name} waits")
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            print(f"{name} cancelled, value {sem._value}, locked {sem.locked()}")
            raise
        print(f"{name} got it")
        sem.release()

    a = asyncio.create_task(waiter("a"))
    await asyncio.sleep(0)
    a.cancel()
    print(f"cancelled: value {sem._value}, locked {sem.locked()}")
    sem.release()
    print(f"released: value {sem._value}, locked {sem.locked()}")
    await sem.acquire()
    print(f"main took it at once: value {sem._value}, locked {sem.locked()}")
    await asyncio.gather(a, return_exceptions=True)
    sem.release()
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
