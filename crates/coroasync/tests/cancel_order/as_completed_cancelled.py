"""A task iterating as_completed is cancelled from outside: the tasks it watched
run on; the task cleans up one hop later."""

import asyncio


async def child(name, hops):
    for _ in range(hops):
        await asyncio.sleep(0)
    print(f"{name} done")
    return name


async def outer(tasks):
    try:
        print("outer waits")
        for next_done in asyncio.as_completed(tasks):
            print(f"outer got {await next_done}")
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def ticker():
    for hop in range(8):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(child("a", 1))
    b = asyncio.create_task(child("b", 6))
    task = asyncio.create_task(outer([a, b]))
    t = asyncio.create_task(ticker())
    for _ in range(5):
        await asyncio.sleep(0)
    print("cancelling outer")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main sees outer cancelled")
    await asyncio.gather(a, b, t)


asyncio.run(main())
