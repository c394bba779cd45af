"""A task awaiting another task is cancelled: the awaited task is cancelled at
once (it is the future the awaiting task is suspended on), and the awaiting task
resumes with CancelledError only when that task has ended: its clean-up comes
second."""

import asyncio

from common import cancel_after_two_hops, child


async def parent():
    try:
        c = asyncio.create_task(child("c", 10))
        print("parent awaits c")
        await c
        print("parent done")
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def main():
    await cancel_after_two_hops(parent(), "the parent")


asyncio.run(main())
