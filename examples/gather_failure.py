# driver: the note's import, from an earlier cell
import asyncio

async def child(name, steps, fail_at=None):
    for step in range(1, steps + 1):
        await asyncio.sleep(1)
        if step == fail_at:
            print(f"  {name}: failing!")
            raise Exception(f"{name} broke")
        print(f"  {name}: step {step}")
    print(f"  {name}: exiting!")
    return name


async def main():
    print("1: one child fails")
    try:
        print(await asyncio.gather(child("child1", 3), child("child2", 3, fail_at=2)))
    except Exception as err:
        print("The main task failed with", repr(err), "let's see what happens now.")
        await asyncio.sleep(5)

    print("1.1: return_exceptions=True")
    results = await asyncio.gather(
        child("child1", 3), child("child2", 3, fail_at=2), return_exceptions=True
    )
    for result in results:
        print(repr(result) if isinstance(result, Exception) else result)

    print("1.2: cancel the others when one fails")
    tasks = [asyncio.create_task(child("child1", 3)),
             asyncio.create_task(child("child2", 3, fail_at=2))]
    try:
        await asyncio.gather(*tasks)
    except Exception as err:
        for task in tasks:
            task.cancel()
        print("cancelled the others after", repr(err))
        await asyncio.sleep(5)
    print("done")


asyncio.run(main())
