"""Python anchors for docs/benchmarks.md: the notebook's own scheduler and asyncio
doing W1 (switch), and asyncio doing W2 (spawn), timed with perf_counter.

The notebook's scheduler prints a line per step; here `print` is a no-op, so the
time is the scheduling's alone. Run: python3 benches/python/anchors.py
"""

import asyncio
import time
from collections import deque

TASKS, YIELDS = 100, 1000
SPAWNS = 100_000


def print(*args, **kwargs):  # noqa: A001 - the notebook's prints, silenced
    pass


class Task:
    next_id = 0

    def __init__(self, routine):
        self.id = Task.next_id
        self.routine = routine
        Task.next_id += 1


class Scheduler:
    def __init__(self):
        self.runnable_tasks = deque()
        self.completed_task_result = {}
        self.failed_task_errors = {}

    def add(self, routine):
        task = Task(routine)
        self.runnable_tasks.append(task)
        return task.id

    def run_to_completion(self):
        while len(self.runnable_tasks) != 0:
            task = self.runnable_tasks.popleft()
            print(f"Running task {task.id}")
            try:
                yielded = next(task.routine)
            except StopIteration as stopped:
                print(f"----------------------\nTask {task.id} completed with result: {stopped.value}")
                self.completed_task_result[task.id] = stopped.value
            except Exception as e:
                print(f"Failed with exception: {e}")
            else:
                assert yielded is None
                self.runnable_tasks.append(task)


def routine(yields):
    for _ in range(yields):
        yield


def notebook_w1():
    scheduler = Scheduler()
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
__builtins__.print(f"notebook-scheduler W1: {notebook / switches * 1e9:8.1f} ns per switch")
__builtins__.print(f"asyncio            W1: {aio / switches * 1e9:8.1f} ns per switch")
__builtins__.print(f"asyncio            W2: {spawn / SPAWNS * 1e9:8.1f} ns per spawn")
