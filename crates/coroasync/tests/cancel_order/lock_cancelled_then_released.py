"""Lock: the first waiter is cancelled, then the lock released, in the same step.
The release looks at the first waiter only and wakes nobody; the cancelled
waiter, leaving, wakes the next."""

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
        await asyncio.sleep(0)
        lock.release()
        print(f"{name} let go, locked {lock.locked()}")

    async def ticker():
        for hop in range(4):
            print(f"hop {hop}: locked {lock.locked()}")
            await asyncio.sleep(0)

    a = asyncio.create_task(worker("a"))
    b = asyncio.create_task(worker("b"))
    await asyncio.sleep(0)
    a.cancel()
    lock.release()
    print(f"main let go, locked {lock.locked()}")
    t = asyncio.create_task(ticker())
    await asyncio.gather(a, b, t, return_exceptions=True)
    print(f"end: locked {lock.locked()}")


asyncio.run(main())
