"""Python anchors for docs/benchmarks.md: the notebook's own scheduler and asyncio
doing W1 (switch), and asyncio doing W2 (spawn), timed with perf_counter.

The notebook's scheduler (imported from tests/parity/notebook_scheduler.py, where
its loop body is a `step` method) prints a line per step; here its `print` is a
no-op, so the time is the scheduling's alone. Run: python3 benches/python/anchors.py
"""

import asyncio
import sys
import time
from pathlib import Path

# The notebook's own Task and Scheduler, as the parity tests import them.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "parity"))
import notebook_scheduler  # noqa: E402

# Its prints, silenced: a module-level name shadows the builtin for its code.
notebook_scheduler.print = lambda *args, **kwargs: None

TASKS, YIELDS = 100, 1000
SPAWNS = 100_000


def routine(yields):
    for _ in range(yields):
        yield


def notebook_w1():
    scheduler = notebook_scheduler.Scheduler()
    for _ in range(TASKS):
        scheduler.add(routine(YIELDS))
    start = time.perf_counter()
    scheduler.run_to_completion()
    return time.perf_counter() - start


async def yielder(yields):
    for _ in range(yields):
        await asyncio.sleep(0)


async def asyncio_w1():
    start = time.perf_counter()
    await asyncio.gather(*(yielder(YIELDS) for _ in range(TASKS)))
    return time.perf_counter() - start


async def trivial(i):
    return i


async def asyncio_w2():
    start = time.perf_counter()
    tasks = [asyncio.create_task(trivial(i)) for i in range(SPAWNS)]
    total = 0
    for task in tasks:
        total += await task
    assert total == SPAWNS * (SPAWNS - 1) // 2
    return time.perf_counter() - start


def best_of(runs, measure):
    return min(measure() for _ in range(runs))


switches = TASKS * (YIELDS + 1)
notebook = best_of(5, notebook_w1)
aio = best_of(5, lambda: asyncio.run(asyncio_w1()))
spawn = best_of(5, lambda: asyncio.run(asyncio_w2()))
print(f"notebook-scheduler W1: {notebook / switches * 1e9:8.1f} ns per switch")
print(f"asyncio            W1: {aio / switches * 1e9:8.1f} ns per switch")
print(f"asyncio            W2: {spawn / SPAWNS * 1e9:8.1f} ns per spawn")
