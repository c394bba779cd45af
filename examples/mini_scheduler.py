# driver: the note's imports and its generators (cooperative_search.py), from earlier
# cells; the Task and Scheduler are the note's, as scheduler_one_task.py has them, and
# the two searches scheduler_two_tasks.py's
from collections import deque

from earlier_cells import definitions

async_search, fib = definitions("cooperative_search", "async_search", "fib")

class Task:
  next_id = 0

  def __init__(self, routine):
    self.id = Task.next_id
    self.routine = routine
    Task.next_id += 1

class Scheduler:
  def __init__(self):
    self.runnable_tasks = deque()
    self.completed_task_result = {}
    self.failed_task_errors = {}

  def add(self, routine):
    task = Task(routine)
    self.runnable_tasks.append(task)
    return task.id

  def run_to_completion(self):
    while len(self.runnable_tasks) != 0:
      task = self.runnable_tasks.popleft()
      print(f"Running task {task.id}")
      try:
        yielded = next(task.routine)
      except StopIteration as stopped:
        print(f"----------------------\nTask {task.id} completed with result: {stopped.value}")
        self.completed_task_result[task.id] = stopped.value
      except Exception as e:
        print(f"Failed with exception: {e}")
      else:
        assert yielded is None
        self.runnable_tasks.append(task)

scheduler = Scheduler()
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))
scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))
scheduler.run_to_completion()
