# driver: the note's imports, from the lesson's cell
import asyncio
import random


async def get_double(n):
    print(f"    { n }: thinking on a double...")
    await asyncio.sleep(random.random())
    print(f"    { n }: got it: { n * 2 }")
    return n * 2


# Practice 1: `get_triple`, and a map of doubles to triples.
async def get_triple(n):
    print(f"    { n }: thinking on a triple...")
    await asyncio.sleep(random.random())
    print(f"    { n }: got it: { n * 3 }")
    return n * 3


async def main():
    # Prepare some arbitrary ordered numbers
    numbers = list(range(10))
    random.shuffle(numbers)

    print("Processing numbers:", numbers)
    doubles = await asyncio.gather(*[asyncio.create_task(get_double(n)) for n in numbers])
    triples = await asyncio.gather(*[asyncio.create_task(get_triple(n)) for n in numbers])
    return dict(zip(doubles, triples))


result = await main()
print(result)
assert result == {n * 2: n * 3 for n in range(10)}
