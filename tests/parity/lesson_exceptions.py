"""The Python of the `exceptions` lesson (docs/lessons/), on virtual time;
its twin is the lesson itself."""

import asyncio

from virtual_time import run


async def task_coroutine():
    print('> executing the task')
    await asyncio.sleep(1)
    raise Exception('Something went wrong')


async def main1():
    print('main coroutine started')
    task = asyncio.create_task(task_coroutine())
    await asyncio.sleep(2)
    ex = task.exception()
    print(f'got exception: {ex}')
    print('main coroutine done')


async def main2():
    print('main coroutine started')
    task = asyncio.create_task(task_coroutine())
    try:
        await task
    except Exception as ex:
        print(f'got exception: {ex}')
    print('main coroutine done')


run(main1()); run(main2())
