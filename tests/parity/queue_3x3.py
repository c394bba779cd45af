"""A bounded Queue (maxsize 1) with three producers, three consumers and join."""

import asyncio

from virtual_time import run


async def producer(tid, queue):
    for i in range(3):
        print(f"{tid}: sending a message: {i}")
        await queue.put(f"message {i}")


# Distinct working times (exact in binary), so no two timers ever share a deadline:
# asyncio orders equal deadlines by heap position, not by when they were set.
WORK = [1.0, 1.5625, 2.1328125]


async def consumer(tid, queue):
    while True:
        value = await queue.get()
        print(f"{tid}: got value {value!r}")
        await asyncio.sleep(WORK[tid])
        print(f"{tid}: finished {value!r}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=1)
    consumers = [asyncio.create_task(consumer(tid, queue)) for tid in range(3)]
    producers = [asyncio.create_task(producer(tid, queue)) for tid in range(3)]
    await asyncio.gather(*producers)
    print("all sent")
    await queue.join()
    for task in consumers:
        task.cancel()
    print("Finished")


run(main())
