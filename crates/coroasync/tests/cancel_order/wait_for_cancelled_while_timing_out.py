"""A task in wait_for is cancelled while wait_for cancels the inner task for its
time limit (inside `_cancel_and_wait`): the awaiting task ends at its next turn,
without waiting for the inner task's clean-up. On virtual time."""

import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "tests", "parity"))
from virtual_time import VirtualTimeLoop  # noqa: E402


async def inner():
    try:
        print("inner starts")
        await asyncio.sleep(10)
        print("inner done")
    except asyncio.CancelledError:
        print("inner cleans up")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), 1)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise
    except asyncio.TimeoutError:
        print("outer timed out")


async def ticker():
    await asyncio.sleep(1)
    for hop in range(6):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def main():
    task = asyncio.create_task(outer())
    await asyncio.sleep(0)  # outer has set its time limit's timer
    t = asyncio.create_task(ticker())
    await asyncio.sleep(1)  # due with it, and fired after it
    print("cancelling outer")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main sees outer cancelled")
    await t


with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
    runner.run(main())
