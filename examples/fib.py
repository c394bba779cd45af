def fib():
  a = 2
  b = 1
  yield a
  while True:
    yield b
    a, b = b, a + b

f = fib()
next(f)

# %%
from itertools import islice
list(islice(fib(), 20))
