"""Seed 001's generators, Task and Scheduler, copied as the notebook has them, for
the generator-side parity programs to import. The one change: the Task id counter
is reset per scheduler, as corogen's ids are (see docs/corogen.md)."""

import time
from collections import deque
from math import sqrt


def fib():
    a = 2
    b = 1
    yield a
    while True:
        yield b
        a, b = b, a + b


def async_search(iterable, predicate):
    print('initializing generator')
    call_counter = 0

    for item in iterable:

        call_counter += 1

        print(f'async_search - called {call_counter} times')
        if predicate(item):
            print(f'async_search - predicate returned True')
            return item
        yield
    raise ValueError("Not found")


class Task:
    next_id = 0

    def __init__(self, routine):
        self.id = Task.next_id
        self.routine = routine
        Task.next_id += 1


class Scheduler:
    def __init__(self):
        Task.next_id = 0
        self.runnable_tasks = deque()
        self.completed_task_result = {}
        self.failed_task_errors = {}

    def add(self, routine):
        task = Task(routine)
        self.runnable_tasks.append(task)
        return task.id

    def run_to_completion(self):
        while len(self.runnable_tasks) != 0:
            self.step()

    def step(self):
        # The body of the notebook's run_to_completion loop, one turn at a time.
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


def async_sleep(interval_secs):
    start = time.time()
    expiry = start + interval_secs
    while True:
        yield
        now = time.time()
        if now > expiry:
            break;


def async_is_prime(x):
    if x < 2:
        return False

    for i in range(2, int(sqrt(x))+1):
        if x % i == 0:
            return False
        yield from async_sleep(0)

    return True


def async_print_matches(iterable, async_predicate):
    for item in iterable:
        matches = yield from async_predicate(item)
        if matches:
            print(f"Found: {item}")


def async_repetitive_message(msg, interval_secs):
    while True:
        print(msg)
        yield from async_sleep(interval_secs)
