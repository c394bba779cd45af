# driver: the note's import, from an earlier cell
import asyncio

import random

async def counter_coro(begin, end, event, boom = 42):
    for i in range(begin, end):
        print(i)
        if  random.randint(1, 20) == 8 :
            event.set()
        if i == boom:
            raise Exception("The answer!")
        await asyncio.sleep(.1)
    return "The end"

async def waiter(event):
    await event.wait()
    raise Exception("Ooops!")

async def main():
    try:
        event = asyncio.Event()
        bunch = asyncio.gather(counter_coro(100, 120, event), counter_coro(35, 80, event), waiter(event),
                               # return_exceptions=True,
                              )
        print(type(bunch))
        print(await bunch)
    except Exception as e:
        print(e)

asyncio.run(main())
