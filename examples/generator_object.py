# driver: the note's async_sleep and async_is_prime, from earlier cells
from earlier_cells import definitions

async_is_prime = definitions("primes_and_messages", "async_is_prime")


# driver: a notebook cell shows its last value; a script prints it
print(async_is_prime(2))
