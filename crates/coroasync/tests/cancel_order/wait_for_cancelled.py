"""A task awaiting wait_for is cancelled from outside: wait_for cancels the inner
task and waits for it to finish cancelling before it re-raises, so the inner
clean-up comes first."""

import asyncio


async def inner():
    try:
        print("inner starts")
        for _ in range(10):
            await asyncio.sleep(0)
        print("inner done")
    except asyncio.CancelledError:
        print("inner cleans up")
        raise


async def outer():
    try:
        print("outer waits")
        await asyncio.wait_for(inner(), 10)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def ticker():
    for hop in range(5):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    task = asyncio.create_task(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancelling outer")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees outer cancelled")
    await t


asyncio.run(main())
