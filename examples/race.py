import asyncio

async def fetch(name, delay):
    print(f'{name}: started')
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f'{name}: cancelled')
        raise
    print(f'{name}: answered after {delay} s')
    return name


async def first_of(mirrors):
    tasks = [asyncio.create_task(fetch(name, delay)) for name, delay in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    # cancel the others, in the order they were listed, and let them clean up
    for task in tasks:
        if task in pending:
            task.cancel()
    if pending:
        await asyncio.wait(pending)
    # the first listed of those done, as a race picks it
    winner = next(task for task in tasks if task in done)
    return winner.result()


async def main():
    print('main coroutine started')
    first = await first_of([('mirror-a', 3), ('mirror-b', 1), ('mirror-c', 2)])
    print(f'first: {first}')

    # two awaitables of different kinds: an item, or a second gone by
    queue = asyncio.Queue()
    get = asyncio.create_task(queue.get())
    timer = asyncio.create_task(asyncio.sleep(1))
    done, pending = await asyncio.wait([get, timer], return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    if get in done:
        print(f'got {get.result()}')
    else:
        print('nothing came within a second')
    print('main done')

asyncio.run(main())
