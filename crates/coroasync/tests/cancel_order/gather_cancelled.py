"""A task awaiting gather is cancelled: each child is cancelled where it waits,
and the task's own clean-up runs only once the gathering future has completed,
after the children's."""

import asyncio


async def child(name, hops):
    try:
        print(f"{name} starts")
        for _ in range(hops):
            await asyncio.sleep(0)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cleans up")
        raise


async def parent():
    try:
        print("parent gathers")
        await asyncio.gather(child("c1", 10), child("c2", 10))
        print("parent done")
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def ticker():
    for hop in range(5):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    task = asyncio.create_task(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancelling the parent")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees the parent cancelled")
    await t


asyncio.run(main())
