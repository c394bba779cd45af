"""A task waiting at the end of a TaskGroup is cancelled from outside: the group
cancels its tasks and waits for them; the parent's clean-up comes after theirs."""

import asyncio

from common import cancel_after_two_hops, child


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


async def main():
    await cancel_after_two_hops(parent(), "the parent")


asyncio.run(main())
