"""Runs a lesson's Python (`examples/NAME.py`) as the notebook it comes from would,
on virtual time, with the lesson's random numbers:

    python3 lesson.py examples/NAME.py [--seed N] [--stop-after LINES]

- The file runs as a notebook: its cells are split at `# %%` lines; a cell's last
  expression, unless `None`, is printed as its repr; a top-level `await` runs on
  the notebook's event loop.
- asyncio loops are `virtual_time.VirtualTimeLoop`s: the clock jumps to the next
  timer instead of waiting for it; scheduling is CPython's own.
- `time.time`, `time.monotonic` and `time.perf_counter` read a virtual clock that
  moves 1 ms per reading, as the lessons' generator clock does; `time.sleep`
  moves it on instead of waiting (in a worker thread too).
- `random.random`, `shuffle`, `randint` and `choice` draw from SplitMix64 seeded
  with `--seed`, mapped to draws exactly as `src/rng.rs` maps them.
- A statement that raises ends the run, printing the exception's last traceback
  line, as a notebook's failing cell shows it.
- A run that lasts over two minutes (of real time) is killed by SIGALRM.
- `--stop-after LINES` ends a program that never ends by itself when it starts a
  line beyond that many, with status 3 so the caller knows it was stopped.
"""

import argparse
import ast
import asyncio
import inspect
import os
import random
import signal
import sys
import threading
import time
import traceback

import virtual_time

MASK = (1 << 64) - 1


class SplitMix64:
    """`src/rng.rs`, line for line."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def random(self):
        return (self.next_u64() >> 11) / (1 << 53)

    def randint(self, low, high):
        if high < low:
            return low
        return low + self.next_u64() % (high - low + 1)

    def shuffle(self, items):
        for i in reversed(range(1, len(items))):
            j = self.next_u64() % (i + 1)
            items[i], items[j] = items[j], items[i]

    def choice(self, items):
        if not items:
            raise IndexError("Cannot choose from an empty sequence")
        return items[self.next_u64() % len(items)]


def patch_random(seed):
    source = SplitMix64(seed)
    for name in ("random", "randint", "shuffle", "choice"):
        setattr(random, name, getattr(source, name))
    try:
        import trio._core._run as trio_run
    except ImportError:
        return
    # trio shuffles its run queue with a generator of its own: seeded, a run is
    # the same every time.
    if hasattr(trio_run, "_r"):
        trio_run._r.seed(seed)


class VirtualClock:
    """Moves 1 ms per reading (integer milliseconds, so sums stay exact)."""

    def __init__(self):
        self.millis = 0
        self.lock = threading.Lock()

    def read(self):
        with self.lock:
            now = self.millis
            self.millis += 1
        return now / 1000

    def sleep(self, seconds):
        with self.lock:
            self.millis += round(seconds * 1000)


def patch_time():
    clock = VirtualClock()
    time.time = time.monotonic = time.perf_counter = clock.read
    time.sleep = clock.sleep


class VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = virtual_time.VirtualTimeLoop


class StoppingStdout:
    """Ends the process, with status 3, when a line beyond the `limit`th comes."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.lines = stream, limit, 0

    def write(self, text):
        for line in text.splitlines(keepends=True):
            if self.lines >= self.limit:
                self.stream.flush()
                os._exit(3)
            self.stream.write(line)
            self.lines += line.endswith("\n")
        return len(text)

    def flush(self):
        self.stream.flush()


def cells(path):
    """The notebook cells of `path`: its statements, split at `# %%` lines."""
    lines = open(path, encoding="utf-8").read().splitlines(keepends=True)
    starts = [0] + [i for i, line in enumerate(lines) if line.startswith("# %%")]
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        cell = ast.parse("".join(lines[start:end]), path)
        ast.increment_lineno(cell, start)
        yield cell.body


def run_notebook(path):
    """Runs `path` cell by cell, as a notebook does: a cell's last expression, unless
    `None`, is shown as its repr; a top-level `await` runs on the notebook's loop."""
    namespace = {"__name__": "__main__", "__file__": path}
    loop = None
    for body in cells(path):
        for index, statement in enumerate(body):
            last = index == len(body) - 1
            code = compile(
                ast.Interactive([statement]) if last else ast.Module([statement], []),
                path,
                "single" if last else "exec",
                flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            )
            try:
                if code.co_flags & inspect.CO_COROUTINE:
                    loop = loop or virtual_time.VirtualTimeLoop()
                    loop.run_until_complete(eval(code, namespace))
                else:
                    exec(code, namespace)
            except Exception as error:  # noqa: BLE001 - the notebook shows any error
                print(traceback.format_exception_only(error)[-1], end="")
                sys.stdout.flush()
                return
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stop-after", type=int)
    args = parser.parse_args()
    # A lesson that hangs fails rather than holding the test suite forever.
    signal.alarm(120)
    patch_random(args.seed)
    patch_time()
    asyncio.set_event_loop_policy(VirtualTimePolicy())
    if args.stop_after is not None:
        sys.stdout = StoppingStdout(sys.stdout, args.stop_after)
    sys.path.insert(0, os.path.dirname(os.path.abspath(args.path)))
    run_notebook(args.path)


if __name__ == "__main__":
    main()
