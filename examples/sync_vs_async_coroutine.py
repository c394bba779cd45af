# driver: the note's import, from an earlier cell
from time import sleep

async def no_op():
    return


async def async_coroutine():
    for i in range(5):
        print("async_coroutine iteration", i)
        await no_op()


def sync_coroutine():
    for i in range(5):
        print("sync_coroutine iteration", i)
        yield

for _ in sync_coroutine():
    pass

print("=" * 17)

for _ in async_coroutine().__await__():
    pass

for i, _ in enumerate(sync_coroutine()):
    print("outer sync_coroutine iteration:", i)
    sleep(1)

print("=" * 17)

for i, _ in enumerate(async_coroutine().__await__()):
    print("outer async_coroutine iteration:", i)
    sleep(1)
