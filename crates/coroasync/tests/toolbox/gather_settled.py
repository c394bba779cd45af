# gather(..., return_exceptions=True) over results of different types.
import asyncio


async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def number():
    await asyncio.sleep(0)
    print("number done")
    return 4


async def word():
    for _ in range(3):
        await asyncio.sleep(0)
    print("word done")
    return "four"


async def main():
    asyncio.create_task(ticker(6))
    doomed = asyncio.create_task(asyncio.sleep(5))
    doomed.cancel()
    n, w, d = await asyncio.gather(number(), word(), doomed, return_exceptions=True)
    print(f"number Ok({n}), word Ok({w!r}), cancelled {isinstance(d, asyncio.CancelledError)}".replace("'", '"'))


asyncio.run(main())
