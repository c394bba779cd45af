import trio

async def counter_coro(begin, end, boom = 42):
    for i in range(begin, end):
        print(i)
        if i == boom:
            raise Exception("The answer!")
        await trio.sleep(.1)
    return "The end"

async def boom():
    1/0

async def parent():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(counter_coro, 42, 120)
        nursery.start_soon(counter_coro, 35, 80)
        nursery.start_soon(boom)

trio.run(parent)
