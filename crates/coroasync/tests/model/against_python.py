"""Checks the model tests' rules against CPython 3.11: generates random programs
(with cancellation, `C3` cancels task 3, but no panics or remote wake-ups, which
have no exact Python twin; MODEL_NO_CANCEL=1 leaves cancellation out too), runs each as a Python asyncio program on virtual time and on coroasync (through
the `replay` tool in model.rs), and compares the lines.

    python3 crates/coroasync/tests/model/against_python.py [COUNT] [SEED]
    python3 crates/coroasync/tests/model/against_python.py 'S1 Y|E0 T:W0:2'  # one program
"""

import asyncio
import itertools
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tests", "parity"))
from virtual_time import VirtualTimeLoop  # noqa: E402


def ties_in_order():
    """Equal deadlines fire in the order they were set, as coroasync documents
    (asyncio's heap compares deadlines only, leaving ties unordered): timer handles
    compare by (deadline, order of setting). Only the order of ties changes."""
    handle = asyncio.TimerHandle
    original_init = handle.__init__
    counter = itertools.count()
    set_as = {}  # by id(): the handles have __slots__; an id reused is set anew

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        set_as[id(self)] = next(counter)

    def key(h):
        return (h._when, set_as[id(h)])

    handle.__init__ = init
    handle.__lt__ = lambda a, b: key(a) < key(b)
    handle.__le__ = lambda a, b: key(a) <= key(b)
    handle.__gt__ = lambda a, b: key(a) > key(b)
    handle.__ge__ = lambda a, b: key(a) >= key(b)


def run(main):
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(main)

CAPACITY = [0, 1]
# Cancellation ops are in by default; MODEL_NO_CANCEL=1 leaves them out.
CANCEL_WEIGHT = 0 if os.environ.get("MODEL_NO_CANCEL") else 2
PERMITS = 2


def random_op(rng):
    kind = rng.choices(
        ["Y", "S", "N", "J", "TJ", "GA", "E", "W", "P", "G", "L", "U", "A", "R", "T", "C"],
        weights=[3, 2, 2, 2, 1, 1, 3, 1, 2, 1, 2, 2, 2, 2, 4, CANCEL_WEIGHT],
    )[0]
    if kind in ("Y", "J", "A", "R", "GA"):
        return kind
    if kind == "S":
        return f"S{rng.randint(1, 3)}"
    if kind == "N":
        return f"N{rng.randint(0, 2)}"
    if kind == "C":
        return f"C{rng.randint(0, 11)}"
    if kind == "TJ":
        return f"TJ{rng.randint(1, 2)}"
    if kind == "T":
        prim = rng.choice(["W0", "W1", "G0", "G1", "P0", "P1", "L0", "L1", "A"])
        return f"T:{prim}:{rng.randint(1, 3)}"
    return f"{kind}{rng.randint(0, 1)}"


def random_program(rng):
    return [[random_op(rng) for _ in range(rng.randint(0, 6))] for _ in range(rng.randint(1, 12))]


async def twin(program, out):
    events = [asyncio.Event(), asyncio.Event()]
    queues = [asyncio.Queue(c) for c in CAPACITY]
    locks = [asyncio.Lock(), asyncio.Lock()]
    sem = asyncio.Semaphore(PERMITS)

    kids = []

    async def child(i, k, delay):
        if delay:
            await asyncio.sleep(delay)
        out.append(f"c{i}.{k}")

    def prim_coro(p, value):
        n = int(p[1:]) if len(p) > 1 else 0
        return {
            "W": lambda: events[n].wait(),
            "G": lambda: queues[n].get(),
            "P": lambda: queues[n].put(value),
            "L": lambda: locks[n].acquire(),
            "A": lambda: sem.acquire(),
        }[p[0]]()

    async def task(i, ops):
        held, permits, kid = [False, False], 0, None
        try:
            for k, op in enumerate(ops):
                if op == "Y":
                    await asyncio.sleep(0)
                elif op[0] == "S":
                    await asyncio.sleep(int(op[1:]))
                elif op[0] == "N":
                    kid = asyncio.create_task(child(i, k, int(op[1:])))
                    kids.append(kid)
                elif op == "J":
                    if kid:
                        await kid
                        out.append(f"t{i}.{k} joined ok")
                        kid = None
                elif op == "GA":
                    if kid:
                        await asyncio.gather(kid)
                        out.append(f"t{i}.{k} gathered ok")
                        kid = None
                elif op.startswith("TJ"):
                    if kid:
                        try:
                            await asyncio.wait_for(kid, int(op[2:]))
                            out.append(f"t{i}.{k} joined ok")
                        except asyncio.TimeoutError:
                            out.append(f"t{i}.{k} timeout")
                        kid = None
                elif op.startswith("T:"):
                    _, p, s = op.split(":")
                    try:
                        got = await asyncio.wait_for(prim_coro(p, i * 100 + k), int(s))
                        if p[0] == "G":
                            out.append(f"t{i}.{k} got {got}")
                        elif p[0] == "L":
                            held[int(p[1:])] = True
                        elif p[0] == "A":
                            permits += 1
                    except asyncio.TimeoutError:
                        out.append(f"t{i}.{k} timeout")
                elif op[0] == "E":
                    events[int(op[1:])].set()
                elif op[0] == "W":
                    await events[int(op[1:])].wait()
                elif op[0] == "P":
                    await queues[int(op[1:])].put(i * 100 + k)
                elif op[0] == "G":
                    got = await queues[int(op[1:])].get()
                    out.append(f"t{i}.{k} got {got}")
                elif op[0] == "L":
                    await locks[int(op[1:])].acquire()
                    held[int(op[1:])] = True
                elif op[0] == "U":
                    if held[int(op[1:])]:
                        held[int(op[1:])] = False
                        locks[int(op[1:])].release()
                elif op == "A":
                    await sem.acquire()
                    permits += 1
                elif op[0] == "C":
                    j = int(op[1:]) % 50
                    if j < len(tasks):
                        tasks[j].cancel()
                elif op == "R":
                    if permits:
                        permits -= 1
                        sem.release()
                out.append(f"t{i}.{k}")
        finally:
            # As Rust drops the task's locals: permits, then locks 0 and 1.
            for _ in range(permits):
                sem.release()
            for n in (0, 1):
                if held[n]:
                    locks[n].release()

    tasks = [asyncio.create_task(task(i, ops)) for i, ops in enumerate(program)]
    _, pending = await asyncio.wait(tasks, timeout=10000)
    if kids:
        await asyncio.wait(kids, timeout=10000)
    out.append(f"deadlocked {[i for i, t in enumerate(tasks) if t in pending]}")


def python_lines(program):
    out = []
    run(twin(program, out))
    return out


def main():
    ties_in_order()
    if len(sys.argv) > 1 and "|" in sys.argv[1]:
        # One program, written as the report of a difference shows it.
        programs = [[ops.split() for ops in sys.argv[1].split("|")]]
    else:
        count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
        rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
        programs = [random_program(rng) for _ in range(count)]
    count = len(programs)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for program in programs:
            f.write("|".join(" ".join(ops) for ops in program) + "\n")
    rust = subprocess.run(
        ["cargo", "test", "-q", "-p", "coroasync", "--test", "model", "replay",
         "--", "--ignored", "--nocapture"],
        env={**os.environ, "MODEL_REPLAY": f.name}, capture_output=True, text=True,
    )
    os.unlink(f.name)
    if rust.returncode != 0:
        sys.exit(f"the replay failed:\n{rust.stdout}\n{rust.stderr}")
    outputs, current = {}, None
    for line in rust.stdout.splitlines():
        if line.startswith("=== "):
            current = int(line[4:])
            outputs[current] = []
        elif current is not None and re.match(r"(t\d|c\d|deadlocked )", line):
            outputs[current].append(line)
    differ = 0
    for n, program in enumerate(programs):
        py = python_lines(program)
        rs = outputs.get(n, [])
        if py != rs:
            differ += 1
            print(f"program {n}: {'|'.join(' '.join(ops) for ops in program)}")
            for a, b in zip(py + [""] * len(rs), rs + [""] * len(py)):
                if a or b:
                    print(f"  {'=' if a == b else '!'} {a:<28} | {b}")
    print(f"{count - differ} of {count} programs print the same lines in Python 3.11 and coroasync")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
