# Condition: notify(n) and notify_all wake waiters oldest first; each runs once
# it holds the lock again; wait_for rechecks its predicate.
import asyncio


async def main():
    cond = asyncio.Condition()
    items = []

    async def waiter(name):
        async with cond:
            print(f"{name} waits")
            await cond.wait()
            print(f"{name} woken, locked {cond.locked()}")
            await asyncio.sleep(0)
            print(f"{name} releases")

    async def consumer():
        async with cond:
            await cond.wait_for(lambda: len(items) >= 2)
            print(f"consumer sees {len(items)} items")

    tasks = [asyncio.create_task(waiter(name)) for name in "abcd"]
    tasks.append(asyncio.create_task(consumer()))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        print("notified two")
        await asyncio.sleep(0)
        print("notifier releases")
    await asyncio.sleep(0)
    async with cond:
        items.append(1)
        cond.notify_all()
        print(f"notified all, locked {cond.locked()}")
    await asyncio.sleep(0)
    async with cond:
        items.append(2)
        cond.notify_all()
        print("notified all again")
    await asyncio.gather(*tasks)
    print(f"done, locked {cond.locked()}")


asyncio.run(main())
