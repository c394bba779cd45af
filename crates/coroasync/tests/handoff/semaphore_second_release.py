"""Semaphore(2): one permit goes to a queued waiter, the other is released while
that waiter has not run yet; the next acquire must still succeed."""

import asyncio


async def main():
    sem = asyncio.Semaphore(2)
    await sem.acquire()
    await sem.acquire()

    async def waiter(name):
        print(f"{name} waits")
        await sem.acquire()
        print(f"{name} got a permit, value {sem._value}")

    c = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    sem.release()
    print(f"released one: value {sem._value}, locked {sem.locked()}")
    sem.release()
    print(f"released two: value {sem._value}, locked {sem.locked()}")
    await sem.acquire()
    print(f"main got a permit, value {sem._value}")
    await c
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
