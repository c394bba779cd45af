# driver: the note's import, from an earlier cell
import asyncio

async def counter_coro(n):
    for i in range(n):
        print(i)
        await asyncio.sleep(.1)

async def real_coro():
    await asyncio.sleep(1)
    print("Something happened")
    return 24

async def manager():
    coro = counter_coro(100)
    print(type(coro)) # Awaitables: coroutines, Tasks, and Futures
    counter = asyncio.create_task(coro)
    result = await real_coro()
    counter.cancel()
    return result

result = asyncio.run(manager())
print("answer:",  result)
