"""A task awaiting a gather of children that use wait_for and shield is
cancelled: the gather cancels both children; the wait_for child cancels its
inner task and waits for it; the shielded task runs on; the parent's clean-up
comes after the first child has ended."""

import asyncio


async def hops(name, n):
    try:
        for _ in range(n):
            await asyncio.sleep(0)
        print(f"{name} done")
        return name
    except asyncio.CancelledError:
        print(f"{name} cleans up")
        raise


async def timed():
    try:
        await asyncio.wait_for(hops("inner", 10), 10)
    except asyncio.CancelledError:
        print("timed cleans up")
        raise


async def shielded(work):
    try:
        await asyncio.shield(work)
    except asyncio.CancelledError:
        print("shielded cleans up")
        raise


async def parent(work):
    try:
        print("parent gathers")
        await asyncio.gather(timed(), shielded(work))
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def ticker():
    for hop in range(8):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    work = asyncio.create_task(hops("work", 6))
    task = asyncio.create_task(parent(work))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancelling the parent")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees the parent cancelled")
    print(f"work gave {await work}")
    await t


asyncio.run(main())
