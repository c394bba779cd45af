"""gather with a failing child: the first error reaches the awaiting task and the
other children keep running; with return_exceptions=True every result comes back."""

import asyncio

from virtual_time import run


async def counter(name, begin, end, boom=None):
    for i in range(begin, end):
        print(f"{name} {i}")
        if i == boom:
            raise Exception(f"{name} says boom at {i}")
        await asyncio.sleep(1 if name == "a" else 1.25)
    return f"{name} finished"


async def main():
    try:
        print(await asyncio.gather(counter("a", 0, 4), counter("b", 10, 14, boom=11)))
    except Exception as error:
        print(f"caught: {error}")
    await asyncio.sleep(10)
    print("---")
    results = await asyncio.gather(
        counter("a", 0, 2), counter("b", 10, 14, boom=11), return_exceptions=True
    )
    print([str(r) for r in results])


run(main())
