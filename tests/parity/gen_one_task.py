"""The notebook's scheduler with one task."""

from notebook_scheduler import Scheduler, async_search, fib

scheduler = Scheduler()
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))
scheduler.run_to_completion()
print(scheduler.completed_task_result.pop(0))
