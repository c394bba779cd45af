# driver: the note's import, from an earlier cell
from time import sleep

class Awaitable:
    def __await__(self):
        for i in range(3):
            print("index from awaitable:", i)
            yield i
        return "Ok"


async def async_coroutine():
    awaitable = Awaitable()
    for i in range(5):
        print("coroutine iteration", i)
        result = await awaitable
        print("Awaitable says:", result)
        print("=" * 21)


for i, j in enumerate(async_coroutine().__await__()):
    print("outer iteration:", i)
    print("coroutine iteration result:", j)
    print("-" * 23)
    sleep(1)
