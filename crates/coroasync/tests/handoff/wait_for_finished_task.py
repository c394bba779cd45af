"""wait_for of a task that has already finished still takes asyncio 3.11's two
hops (its done callback, then the waiter), so a task queued meanwhile runs
first."""

import asyncio


async def main():
    async def quick():
        print("quick runs")
        return 1

    async def other():
        for step in range(3):
            print(f"other {step}")
            await asyncio.sleep(0)

    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    o = asyncio.create_task(other())
    print("wait_for starts")
    value = await asyncio.wait_for(t, 10)
    print(f"wait_for gave {value}")
    await o


asyncio.run(main())
