"""The Python of the `create-task` lesson (docs/lessons/), on virtual time;
its twin is the lesson itself."""

import asyncio

from virtual_time import run


async def task_coroutine():
    print('execute the task')
    await asyncio.sleep(2)


async def main():
    print('main coroutine started')
    task = asyncio.create_task(task_coroutine())
    await task
    print('main coroutine done')


run(main())
