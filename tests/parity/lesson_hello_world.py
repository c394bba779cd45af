"""The Python of the `hello-world` lesson (docs/lessons/), on virtual time;
its twin is the lesson itself."""

import asyncio

from virtual_time import run


async def main():
    print('hello')
    await asyncio.sleep(1)
    print('world')


run(main())
