"""Three tasks, of which one searches a finite sequence in vain."""

from itertools import islice

from notebook_scheduler import Scheduler, async_search, fib

scheduler = Scheduler()
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))
scheduler.add(async_search(islice(fib(), 5), lambda x: x > 1000))
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))
scheduler.run_to_completion()
