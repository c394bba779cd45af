# driver: the note's imports, from an earlier cell
import asyncio
import random

async def get_double(n):
    print(f"    { n }: thinking on a double...")
    await asyncio.sleep(random.random())
    print(f"    { n }: got it: { n * 2 }")
    return n * 2


async def main():
    # Prepare some arbitrary ordered numbers
    numbers = list(range(10))
    random.shuffle(numbers)

    print("Processing numbers:", numbers)
    tasks = [asyncio.create_task(get_double(n)) for n in numbers]
    result = await asyncio.gather(*tasks)
    return dict(zip(numbers, result))


result = await main()
print(result)
assert result == {n: n*2 for n in range(10)}
