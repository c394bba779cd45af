def gen(max=5):
    a = 0
    while a < max:
        print("Harvest!")
        yield a
        a += 1

l = gen()
print(l)

print(next(l), next(l))
print(list(l))

def coro(max=3):
    a = 0
    print("Start something")

    while a < max:
        t = yield
        print(f"Consumed! {t}")
        a += 1

l = coro()
print(l)
print(next(l))

l.send(1)
l.send("wow")
l.send("pow")
