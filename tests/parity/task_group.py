"""A TaskGroup whose child fails: the others are cancelled, the errors reported."""

import asyncio

from virtual_time import run


async def counter(name, n, boom=None):
    try:
        for i in range(n):
            print(f"{name} {i}")
            if i == boom:
                raise ValueError(f"{name} boom")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(counter("a", 5))
            group.create_task(counter("b", 5, boom=2))
            group.create_task(counter("c", 1))
            print("body done")
    except* ValueError as errors:
        print(f"errors: {[str(e) for e in errors.exceptions]}")
    print("after the group")


run(main())
