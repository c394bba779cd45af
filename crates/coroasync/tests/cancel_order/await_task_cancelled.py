"""A task awaiting another task is cancelled: the awaited task is cancelled at
once (it is the future the awaiting task is suspended on), and the awaiting task
resumes with CancelledError only when that task has ended: its clean-up comes
second."""

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
        c = asyncio.create_task(child("c", 10))
        print("parent awaits c")
        await c
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
