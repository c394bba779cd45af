"""asyncio.wait with FIRST_COMPLETED, FIRST_EXCEPTION, and a timeout."""

import asyncio

from virtual_time import run


async def job(name, secs, fail=False):
    print(f"{name} starts")
    await asyncio.sleep(secs)
    if fail:
        raise Exception(f"{name} failed")
    print(f"{name} ends")
    return name


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    tasks = [asyncio.create_task(job(n, s), name=n) for n, s in [("a", 3), ("b", 1), ("c", 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"first completed: done {names(done)} pending {names(pending)}")
    done, pending = await asyncio.wait(tasks, timeout=1.5)
    print(f"timeout: done {names(done)} pending {names(pending)}")
    tasks = [
        asyncio.create_task(job("x", 5), name="x"),
        asyncio.create_task(job("y", 2, fail=True), name="y"),
        asyncio.create_task(job("z", 1), name="z"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"first exception: done {names(done)} pending {names(pending)}")
    for t in done:
        if t.exception():
            print(f"{t.get_name()}: {t.exception()}")
    done, pending = await asyncio.wait(tasks)
    print(f"all: done {names(done)} pending {names(pending)}")


run(main())
