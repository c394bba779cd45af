"""as_completed hands results out in the order the tasks finish."""

import asyncio

from virtual_time import run


async def get_double(n, secs):
    print(f"    {n}: thinking on a double...")
    await asyncio.sleep(secs)
    print(f"    {n}: got it: {n * 2}")
    return n, n * 2


async def main():
    numbers = [(3, 0.5), (1, 0.25), (4, 0.875), (2, 0.125), (5, 0.625)]
    tasks = [asyncio.create_task(get_double(n, s)) for n, s in numbers]
    result = {}
    for coro in asyncio.as_completed(tasks):
        key, value = await coro
        print(f"main received {key}")
        result[key] = value
    print(result)


run(main())
