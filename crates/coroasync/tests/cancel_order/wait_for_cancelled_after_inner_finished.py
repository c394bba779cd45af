"""A task in wait_for is cancelled after the task it waits on has finished but
before the awaiting task has heard of it: 3.11's wait_for returns the inner
result (`if fut.done(): return fut.result()`), the cancellation is spent, and
the task runs on."""

import asyncio


async def inner():
    print("inner runs and finishes")
    return 7


async def outer():
    try:
        got = await asyncio.wait_for(inner(), 10)
        print(f"outer got {got} and runs on")
        await asyncio.sleep(0)
        print("outer done")
    except asyncio.CancelledError:
        print("outer cleans up")
        raise


async def main():
    task = asyncio.create_task(outer())
    await asyncio.sleep(0)  # outer starts the wait; inner is queued
    await asyncio.sleep(0)  # inner has run and finished
    print("cancelling outer")
    print(f"cancel() says {task.cancel()}")
    try:
        await task
        print(f"main sees outer done, cancelled {task.cancelled()}")
    except asyncio.CancelledError:
        print("main sees outer cancelled")


asyncio.run(main())
