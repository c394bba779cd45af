# Awaiting tasks known only by reference, and asyncio.wait over all_tasks().
import asyncio


async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def worker(name, hops):
    for _ in range(hops):
        await asyncio.sleep(0)
    print(f"{name} done")
    return len(name)


async def main():
    asyncio.create_task(ticker(12))
    a = asyncio.create_task(worker("a", 1))
    b = asyncio.create_task(worker("bb", 3))
    c = asyncio.create_task(worker("ccc", 9))
    await b
    print("awaited b")
    await a
    print("awaited a, finished already")
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print("c was cancelled")
    d = asyncio.create_task(worker("d", 2))
    others = asyncio.all_tasks()
    others.remove(asyncio.current_task())
    done, pending = await asyncio.wait(others)
    print(f"waited for the others: {len(done)} done, {len(pending)} pending")
    print(f"d returned {d.result()}")


asyncio.run(main())
