# driver: the note's imports, from an earlier cell
import asyncio
import random
from typing import Awaitable, List

async def main():
    queue = asyncio.Queue(maxsize=1)

    consumer_tasks = [asyncio.create_task(consumer(tid, queue)) for tid in range(3)]
    producer_tasks = [asyncio.create_task(producer(tid, queue)) for tid in range(3)]

    try:
        await monitor_consumers(
            consumer_tasks,
            asyncio.gather(queue.join(), *producer_tasks)
        )
    finally:
        for task in consumer_tasks:
            task.cancel()

    print("Finished")


async def monitor_consumers(consumers: List[asyncio.Task], checkpoint: Awaitable, timeout=1):
    while True:
        try:
            await asyncio.wait_for(asyncio.shield(checkpoint), timeout=timeout)
        except asyncio.TimeoutError:
            done, _ = await asyncio.wait(
                consumers, timeout=timeout, return_when=asyncio.FIRST_EXCEPTION,
            )
            # If there is an exception in consumer, it will be raised here:
            await asyncio.gather(*done)
        else:
            break


async def producer(tid, queue: asyncio.Queue):
    for i in range(3):
        print(f"    {tid}: sending a message: {i}")
        await queue.put(f"message {i}")


async def consumer(tid, queue: asyncio.Queue):
    while True:
        value = await queue.get()

        # Simulate hard working
        await asyncio.sleep(random.random())

        print(f"    {tid}: got value {value!r}")
        queue.task_done()


await main()
