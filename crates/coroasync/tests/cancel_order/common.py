"""What the programs of this folder share, as their Rust twins share it in
`cancel_order.rs`: a child that hops and says how it ended, a ticker whose lines
show the hops, and a main that cancels a task after two hops."""

import asyncio


async def child(name, hops):
    try:
        print(f"{name} starts")
        for _ in range(hops):
            await asyncio.sleep(0)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cleans up")
        raise


async def ticker():
    for hop in range(5):
        print(f"hop {hop}")
        await asyncio.sleep(0)


async def cancel_after_two_hops(coro, who):
    """Runs `coro` as a task, lets it run two hops, cancels it with a ticker
    alongside, and says how it ended."""
    task = asyncio.create_task(coro)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"cancelling {who}")
    task.cancel()
    t = asyncio.create_task(ticker())
    try:
        await task
    except asyncio.CancelledError:
        print(f"main sees {who} cancelled")
    await t
