# driver: the note's Scheduler, from an earlier cell
from earlier_cells import definitions

Scheduler = definitions("scheduler_one_task", "Scheduler")


# driver: three methods added to drive the notebook's scheduler by hand, as
# corogen's Scheduler is driven: one step, and a task closed or thrown into
class HandScheduler(Scheduler):
  def step(self):
    # The body of `run_to_completion`'s loop, once
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
      self.runnable_tasks.append(task)

  def find(self, task_id):
    return next(task for task in self.runnable_tasks if task.id == task_id)

  def close(self, task_id):
    # `close()` raises GeneratorExit where the generator is paused: its
    # `finally` runs, and it is never resumed again
    task = self.find(task_id)
    self.runnable_tasks.remove(task)
    task.routine.close()
    print(f"Task {task.id} closed")

  def throw(self, task_id, error):
    # `throw()` raises `error` where the generator is paused; the task keeps
    # its place in the queue if it catches it and yields again
    task = self.find(task_id)
    print(f"Running task {task.id}")
    try:
      task.routine.throw(error)
    except StopIteration as stopped:
      self.runnable_tasks.remove(task)
      print(f"----------------------\nTask {task.id} completed with result: {stopped.value}")
      self.completed_task_result[task.id] = stopped.value
    except Exception as e:
      self.runnable_tasks.remove(task)
      print(f"Failed with exception: {e}")


def async_ticker(name, ticks):
  try:
    for i in range(ticks):
      print(f"{name}: tick {i}")
      yield
    return ticks
  finally:
    print(f"{name}: cleaning up")


def async_guard(name):
  print(f"{name}: on guard")
  caught = 0
  while caught < 2:
    try:
      yield
    except ValueError as e:
      caught += 1
      print(f"{name}: caught {e}")
  return caught


scheduler = HandScheduler()
closed = scheduler.add(async_ticker("first", 10))
thrown = scheduler.add(async_ticker("second", 10))
guard = scheduler.add(async_guard("guard"))
for _ in range(6):
  scheduler.step()

scheduler.close(closed)
scheduler.throw(thrown, ValueError("bad key"))
scheduler.throw(guard, ValueError("bad key"))
scheduler.step()
scheduler.throw(guard, ValueError("worse key"))
