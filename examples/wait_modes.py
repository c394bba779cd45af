# driver: the note's imports, from an earlier cell
import asyncio
import random

async def task_coroutine(index):
    value = random.random()
    print(f'> task {index} executing')
    await asyncio.sleep(value)
    print(f'> task {index} done after sleep {value} seconds')


async def main():
    print('main coroutine started')
    tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]
    # wait for all tasks to complete
    done, pending = await asyncio.wait(tasks)
    # wait for the first tasks to complete
    # done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    # wait for the first tasks to failed
    # done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    # you can play with done and pending
    print('main done')

asyncio.run(main())
