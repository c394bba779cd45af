import asyncio
import contextvars

request_id = contextvars.ContextVar('request_id', default='-')


def log(message):
    print(f'[{request_id.get()}] {message}')


async def query(table, delay):
    log(f'querying {table}')
    await asyncio.sleep(delay)
    log(f'{table} done')


async def handle(name, delay):
    log(f'handling {name}')
    request_id.set(name)
    await asyncio.gather(query('users', delay), query('orders', delay + 0.2))
    log('response sent')


async def main():
    log('server started')
    token = request_id.set('main')
    first = asyncio.create_task(handle('req-1', 0.1))
    second = asyncio.create_task(handle('req-2', 0.2))
    request_id.set('main, later')
    await first
    await second
    log('the handlers set their own ids, not ours')
    request_id.reset(token)
    log('after reset')

asyncio.run(main())
