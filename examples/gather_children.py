# driver: the note's import, from an earlier cell
import asyncio

async def child1():
    print("  child1: started! sleeping now...")
    await asyncio.sleep(1)
    print("  child1: still working...")
    await asyncio.sleep(1)
    print("  child1: exiting!")


async def child2():
    print("  child2: started! sleeping now...")
    await asyncio.sleep(2)
    print("  child2: still working...")
    await asyncio.sleep(2)
    print("  child2: exiting!")


async def main():
    tasks = [asyncio.create_task(c) for c in [child1(), child2()]]
    return await asyncio.gather(*tasks)


print(await main())
