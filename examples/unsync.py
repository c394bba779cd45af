# driver: the unsync package (https://github.com/alex-sherman/unsync) is not
# installed here; these lines are the part of it the cell uses: an event loop
# running on a thread of its own, which async functions are submitted to, and a
# pool of threads for plain functions (unsync runs cpu_bound ones in processes).
import asyncio
import concurrent.futures
import threading

_loop = asyncio.new_event_loop()
threading.Thread(target=_loop.run_forever, daemon=True).start()
_threads = concurrent.futures.ThreadPoolExecutor()


def unsync(function=None, *, cpu_bound=False):
    if function is None:
        return lambda function: unsync(function, cpu_bound=cpu_bound)

    def submit(*args):
        if asyncio.iscoroutinefunction(function):
            return asyncio.run_coroutine_threadsafe(function(*args), _loop)
        return _threads.submit(function, *args)

    return submit


# driver: end. The cell follows as the notes have it, but for its first line,
# which the driver stands in for:
# from unsync import unsync
import time

@unsync
def non_async_function(seconds):
    time.sleep(seconds)
    return 1

@unsync
async def async_function(seconds):
    await asyncio.sleep(seconds)
    return 5

@unsync(cpu_bound=True)
def slow_function():
    a = 10**101
    b = 10**100
    return a/b

start = time.time()
print(slow_function().result()  + async_function(1).result()  + non_async_function(0.5).result())
print('Executed in {} seconds'.format(time.time() - start))
