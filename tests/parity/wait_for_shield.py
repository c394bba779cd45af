"""wait_for timing out cancels its task; a shielded task survives the timeout."""

import asyncio

from virtual_time import run


async def work(name, secs):
    try:
        print(f"{name} starts")
        await asyncio.sleep(secs)
        print(f"{name} done")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(work("w1", 2), timeout=1)
    except asyncio.TimeoutError:
        print("w1 timed out")
    print(await asyncio.wait_for(work("w2", 1), timeout=2))
    task = asyncio.create_task(work("w3", 2))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except asyncio.TimeoutError:
        print(f"shielded w3 timed out; done: {task.done()}")
    print(f"w3 result {await task}")


run(main())
