# driver: fib() from the cell before (fib.py)
from earlier_cells import definitions

fib = definitions("fib", "fib")

def search(iterable, predicate):
  for item in iterable:
    if predicate(item):
      return item
  raise ValueError("Not found")

search(fib(), lambda x: len(str(x)) >= 3)
