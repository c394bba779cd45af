# driver: the note's imports, from the lesson's cell
import asyncio
import random


# Practice 1: more producers and consumers, the producers awaited together.
async def main():
    queue = asyncio.Queue(maxsize=1)

    consumer_tasks = [asyncio.create_task(consumer(tid, queue)) for tid in range(3)]
    producer_tasks = [asyncio.create_task(producer(tid, queue)) for tid in range(3)]

    await asyncio.gather(*producer_tasks)
    await queue.join()

    for task in consumer_tasks:
        task.cancel()
    print("Finished")


async def producer(tid, queue: asyncio.Queue):
    for i in range(3):
        print(f"    {tid}: sending a message: {i}")
        await queue.put(f"message {i}")


async def consumer(tid, queue: asyncio.Queue):
    while True:
        value = await queue.get()
        print(f"    {tid}: got value {value!r}")

        # Simulate hard working
        await asyncio.sleep(random.random())

        print(f"    {tid}: finished processing {value!r}")
        queue.task_done()


await main()
