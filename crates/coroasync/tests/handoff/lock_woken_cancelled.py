"""Lock: the first waiter, woken by a release, is cancelled before it runs; the
lock passes to the next waiter and nothing is left locked."""

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
        print(f"{name} let go, locked {lock.locked()}")

    a = asyncio.create_task(worker("a"))
    b = asyncio.create_task(worker("b"))
    c = asyncio.create_task(worker("c"))
    await asyncio.sleep(0)
    lock.release()
    print(f"main let go, locked {lock.locked()}")
    a.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print(f"end: locked {lock.locked()}")


asyncio.run(main())
