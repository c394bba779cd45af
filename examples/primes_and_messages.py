# driver: the note's imports, Scheduler and fib, from earlier cells
import time
from math import sqrt

from earlier_cells import definitions

Scheduler, fib = definitions("scheduler_one_task", "Scheduler", "fib")

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

  # Simulate IO blocking execution
  for i in range(2, int(sqrt(x))+1):
    if x % i == 0:
      return False
    # yield to avoid blocking on large numbers
    yield from async_sleep(0)

  return True

def async_print_matches(iterable, async_predicate):
  for item in iterable:
    # ` yield from` allows the predicate to make progress
    # and yield control
    matches = yield from async_predicate(item)
    if matches:
      print(f"Found: {item}")

def async_repetitive_message(msg, interval_secs):
  # Periodically print a message
  while True:
    print(msg)
    yield from async_sleep(interval_secs)

sched = Scheduler()
sched.add(async_repetitive_message('This is an async message', 2))
sched.add(async_print_matches(fib(), async_is_prime))
# driver: the note has this call commented out, for it never returns
sched.run_to_completion()
