# driver: the note's Scheduler and generators, from earlier cells
from earlier_cells import definitions

Scheduler, async_search, fib = definitions(
    "scheduler_one_task", "Scheduler", "async_search", "fib"
)

scheduler = Scheduler()
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))
scheduler.run_to_completion()
