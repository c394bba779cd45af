# driver: the note's import, from an earlier cell
import asyncio

async def coro():
    print('the coroutine ran')

async def worker(name):
    await asyncio.sleep(1)
    print(f'{name} finished its work')

# error attempt at calling  a coroutine like a function
never_run = coro()
print('coro() made a future and ran nothing')
never_run.close()  # driver: silences "never awaited"; the lesson shows the error in words

# right thing to do
# run a coroutine
asyncio.run(coro())

# schedule coroutine to run independently as a task: without a running loop,
# create_task is an error
orphan = coro()
try:
    asyncio.create_task(orphan)
except RuntimeError as error:
    orphan.close()  # driver: silences "never awaited"
    print(f'spawn without a loop: {error}')

# Exiting the main coroutine too early: the worker is cancelled when run ends
async def early():
    asyncio.create_task(worker('early worker'))
    print('main returns at once')

asyncio.run(early())

async def patient():
    asyncio.create_task(worker('patient worker'))
    # Exiting the main coroutine too early
    all_tasks = asyncio.all_tasks()
    # get the current task
    current_task = asyncio.current_task()
    # remove the current task from the list of all tasks
    all_tasks.remove(current_task)
    # suspend until all tasks are completed
    await asyncio.wait(all_tasks)
    print('main waited for the others')

asyncio.run(patient())
