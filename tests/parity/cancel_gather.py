"""Cancelling a task that awaits a gather cancels every child of the gather."""

import asyncio

from virtual_time import run


async def child(name, secs):
    try:
        print(f"{name} starts")
        await asyncio.sleep(secs)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def parent():
    print("parent gathers")
    await asyncio.gather(child("c1", 5), child("c2", 10))
    print("parent done")


async def main():
    task = asyncio.create_task(parent())
    await asyncio.sleep(1)
    print("cancelling the parent")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("parent cancelled")
    await asyncio.sleep(20)
    print("main done")


run(main())
