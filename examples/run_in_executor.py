# driver: the note's imports, from an earlier cell
import asyncio
import time

def blocking_task():
    print('> task starting')
    time.sleep(2)
    print('> task done')


async def main():
    print('main running the blocking task')
    loop = asyncio.get_running_loop()
    # execute a function in a separate thread
    # If None -> ThreadPoolExecutor
    # Can pass ProcessPoolExecutor
    await loop.run_in_executor(None, blocking_task)
    print('main doing other things')
    await asyncio.sleep(10)

asyncio.run(main())
