"""A task that cancels itself and returns without awaiting anything ends
cancelled: its value is dropped."""

import asyncio


async def main():
    async def returns_after_cancelling_itself():
        asyncio.current_task().cancel()
        print("cancelled itself, returns 5")
        return 5

    task = asyncio.create_task(returns_after_cancelling_itself())
    try:
        print(f"got {await task}")
    except asyncio.CancelledError:
        print(f"cancelled: {task.cancelled()}")


asyncio.run(main())
