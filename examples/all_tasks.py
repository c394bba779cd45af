# driver: the note's import, from an earlier cell
import asyncio

async def task_coroutine(index):
    print(f'task {index} is running')
    await asyncio.sleep(2)


async def main():
    print('main coroutine started')
    # start many tasks
    started_tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]
    # allow some of the tasks time to start
    await asyncio.sleep(1)
    # get all tasks
    tasks = asyncio.all_tasks()

    for task in tasks:
        print(f'> {task.get_name()}, {task.get_coro()}')

    for task in started_tasks:
        await task

asyncio.run(main())
