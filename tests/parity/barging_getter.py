"""A woken getter loses its item to a task queued ahead of it, and waits again."""

import asyncio

from virtual_time import run


async def main():
    queue = asyncio.Queue()

    async def getter():
        print("getter waits")
        value = await queue.get()
        print(f"getter got {value}")

    async def barger():
        print("barger runs")
        try:
            print(f"barger took {queue.get_nowait()}")
        except asyncio.QueueEmpty:
            print("barger found nothing")

    g = asyncio.create_task(getter())
    await asyncio.sleep(0)
    b = asyncio.create_task(barger())
    queue.put_nowait(1)
    print("put 1")
    await asyncio.sleep(0)
    print("main again")
    queue.put_nowait(2)
    print("put 2")
    await g
    await b
    print(f"qsize {queue.qsize()}")


run(main())
