"""sleep(0) ping-pong, create_task order, awaiting a task, gather, and an Event
with three waiters set while another task is queued."""

import asyncio

from virtual_time import run

async def player(name, n):
    for i in range(n):
        print(f"{name} {i}")
        await asyncio.sleep(0)

async def sleeper(name, secs):
    print(f"{name} sleeps {secs}")
    await asyncio.sleep(secs)
    print(f"{name} woke at {asyncio.get_running_loop().time()}")

async def main():
    print("main start")
    a = asyncio.create_task(player("a", 3))
    b = asyncio.create_task(player("b", 2))
    s1 = asyncio.create_task(sleeper("s1", 2))
    s2 = asyncio.create_task(sleeper("s2", 1))
    print("main created")
    await asyncio.sleep(0)
    print("main after one yield")
    await a
    print("main awaited a")
    res = await asyncio.gather(b, s1, s2)
    print("gathered", res)
    ev = asyncio.Event()
    async def waiter(i):
        print(f"waiter {i} waits")
        await ev.wait()
        print(f"waiter {i} woke")
    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    other = asyncio.create_task(player("o", 3))
    await asyncio.sleep(0)
    print("setting")
    ev.set()
    print("set done")
    await asyncio.gather(*ws, other)
    print("main end")

run(main())
