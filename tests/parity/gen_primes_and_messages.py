"""Primes and messages with `yield from`, on a clock that moves 1 ms per reading,
stopped after the twelfth prime."""

import time

import notebook_scheduler as nb

_now = [0]


def ticking_clock():
    # Integer milliseconds, so the comparisons are exact.
    now = _now[0]
    _now[0] += 1
    return now / 1000


time.time = ticking_clock
found = [0]


def counting_is_prime(x):
    prime = yield from nb.async_is_prime(x)
    found[0] += prime
    return prime


scheduler = nb.Scheduler()
scheduler.add(nb.async_repetitive_message('This is an async message', 2))
scheduler.add(nb.async_print_matches(nb.fib(), counting_is_prime))
while found[0] < 12:
    scheduler.step()
