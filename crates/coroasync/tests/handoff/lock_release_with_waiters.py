"""Lock: a release with waiters leaves the lock unlocked until the first waiter
runs and takes it; a newcomer does not barge ahead of it."""

import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()

    async def worker(name):
        print(f"{name} asks, locked {lock.locked()}")
        await lock.acquire()
        print(f"{name} holds it, locked {lock.locked()}")
        await asyncio.sleep(0)
        lock.release()
        print(f"{name} let go, locked {lock.locked()}")

    a = asyncio.create_task(worker("a"))
    b = asyncio.create_task(worker("b"))
    await asyncio.sleep(0)
    lock.release()
    print(f"main let go, locked {lock.locked()}")
    await worker("main")
    await asyncio.gather(a, b)
    print(f"end: locked {lock.locked()}")


asyncio.run(main())
