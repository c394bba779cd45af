"""A wait_for that ended on its timer while its task was finishing leaves that
task's done callback behind; asyncio ignores it (the waiter is done already), so
the next wait_for of the same task takes its full two hops."""

import asyncio


async def main():
    never, ready = asyncio.Event(), asyncio.Event()
    ready.set()

    async def bounded():
        try:
            await asyncio.wait_for(never.wait(), 1)
        except asyncio.TimeoutError:
            print("bounded timed out")

    async def child():
        await asyncio.sleep(1)
        print("child done")

    b = asyncio.create_task(bounded())
    kid = asyncio.create_task(child())
    await asyncio.wait_for(ready.wait(), 3)
    print("ready")
    await asyncio.wait_for(kid, 1)
    print("joined")
    await asyncio.wait_for(ready.wait(), 2)
    print("ready again")
    await b


asyncio.run(main())
