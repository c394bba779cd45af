"""Lock: the only waiter is cancelled and the lock released in the same step; a
newcomer takes the lock at once, since every waiter is cancelled."""

import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()

    async def worker(name):
        print(f"{name} waits")
        try:
            await lock.acquire()
        except asyncio.CancelledError:
            print(f"{name} cancelled, locked {lock.locked()}")
            raise
        print(f"{name} holds it")
        lock.release()

    a = asyncio.create_task(worker("a"))
    await asyncio.sleep(0)
    a.cancel()
    lock.release()
    print(f"main let go, locked {lock.locked()}")
    await lock.acquire()
    print(f"main holds it again, locked {lock.locked()}")
    await asyncio.gather(a, return_exceptions=True)
    lock.release()
    print(f"end: locked {lock.locked()}")


asyncio.run(main())
