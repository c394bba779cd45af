"""The Python of the `all-tasks` lesson (docs/lessons/), on virtual time;
its twin is the lesson itself."""

import asyncio

from virtual_time import run


async def task_coroutine(index):
    print(f'task {index} is running')
    await asyncio.sleep(2)


async def main():
    print('main coroutine started')
    started_tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]
    await asyncio.sleep(1)
    tasks = asyncio.all_tasks()
    for task in sorted(tasks, key=lambda t: int(t.get_name().split('-')[1])):
        print(f'> {task.get_name()}')
    for task in started_tasks:
        await task


run(main())
