//! The pairings of the toolbox's second part: blocking code and threads, failures, queues, task groups, locks.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    BLOCKING_FACTORIAL,
    TO_THREAD,
    RUN_IN_EXECUTOR,
    EXCEPTIONS,
    PRODUCER_CONSUMER,
    MONITOR_CONSUMERS,
    NURSERY,
    UNSYNC,
    COMMON_ERRORS,
    LOCK,
];

const BLOCKING_FACTORIAL: Pairing = Pairing {
    lesson: "blocking-factorial",
    also: &[],
    pairs: pairs![
        ("async def tick():")("async fn tick() {"),
        ("start = time.time()")("let start = now();"),
        ("print(\"    tick started\")")("say!(\"    tick started\");"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"    tick continued at\", time.time() - start)")(
            "say!(\n        \"    tick continued at"..=");"
        ),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"    tick ended at\", time.time() - start)")(
            "say!(\n        \"    tick ended at"..=");"
        ),
        ("async def factorial(num):")(
            "async fn blocking_factorial(num: u32, charge: Charge) -> usize {"
        ),
        ("start = time.time()")("let start = now();"),
        ("print(\"Processing the factorial of\", num)")(
            "say!(\"Processing the factorial of {num}\");"
        ),
        ("if num < 1:"..="raise ValueError(\"The number should be ≥ 1\")")(
            -"no check: the Rust's 0! is 1, the empty product"
        ),
        ("result = 1"..="result *= i")(
            "let (digits, work) = factorial_digits(num);"..="charge.limbs(work);"
        ),
        (-"a big number in base-10⁹ limbs, multiplied in place; its digits counted")(
            "fn factorial_digits(num: u32) -> (usize, usize) {"..="(digits, work)"
        ),
        ("print(\"The factorial of\", num, \"is\", result)"
            ..="print(\"The processing took\", time.time() - start)")(
            "fn report(num: u32, digits: usize, took: Duration) {"
                ..="say!(\"The processing took {}\", took.as_secs_f64().py_str());"
        ),
        ("return result")("digits\n"),
        ("_, factorial_value = await asyncio.gather("..=")\n")(
            "let main = async move { coroasync::gather!(tick(), factorial).await };"
                ..="match event_loop.run_until_complete(main) {"
        ),
        ("factorial_value")("Ok(Ok(((), digits))) => stage.say(format_args!(\"{digits}\")),"),
        (-"the notes' first fix: a checkpoint in the loop")(
            "async fn yielding_factorial(num: u32, charge: Charge) -> usize {"
                ..="yield_now().await;"
        ),
        (-"their second: the computation on a thread")(
            "async fn threaded_factorial(num: u32, _: Charge) -> usize {"..=".await else {"
        ),
        (-"the three, each beside `tick`")(
            "let num: u32 = stage.flag(\"num\");"..="threaded_factorial(num, charge)"
        ),
    ],
};

const TO_THREAD: Pairing = Pairing {
    lesson: "to-thread",
    also: &[],
    pairs: pairs![
        ("def blocking_task():")("fn blocking_task(pause: Duration) {"),
        ("print('> task starting')")("say!(\"> task starting\");"),
        ("time.sleep(2)")("std::thread::sleep(pause);"),
        ("print('> task done')")("say!(\"> task done\");"),
        ("async def main():")("async fn main_(pause: Duration) {"),
        ("print('main running the blocking task')")("say!(\"main running the blocking task\");"),
        ("# to_thread creates"..="coro = asyncio.to_thread(blocking_task)")(
            "// to_thread runs"..="let coro = to_thread(move || blocking_task(pause));"
        ),
        ("task = asyncio.create_task(coro)")("let task = spawn(coro);"),
        ("print('main doing other things')")("say!(\"main doing other things\");"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("await task")("task.await"),
        ("asyncio.run(main())")("let pause = if stage.is_virtual() {"..="stage.run(main_(pause))"),
    ],
};

const RUN_IN_EXECUTOR: Pairing = Pairing {
    lesson: "run-in-executor",
    also: &[],
    pairs: pairs![
        ("def blocking_task():")("fn blocking_task(pause: Duration) {"),
        ("print('> task starting')")("say!(\"> task starting\");"),
        ("time.sleep(2)")("std::thread::sleep(pause);"),
        ("print('> task done')")("say!(\"> task done\");"),
        ("async def main():")("async fn main_(pause: Duration) {"),
        ("print('main running the blocking task')")("say!(\"main running the blocking task\");"),
        ("loop = asyncio.get_running_loop()")(-"`run_blocking` finds the running loop itself"),
        ("# execute a function in a separate thread"
            ..="await loop.run_in_executor(None, blocking_task)")(
            "// execute a function in a separate thread"
                ..="run_blocking(move || blocking_task(pause))\n        .await"
        ),
        ("print('main doing other things')")("say!(\"main doing other things\");"),
        ("await asyncio.sleep(10)")("sleep(Duration::from_secs(10)).await;"),
        ("asyncio.run(main())")("let pause = if stage.is_virtual() {"..="stage.run(main_(pause))"),
    ],
};

const EXCEPTIONS: Pairing = Pairing {
    lesson: "exceptions",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine():")("async fn task_coroutine() -> Result<(), String> {"),
        ("print('> executing the task')")("say!(\"> executing the task\");"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("raise Exception('Something went wrong')")("Err(\"Something went wrong\".to_owned())"),
        ("async def main():")("async fn with_exception_call() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("task = asyncio.create_task(task_coroutine())")("let task = spawn(task_coroutine());"),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("ex = task.exception()")(
            "// `ex = task.exception()`"..="if let Some(Ok(Err(ex))) = task.take_result() {"
        ),
        ("print(f'got exception: {ex}')")("say!(\"got exception: {ex}\");"),
        ("print('main coroutine done')")("say!(\"main coroutine done\");"),
        ("asyncio.run(main())")("if let Err(error) = stage.run(with_exception_call()) {"),
        ("async def main():")("async fn with_try_except() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("task = asyncio.create_task(task_coroutine())")("let task = spawn(task_coroutine());"),
        ("try:"..="await task")(
            "// `try: await task` / `except Exception as ex`"..="if let Ok(Err(ex)) = task.await {"
        ),
        ("except Exception as ex:"..="print(f'got exception: {ex}')")(
            "say!(\"got exception: {ex}\");"
        ),
        ("print('main coroutine done')")("say!(\"main coroutine done\");"),
        ("asyncio.run(main())")("if let Err(error) = stage.run(with_try_except()) {"),
    ],
};

const PRODUCER_CONSUMER: Pairing = Pairing {
    lesson: "producer-consumer",
    also: &[],
    pairs: pairs![
        ("async def main():")("async fn main_(random: SplitMix64) {"),
        ("queue = asyncio.Queue(maxsize=1)")("let queue = Queue::new(1);"),
        ("consumer_task = asyncio.create_task(consumer(queue))")(
            "let consumer_task = spawn(consumer(queue.clone(), Rc::new(RefCell::new(random))));"
        ),
        ("producer_task = asyncio.create_task(producer(queue))")(
            "let producer_task = spawn(producer(queue.clone()));"
        ),
        ("await producer_task")("producer_task.await"),
        ("await queue.join()")("queue.join().await;"),
        ("consumer_task.cancel()")("consumer_task.cancel();"),
        ("print(\"Finished\")")("say!(\"Finished\");"),
        ("async def producer(queue: asyncio.Queue):")("async fn producer(queue: Queue<String>) {"),
        ("for i in range(3):")("for i in 0..3 {"),
        ("print(f\"    sending a message: {i}\")")("say!(\"    sending a message: {i}\");"),
        ("await queue.put(f\"message {i}\")")("queue.put(format!(\"message {i}\")).await;"),
        ("async def consumer(queue: asyncio.Queue):")(
            "async fn consumer(queue: Queue<String>, random: Rc<RefCell<SplitMix64>>) {"
        ),
        ("while True:")("loop {"),
        ("value = await queue.get()")("let value = queue.get().await;"),
        ("print(f\"    got value {value!r}\")")("say!(\"    got value {}\", value.py_repr());"),
        ("# Simulate hard working"..="await asyncio.sleep(random.random())")(
            "// Simulate hard working"..="sleep(Duration::from_secs_f64(working)).await;"
        ),
        ("print(f\"    finished processing {value!r}\")")(
            "say!(\"    finished processing {}\", value.py_repr());"
        ),
        ("queue.task_done()")("queue.task_done()"),
        ("await main()")("stage.run(main_(stage.random()))"),
    ],
};

const MONITOR_CONSUMERS: Pairing = Pairing {
    lesson: "monitor-consumers",
    also: &[],
    pairs: pairs![
        ("async def main():")(
            "async fn main_(random: SplitMix64, fail: bool) {"
                ..="let random = Rc::new(RefCell::new(random));"
        ),
        ("queue = asyncio.Queue(maxsize=1)")("let queue = Queue::new(1);"),
        ("consumer_tasks = [asyncio.create_task(consumer(tid, queue)) for tid in range(3)]")(
            "let consumer_tasks: Vec<_> = (0..3)"..=".collect();"
        ),
        ("producer_tasks = [asyncio.create_task(producer(tid, queue)) for tid in range(3)]")(
            "let producer_tasks: Vec<_> = (0..3)"..=".collect();"
        ),
        ("try:"..="asyncio.gather(queue.join(), *producer_tasks)\n        )")(
            "let handles: Vec<_>"
                ..="let outcome = monitor_consumers(consumer_tasks, &checkpoint, Duration::from_secs(1)).await;"
        ),
        ("finally:"..="task.cancel()")("for task in &handles {"..="task.cancel();"),
        ("print(\"Finished\")")("match outcome {"..="Ok(()) => say!(\"Finished\"),"),
        (-"with `-- --fail true`, a consumer fails and the monitor says so")(
            "Err(TaskError::Panicked(message)) => {"
                ..="Err(error) => say!(\"The main task failed with {error}\"),"
        ),
        ("async def monitor_consumers(consumers: List[asyncio.Task], checkpoint: Awaitable, timeout=1):")(
            "async fn monitor_consumers("..="let mut consumers = consumers;"
        ),
        ("while True:")("loop {"),
        ("try:"..="await asyncio.wait_for(asyncio.shield(checkpoint), timeout=timeout)")(
            "match wait_for(shield(checkpoint), timeout).await {"
        ),
        ("except asyncio.TimeoutError:"
            ..="consumers, timeout=timeout, return_when=asyncio.FIRST_EXCEPTION,\n            )")(
            "Err(Elapsed) => {"
                ..="wait(consumers, ReturnWhen::FirstException, Some(timeout)).await?;"
        ),
        ("# If there is an exception in consumer"..="await asyncio.gather(*done)")(
            "// If there is an exception in a consumer"
                ..="consumers = done.into_iter().chain(pending).collect();"
        ),
        ("else:"..="break")("Ok(result) => return result.and_then(|gathered| gathered).map(drop),"),
        ("async def producer(tid, queue: asyncio.Queue):")(
            "async fn producer(tid: u32, queue: Queue<String>) {"
        ),
        ("for i in range(3):")("for i in 0..3 {"),
        ("print(f\"    {tid}: sending a message: {i}\")")(
            "say!(\"    {tid}: sending a message: {i}\");"
        ),
        ("await queue.put(f\"message {i}\")")("queue.put(format!(\"message {i}\")).await;"),
        ("async def consumer(tid, queue: asyncio.Queue):")(
            "async fn consumer(tid: u32, queue: Queue<String>, random: Random, fail: bool) {"
        ),
        ("while True:")("loop {"),
        ("value = await queue.get()")("let value = queue.get().await;"),
        ("# Simulate hard working"..="await asyncio.sleep(random.random())")(
            "// Simulate hard working"..="sleep(Duration::from_secs_f64(working)).await;"
        ),
        (-"with `-- --fail true`, the failure the monitor watches for")(
            "if fail && random.borrow_mut().next_f64() > 0.5 {"
                ..="say!(\"    {tid}: going to fail now\");"
        ),
        ("print(f\"    {tid}: got value {value!r}\")")(
            "say!(\"    {tid}: got value {}\", value.py_repr());"
        ),
        ("queue.task_done()")("queue.task_done()"),
        ("await main()")("let fail = stage.flag(\"fail\");"..=".run(main_(stage.random(), fail))"),
    ],
};

const NURSERY: Pairing = Pairing {
    lesson: "nursery",
    also: &[],
    pairs: pairs![
        ("import trio")("use coroasync::"),
        ("async def counter_coro(begin, end, boom = 42):")(
            "async fn counter_coro(begin: u32, end: u32) -> &'static str {"..="let boom = 42;"
        ),
        ("for i in range(begin, end):")("for i in begin..end {"),
        ("print(i)")("say!(\"{i}\");"),
        ("if i == boom:"..="raise Exception(\"The answer!\")")(
            "if i == boom {"..="\"The answer!\""
        ),
        ("await trio.sleep(.1)")("sleep(Duration::from_millis(100)).await;"),
        ("return \"The end\"")("\"The end\"\n"),
        ("async def boom():")("async fn boom() {"),
        ("1/0")("let zero = std::hint::black_box(0);"..="let _ = 1 / zero;"),
        ("async def parent():")("async fn parent() {"),
        ("async with trio.open_nursery() as nursery:")("let nursery = TaskGroup::new();"),
        ("nursery.start_soon(counter_coro, 42, 120)")("nursery.spawn(counter_coro(42, 120));"),
        ("nursery.start_soon(counter_coro, 35, 80)")("nursery.spawn(counter_coro(35, 80));"),
        ("nursery.start_soon(boom)")("nursery.spawn(boom());"),
        (-"the end of `async with`: wait for every child; trio raises their errors together")(
            "if let Err(errors) = nursery.join().await {"
                ..="say!(\"MultiError: {}\", shown.join(\", \"));"
        ),
        ("trio.run(parent)")("stage.run(parent())"),
    ],
};

const UNSYNC: Pairing = Pairing {
    lesson: "unsync",
    also: &[],
    pairs: pairs![
        ("_loop = asyncio.new_event_loop()"..="return submit")(
            "let make_loop = move || {"..="let unsync = LoopThread::spawn_with(make_loop)"
        ),
        ("@unsync\ndef non_async_function(seconds):")(
            "fn non_async_function(unsync: &LoopThread, pause: Duration) -> Submitted<u32> {"
                ..="let job = move || {"
        ),
        ("time.sleep(seconds)")("std::thread::sleep(pause);"),
        ("return 1")("1\n"),
        (-"what `@unsync` does to the function: hand it to the loop's thread")(
            "unsync.submit_blocking(job)"
        ),
        ("@unsync\nasync def async_function(seconds):")(
            "fn async_function(unsync: &LoopThread, seconds: Duration) -> Submitted<u32> {"
                ..="let coroutine = move || async move {"
        ),
        ("await asyncio.sleep(seconds)")("sleep(seconds).await;"),
        ("return 5")("5\n"),
        (-"`@unsync` on an `async def`: run it on the loop's thread")("unsync.submit(coroutine)"),
        ("@unsync(cpu_bound=True)\ndef slow_function():")(
            "fn slow_function(unsync: &LoopThread) -> Submitted<f64> {"..="let job = || {"
        ),
        ("a = 10**101")("let a = 10f64.powi(101);"),
        ("b = 10**100")("let b = 10f64.powi(100);"),
        ("return a/b")("a / b"),
        ("start = time.time()")("let start = loop_time(&unsync);"),
        ("print(slow_function().result()"..="non_async_function(0.5).result())")(
            "let sum = slow_function(&unsync).wait()"..="stage.say(format_args!(\"{sum:?}\"));"
        ),
        ("print('Executed in {} seconds'.format(time.time() - start))")(
            "let took = loop_time(&unsync) - start;"
                ..="stage.say(format_args!(\"Executed in {:?} seconds\", took.as_secs_f64()));"
        ),
    ],
};

const COMMON_ERRORS: Pairing = Pairing {
    lesson: "common-errors",
    also: &[],
    pairs: pairs![
        ("async def coro():")("async fn coro() {"),
        ("print('the coroutine ran')")("say!(\"the coroutine ran\");"),
        ("async def worker(name):")("async fn worker(name: &'static str) {"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(f'{name} finished its work')")("say!(\"{name} finished its work\");"),
        ("# error attempt"..="never_run = coro()")(
            "// Calling a coroutine only makes a future"..="drop(coro());"
        ),
        ("print('coro() made a future and ran nothing')")(
            "stage.say(format_args!(\"coro() made a future and ran nothing\"));"
        ),
        ("never_run.close()")(-"nothing to silence: dropping the future, above, is all"),
        ("# right thing to do"..="asyncio.run(coro())")("stage.run(coro())"),
        ("orphan = coro()"..="asyncio.create_task(orphan)")(
            "// No running loop"..="if let Err(error) = try_spawn(coro()) {"
        ),
        ("except RuntimeError as error:"..="print(f'spawn without a loop: {error}')")(
            "stage.say(format_args!(\"spawn without a loop: {error}\"));"
        ),
        ("async def early():")("// Exiting main too early"..=".run(async {"),
        ("asyncio.create_task(worker('early worker'))")("spawn(worker(\"early worker\"));"),
        ("print('main returns at once')")("say!(\"main returns at once\");"),
        ("asyncio.run(early())")(-"the `stage.run(async { … })` around `early`'s body, above"),
        ("async def patient():")("// The fix: wait for every task but this one."..=".run(async {"),
        ("asyncio.create_task(worker('patient worker'))")("spawn(worker(\"patient worker\"));"),
        ("all_tasks = asyncio.all_tasks()"..="all_tasks.remove(current_task)")(
            "let me = current_task().map(|task| task.id());"..=".collect();"
        ),
        ("await asyncio.wait(all_tasks)")(
            "wait(others, ReturnWhen::AllCompleted, None)"..=".await"
        ),
        ("print('main waited for the others')")("say!(\"main waited for the others\");"),
        ("asyncio.run(patient())")(-"the `stage.run(async { … })` around `patient`'s body, above"),
    ],
};

const LOCK: Pairing = Pairing {
    lesson: "lock",
    also: &[],
    pairs: pairs![
        ("counter = 0")("let counter = Rc::new(Cell::new(0));"),
        ("async def add_one(name, times):"..="global counter")(
            "async fn add_one(counter: Rc<Cell<u32>>, name: &str, times: u32) {"
        ),
        ("for _ in range(times):")("for _ in 0..times {"),
        ("value = counter")("let value = counter.get();"),
        ("print(f\"{name} reads {value}\")")("say!(\"{name} reads {value}\");"),
        ("# another task runs"..="await asyncio.sleep(0)")(
            "// another task runs"..="yield_now().await;"
        ),
        ("counter = value + 1")("counter.set(value + 1);"),
        ("print(f\"{name} writes {counter}\")")("say!(\"{name} writes {}\", counter.get());"),
        ("async def add_one_locked(lock, times):"..="global counter")(
            "async fn add_one_locked(lock: Lock, counter: Rc<Cell<u32>>, times: u32) {"
        ),
        ("for _ in range(times):")("for _ in 0..times {"),
        ("async with lock:")("let _held = lock.acquire().await;"),
        ("value = counter")("let value = counter.get();"),
        ("await asyncio.sleep(0)")("yield_now().await;"),
        ("counter = value + 1")("counter.set(value + 1);"),
        ("async def take_both(name, first, second):")(
            "async fn take_both(name: &str, first: (&str, Lock), second: (&str, Lock)) {"
        ),
        ("first_name, first_lock = first")("let (first_name, first_lock) = first;"),
        ("second_name, second_lock = second")("let (second_name, second_lock) = second;"),
        ("async with first_lock:")("let _first = first_lock.acquire().await;"),
        ("print(f\"{name} holds {first_name}\")")("say!(\"{name} holds {first_name}\");"),
        ("await asyncio.sleep(0)")("yield_now().await;"),
        ("print(f\"{name} waits for {second_name}\")")("say!(\"{name} waits for {second_name}\");"),
        ("async with second_lock:")("let _second = second_lock.acquire().await;"),
        ("print(f\"{name} holds both\")")("say!(\"{name} holds both\");"),
        ("async def main():"..="global counter")("async fn race() {"),
        ("await asyncio.gather(add_one(\"a\", 2), add_one(\"b\", 2))")(
            "let racers = ["..="gather(racers).await"
        ),
        ("print(f\"without a lock: {counter}, not 4\")")(
            "say!(\"without a lock: {}, not 4\", counter.get());"
        ),
        ("counter = 0")("counter.set(0);"),
        ("lock = asyncio.Lock()")("let lock = Lock::new();"),
        ("await asyncio.gather(add_one_locked(lock, 2), add_one_locked(lock, 2))")(
            "let careful = ["..="gather(careful).await"
        ),
        ("print(f\"with a lock: {counter}\")")("say!(\"with a lock: {}\", counter.get());"),
        ("x = (\"lock x\", asyncio.Lock())"..="y = (\"lock y\", asyncio.Lock())")(
            "async fn deadlock() {"..="let y = Lock::new();"
        ),
        ("a = asyncio.create_task(take_both(\"a\", x, y), name=\"a\")")(
            "let a = spawn_named("..=");"
        ),
        ("b = asyncio.create_task(take_both(\"b\", y, x), name=\"b\")")(
            "let b = spawn_named(\"b\", take_both(\"b\", (\"lock y\", y), (\"lock x\", x)));"
        ),
        ("try:"..="await asyncio.wait_for(asyncio.gather(a, b), timeout=1)")(
            "// Python gathers the two inside `wait_for`"..="b.await"
        ),
        ("except asyncio.TimeoutError:"
            ..="print(\"deadlock: a and b each wait for the lock the other holds\")")(
            "match stage.run(deadlock()) {"
                ..="Err(RunError::Deadlock(report)) => stage.say(format_args!(\"{report}\")),"
        ),
        ("asyncio.run(main())")("stage.run(race())"),
    ],
};
