# driver: the note's import, from an earlier cell
import asyncio

async def task_coroutine(index):
    print(f'> task {index} executing')
    await asyncio.sleep(2)


async def main():
    print('main coroutine started')
    group_coros = [task_coroutine(i) for i in range(10)]
    await asyncio.gather(*group_coros)
    print('main done')

asyncio.run(main())
