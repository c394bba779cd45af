# driver: fib() from the cell before (fib.py)
from earlier_cells import definitions

fib = definitions("fib", "fib")

def async_search(iterable, predicate):
  print('initializing generator')
  call_counter = 0

  for item in iterable:

    call_counter += 1

    print(f'async_search - called {call_counter} times')
    if predicate(item):
      # `return` raises `StopIteration` to signal
      # the iterator has reached the end of the data
      print(f'async_search - predicate returned True')
      return item
    # interrupt the loop and hand over control to caller
    # `yield` is a shorthand for `yield None`
    yield
  raise ValueError("Not found")

g = async_search(fib(), lambda x: len(str(x)) >= 3)
next(g)
next(g)
next(g)
print("Do other stuff 1")
next(g)
next(g)
next(g)
next(g)
print("Do other stuff 2")
next(g)
next(g)
print("Do other stuff 3")
next(g)
next(g)
