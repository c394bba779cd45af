"""A task awaiting wait_for is cancelled from outside: wait_for cancels the inner
task and waits for it to finish cancelling before it re-raises, so the inner
clean-up comes first."""

import asyncio

from common import cancel_after_two_hops


async def inner():
    try:
        print("inner starts")
        for _ in range(10):
            await asyncio.sleep(0)
        print("inner done")
    except asyncio.CancelledError:
        print("inner cleans up")
        raise


async def outer():
    try:
        print("outer waits")
        await asyncio.wait_for(inner(), 10)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def main():
    await cancel_after_two_hops(outer(), "outer")


asyncio.run(main())
