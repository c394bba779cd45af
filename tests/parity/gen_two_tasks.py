"""The notebook's scheduler with two tasks taking turns."""

from notebook_scheduler import Scheduler, async_search, fib

scheduler = Scheduler()
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))
scheduler.run_to_completion()
