"""Semaphore(1): the waiter handed the permit is cancelled before it runs; the
permit goes back and on to the next waiter."""

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

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    sem.release()
    print(f"released: value {sem._value}, locked {sem.locked()}")
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
