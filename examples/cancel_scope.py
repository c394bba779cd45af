import asyncio

async def step(index, value):
    print(f'> step {index} executing')
    try:
        await asyncio.sleep(value)
    except asyncio.CancelledError:
        print(f'> step {index} cancelled')
        raise
    print(f'> step {index} done after sleep {value} seconds')


async def main():
    loop = asyncio.get_running_loop()
    print('main coroutine started')
    # a deadline for a whole block: it raises TimeoutError when it passes
    try:
        async with asyncio.timeout(2.5):
            for index in range(1, 4):
                await step(index, 1)
        print('the block finished in time')
    except TimeoutError:
        print('the block ran out of time')

    # no deadline at first; the block sets one for itself
    async with asyncio.timeout(None) as cm:
        cm.reschedule(loop.time() + 1.5)
        print(f'deadline in {cm.when() - loop.time()} seconds')
        await step(4, 1)
    print(f'expired: {cm.expired()}')

    # cut short, and carry on: trio's move_on_after
    try:
        async with asyncio.timeout(0.5) as cm:
            await step(5, 1)
    except TimeoutError:
        pass
    print(f'expired: {cm.expired()}')
    print('main done')

asyncio.run(main())
