"""The Python of the `wait-for` lesson (docs/lessons/), on virtual time;
its twin is the lesson itself."""

import asyncio

from virtual_time import run


async def task_coroutine(index):
    print(f'> task {index} executing')
    value = 2
    await asyncio.sleep(value)
    print(f'> task {index} done after sleep {value} seconds')


async def main(timeout):
    print('main coroutine started')
    task = task_coroutine(1)
    try:
        await asyncio.wait_for(task, timeout=timeout)
        print('main done')
    except asyncio.TimeoutError:
        print('main gave up waiting, task cancelled')


run(main(3))
run(main(1))
