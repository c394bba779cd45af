# driver: not the notes' own code. A minimal executor in the shape of module-1's
# `run` ("Here the event loop is inside"), grown to many tasks: a ready queue (a
# deque), a timer heap on a virtual clock, `send(None)` to resume a task, and a
# waker a future calls to be resumed. The awaitable is the last lesson's, first
# without a wake.
import heapq
from collections import deque


class Executor:
    def __init__(self):
        self.ready = deque()  # tasks to resume, in order
        self.timers = []  # (deadline, sequence, waker), earliest first
        self.now = 0  # the virtual clock, in seconds
        self.seq = 0
        self.current = None
        self.unfinished = []

    def spawn(self, name, coroutine):
        self.unfinished.append(name)
        self.ready.append((name, coroutine))

    def waker(self):
        """The running task's waker: Rust's `cx.waker()`."""
        task = self.current
        return lambda: self.ready.append(task)

    def call_at(self, deadline, waker):
        heapq.heappush(self.timers, (deadline, self.seq, waker))
        self.seq += 1

    def run(self):
        while self.unfinished:
            if not self.ready:
                if not self.timers:
                    return False
                self.now, _, wake = heapq.heappop(self.timers)
                wake()
                continue
            self.current = self.ready.popleft()
            name, coroutine = self.current
            print(f"executor: poll {name} at {self.now} s")
            try:
                coroutine.send(None)
            except StopIteration:
                self.unfinished.remove(name)
        print(f"executor: every task finished at {self.now} s")
        return True


class Awaitable:
    """The last lesson's awaitable; with `wakes`, it wakes its task first."""

    def __init__(self, wakes):
        self.wakes = wakes

    def __await__(self):
        for i in range(3):
            print("index from awaitable:", i)
            if self.wakes:
                loop.waker()()  # "resume me again": else nothing puts it back
            yield
        return "Ok"


class Sleep:
    """`asyncio.sleep(seconds)` on the executor's clock."""

    def __init__(self, seconds):
        self.deadline = loop.now + seconds

    def __await__(self):
        while loop.now < self.deadline:
            loop.call_at(self.deadline, loop.waker())
            yield


async def main(awaitable):
    result = await awaitable
    print("Awaitable says:", result)


async def sleeper():
    for seconds in (2, 1):
        print(f"sleeper: sleep {seconds} s at {loop.now} s")
        await Sleep(seconds)
        print(f"sleeper: woke at {loop.now} s")


def report(loop):
    if not loop.run():
        tasks = ", ".join(loop.unfinished)
        print(f"executor: stuck at {loop.now} s: nothing is ready, no timer is set; "
              f"waiting forever: {tasks}")


print("-- without the wake")
loop = Executor()
loop.spawn("main", main(Awaitable(wakes=False)))
report(loop)

print("-- with the wake, beside a sleeper")
loop = Executor()
loop.spawn("main", main(Awaitable(wakes=True)))
loop.spawn("sleeper", sleeper())
report(loop)
