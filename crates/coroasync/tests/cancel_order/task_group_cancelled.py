"""A task waiting at the end of a TaskGroup is cancelled from outside: the group
cancels its tasks and waits for them; the parent's clean-up comes after theirs."""

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
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1", 10))
            tg.create_task(child("c2", 10))
            print("parent waits for its group")
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
