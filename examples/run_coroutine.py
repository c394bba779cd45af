# driver: the note's import, from an earlier cell
import asyncio

async def custom_coro():
    return 2+2


async def main():
    # await for custom coroutine
    result = await custom_coro()
    print(result)


m = main()
# not executed yet; coro is a coroutine, not 4
print(type(m))

# %%
async def custom_coro():
    return 2+2


async def main():
    # await for custom coroutine
    result = await custom_coro()
    print(result)

m = main()

# start the coroutine program
asyncio.run(m)
