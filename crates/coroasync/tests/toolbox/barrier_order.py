# Barrier: arrival indexes, the order waiters leave in, two rounds, a waiter
# cancelled while it waits, reset and abort.
import asyncio


async def main():
    barrier = asyncio.Barrier(3)

    async def party(name, rounds):
        for r in range(rounds):
            print(f"{name} arrives (round {r}), waiting {barrier.n_waiting}")
            try:
                index = await barrier.wait()
                print(f"{name} passes with index {index}")
            except asyncio.BrokenBarrierError:
                print(f"{name}: broken barrier")

    tasks = [asyncio.create_task(party(name, 2)) for name in "abc"]
    await asyncio.gather(*tasks)
    print(f"after two rounds: waiting {barrier.n_waiting}, broken {barrier.broken}")

    quitter = asyncio.create_task(party("quitter", 1))
    stayer = asyncio.create_task(party("stayer", 1))
    await asyncio.sleep(0)
    print(f"waiting {barrier.n_waiting}")
    quitter.cancel()
    try:
        await quitter
    except asyncio.CancelledError:
        print(f"quitter cancelled, waiting {barrier.n_waiting}, broken {barrier.broken}")
    await barrier.reset()
    print(f"reset, waiting {barrier.n_waiting}")
    await stayer
    await barrier.abort()
    print(f"aborted, broken {barrier.broken}")
    await party("late", 1)
    await barrier.reset()
    print(f"reset again, broken {barrier.broken}")


asyncio.run(main())
