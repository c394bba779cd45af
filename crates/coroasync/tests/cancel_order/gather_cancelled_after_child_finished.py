"""A task awaits gather of a child that has finished, and is cancelled before the
gathering future has completed: the child cannot be cancelled, so the task's
cancellation waits for its next step, which ends it (_must_cancel)."""

import asyncio


async def child():
    print("child runs and finishes")


async def parent(c):
    try:
        print("parent gathers")
        await asyncio.gather(c)
        print("parent done")
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def ticker():
    for hop in range(4):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    c = asyncio.create_task(child())
    p = asyncio.create_task(parent(c))
    await asyncio.sleep(0)
    print("cancelling the parent")
    p.cancel()
    t = asyncio.create_task(ticker())
    try:
        await p
    except asyncio.CancelledError:
        print("main sees the parent cancelled")
    await t


asyncio.run(main())
