# driver: the note's imports, from an earlier cell
import asyncio
import random

async def main():
    queue = asyncio.Queue(maxsize=1)

    consumer_task = asyncio.create_task(consumer(queue))
    producer_task = asyncio.create_task(producer(queue))

    await producer_task
    await queue.join()

    consumer_task.cancel()
    print("Finished")


async def producer(queue: asyncio.Queue):
    for i in range(3):
        print(f"    sending a message: {i}")
        await queue.put(f"message {i}")


async def consumer(queue: asyncio.Queue):
    while True:
        value = await queue.get()
        print(f"    got value {value!r}")

        # Simulate hard working
        await asyncio.sleep(random.random())

        print(f"    finished processing {value!r}")
        queue.task_done()


await main()
