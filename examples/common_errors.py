# driver: the note's import, from an earlier cell
import asyncio

async def coro():
    print('shit')

# error attempt at calling  a coroutine like a function
coro()

# right thing to do
# run a coroutine
asyncio.run(coro())

# create a coroutine object
coro = coro()
# got RuntimeError if you don't run it

# right thing to do
asyncio.run(coro)

# schedule coroutine to run independently as a task
task = asyncio.create_task(coro)

# Exiting the main coroutine too early
all_tasks = asyncio.all_tasks()
# get the current task
current_task = asyncio.current_task()
# remove the current task from the list of all tasks
all_tasks.remove(current_task)
# suspend until all tasks are completed
await asyncio.wait(all_tasks)
