# driver: the note's imports, from an earlier cell
import asyncio
import time

async def tick():
    start = time.time()
    print("    tick started")
    await asyncio.sleep(1)
    print("    tick continued at", time.time() - start)
    await asyncio.sleep(1)
    print("    tick ended at", time.time() - start)


async def factorial(num):
    start = time.time()
    print("Processing the factorial of", num)
    if num < 1:
        raise ValueError("The number should be ≥ 1")
    result = 1
    for i in range(1, num+1):
        result *= i

    print("The factorial of", num, "is", result)
    print("The processing took", time.time() - start)
    return result


_, factorial_value = await asyncio.gather(
    asyncio.create_task(tick()),
    asyncio.create_task(factorial(100000)),
)

factorial_value
