"""A task awaiting gather is cancelled: each child is cancelled where it waits,
and the task's own clean-up runs only once the gathering future has completed,
after the children's."""

import asyncio

from common import cancel_after_two_hops, child


async def parent():
    try:
        print("parent gathers")
        await asyncio.gather(child("c1", 10), child("c2", 10))
        print("parent done")
    except asyncio.CancelledError:
        print("parent cleans up")
        raise


async def main():
    await cancel_after_two_hops(parent(), "the parent")


asyncio.run(main())
