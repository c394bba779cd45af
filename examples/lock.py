# driver: the notes warn of race conditions and deadlocks in words only ("Assuming
# race conditions and deadlocks are not possible"); this whole program is the
# course's, to show both. Python would wait for ever in the deadlock: wait_for ends it.
import asyncio

counter = 0


async def add_one(name, times):
    global counter
    for _ in range(times):
        value = counter
        print(f"{name} reads {value}")
        # another task runs between the read and the write
        await asyncio.sleep(0)
        counter = value + 1
        print(f"{name} writes {counter}")


async def add_one_locked(lock, times):
    global counter
    for _ in range(times):
        async with lock:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1


async def take_both(name, first, second):
    first_name, first_lock = first
    second_name, second_lock = second
    async with first_lock:
        print(f"{name} holds {first_name}")
        await asyncio.sleep(0)
        print(f"{name} waits for {second_name}")
        async with second_lock:
            print(f"{name} holds both")


async def main():
    global counter
    await asyncio.gather(add_one("a", 2), add_one("b", 2))
    print(f"without a lock: {counter}, not 4")

    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(add_one_locked(lock, 2), add_one_locked(lock, 2))
    print(f"with a lock: {counter}")

    x = ("lock x", asyncio.Lock())
    y = ("lock y", asyncio.Lock())
    a = asyncio.create_task(take_both("a", x, y), name="a")
    b = asyncio.create_task(take_both("b", y, x), name="b")
    try:
        await asyncio.wait_for(asyncio.gather(a, b), timeout=1)
    except asyncio.TimeoutError:
        print("deadlock: a and b each wait for the lock the other holds")


asyncio.run(main())
