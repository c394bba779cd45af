"""A task that cancels itself and then waits: its wait is out of play as soon as
its step ends, so a release passes it by and a newcomer takes the permit."""

import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def self_cancelling():
        asyncio.current_task().cancel()
        print("a cancelled itself and waits")
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            print(f"a cancelled, value {sem._value}, locked {sem.locked()}")
            raise
        print("a got it")
        sem.release()

    async def newcomer():
        await asyncio.sleep(0)
        print(f"b comes: value {sem._value}, locked {sem.locked()}")
        await sem.acquire()
        print("b got it")
        sem.release()

    a = asyncio.create_task(self_cancelling())
    await asyncio.sleep(0)
    print(f"after a's step: value {sem._value}, locked {sem.locked()}")
    b = asyncio.create_task(newcomer())
    sem.release()
    print(f"released: value {sem._value}, locked {sem.locked()}")
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"end: value {sem._value}, locked {sem.locked()}")


asyncio.run(main())
