import time
from math import sqrt


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


# driver: a notebook cell shows its last value; a script prints it
print(async_is_prime(2))
