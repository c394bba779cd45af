//! The pairings of the lessons on futures and awaitables, and of the machine built by hand.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    SEND_NONE,
    SYNC_VS_ASYNC_COROUTINE,
    AWAITABLE,
    MINI_EXECUTOR,
    MINI_SCHEDULER,
    INPUT_PROVIDER,
    ASYNCIO_PRIMES,
];

const SEND_NONE: Pairing = Pairing {
    lesson: "send-none",
    also: &[],
    pairs: pairs![
        ("async def coro():")("async fn coro(stage: &Stage) {"),
        ("print(\"I am a coroutine!\")")("stage.say(format_args!(\"I am a coroutine!\"));"),
        ("coroutine = coro()")("let coroutine = coro(stage);"),
        ("print(coroutine)")(
            "// Nothing has been printed yet"..="stage.say(format_args!(\"{name}\"));"
        ),
        ("try:"..="coroutine.send(None)")(
            "let mut coroutine = pin!(coroutine);"..="match coroutine.as_mut().poll(&mut cx) {"
        ),
        ("except StopIteration as stop:"..="print(\"StopIteration:\", stop.value)")(
            "// It returns nothing"
                ..="Poll::Pending => stage.say(format_args!(\"(still running)\")),"
        ),
    ],
};

const SYNC_VS_ASYNC_COROUTINE: Pairing = Pairing {
    lesson: "sync-vs-async-coroutine",
    also: &[],
    pairs: pairs![
        ("async def no_op():"..="return")("async fn no_op() {}"),
        ("async def async_coroutine():")("async fn async_coroutine(stage: &Stage) {"),
        ("for i in range(5):")("for i in 0..5 {"),
        ("print(\"async_coroutine iteration\", i)")(
            "stage.say(format_args!(\"async_coroutine iteration {i}\"));"
        ),
        ("await no_op()")("no_op().await;"),
        ("def sync_coroutine():")(
            "fn sync_coroutine(stage: &Stage)"..="Gen::new(move |co| async move {"
        ),
        ("for i in range(5):")("for i in 0..5 {"),
        ("print(\"sync_coroutine iteration\", i)")(
            "stage.say(format_args!(\"sync_coroutine iteration {i}\"));"
        ),
        ("yield")("co.yield_(()).await;"),
        ("for _ in sync_coroutine():"..="pass")(
            "let mut sync = sync_coroutine(stage);"
                ..="while let GeneratorState::Yielded(()) = sync.resume() {}"
        ),
        ("print(\"=\" * 17)")("stage.say(format_args!(\"{}\", \"=\".repeat(17)));"),
        ("for _ in async_coroutine().__await__():"..="pass")(
            "drive(async_coroutine(stage), |_| {});"
        ),
        (-"`drive` is the `for` over `__await__()`: poll until ready, a call of `between` each time it is pending")(
            "fn drive(future: impl Future<Output = ()>, mut between: impl FnMut(usize)) {"
                ..="i += 1;"
        ),
        ("for i, _ in enumerate(sync_coroutine()):")(
            "let mut sync = sync_coroutine(stage);\n    let mut i = 0;"
                ..="while let GeneratorState::Yielded(()) = sync.resume() {"
        ),
        ("print(\"outer sync_coroutine iteration:\", i)")(
            "stage.say(format_args!(\"outer sync_coroutine iteration: {i}\"));"
        ),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
        ("print(\"=\" * 17)")("stage.say(format_args!(\"{}\", \"=\".repeat(17)));"),
        ("for i, _ in enumerate(async_coroutine().__await__()):")(
            "drive(async_coroutine(stage), |i| {"
        ),
        ("print(\"outer async_coroutine iteration:\", i)")(
            "stage.say(format_args!(\"outer async_coroutine iteration: {i}\"));"
        ),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
    ],
};

const AWAITABLE: Pairing = Pairing {
    lesson: "awaitable",
    also: &[],
    pairs: pairs![
        ("class Awaitable:")("struct Awaitable<'a> {"..="yielded: Rc<Cell<Option<u32>>>,"),
        ("def __await__(self):")("impl<'a> IntoFuture for &Awaitable<'a> {"..="i: u32,\n}"),
        ("for i in range(3):")("impl Future for AwaitableSteps<'_> {"..="if self.i == 3 {"),
        ("print(\"index from awaitable:\", i)")(
            "let i = self.i;"..="self.stage.say(format_args!(\"index from awaitable: {i}\"));"
        ),
        ("yield i")("self.yielded.set(Some(i));"..="Poll::Pending"),
        ("return \"Ok\"")("return Poll::Ready(\"Ok\");"),
        ("async def async_coroutine():")(
            "async fn async_coroutine(awaitable: Awaitable<'_>) {"..="let stage = awaitable.stage;"
        ),
        ("awaitable = Awaitable()")(
            "let yielded = Rc::new(Cell::new(None));"..="yielded: Rc::clone(&yielded),\n    };"
        ),
        ("for i in range(5):")("for i in 0..5 {"),
        ("print(\"coroutine iteration\", i)")(
            "stage.say(format_args!(\"coroutine iteration {i}\"));"
        ),
        ("result = await awaitable")("let result = (&awaitable).await;"),
        ("print(\"Awaitable says:\", result)")(
            "stage.say(format_args!(\"Awaitable says: {result}\"));"
        ),
        ("print(\"=\" * 21)")("stage.say(format_args!(\"{}\", \"=\".repeat(21)));"),
        ("for i, j in enumerate(async_coroutine().__await__()):")(
            "let mut coroutine = pin!(async_coroutine(awaitable));"
                ..="while coroutine.as_mut().poll(&mut cx).is_pending() {"
        ),
        ("print(\"outer iteration:\", i)")("stage.say(format_args!(\"outer iteration: {i}\"));"),
        ("print(\"coroutine iteration result:\", j)")(
            "let j = yielded.take();"
                ..="stage.say(format_args!(\"coroutine iteration result: {}\", j.py_str()));"
        ),
        ("print(\"-\" * 23)")("stage.say(format_args!(\"{}\", \"-\".repeat(23)));"),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"..="i += 1;"),
    ],
};

const MINI_EXECUTOR: Pairing = Pairing {
    lesson: "mini-executor",
    also: &[],
    pairs: pairs![
        ("class Executor:")("type Clock = Rc<RefCell<Timers>>;"..="out: Trace,\n}"),
        ("def __init__(self):"..="self.unfinished = []")(
            "fn new(out: Trace) -> Self {"..="out,\n        }"
        ),
        (-"the timers and the clock (`self.timers`, `self.now`, `self.seq` above) are one struct, shared with `Sleep`")(
            "struct Timers {"..="next_seq: u64,"
        ),
        ("def spawn(self, name, coroutine):"..="self.ready.append((name, coroutine))")(
            "fn spawn(&mut self, name: &'static str, future: impl Future<Output = ()> + 'static) {"
                ..="self.tasks.push((name, Some(Box::pin(future))));"
        ),
        ("def waker(self):"..="return lambda: self.ready.append(task)")(
            "struct TaskWaker {"..="ready.push_back(self.id);"
        ),
        ("def call_at(self, deadline, waker):"..="self.seq += 1")(
            -"done where `Sleep` sets its timer, below"
        ),
        ("def run(self):"..="while self.unfinished:")(
            "fn run(&mut self) -> Result<(), Stuck> {"..="while !self.unfinished().is_empty() {"
        ),
        ("if not self.ready:"..="return False")(
            "let next = self"..="return Err(Stuck { at, tasks });"
        ),
        ("self.now, _, wake = heapq.heappop(self.timers)"..="continue")(
            "timers.now = at;"..="continue;"
        ),
        ("self.current = self.ready.popleft()"..="name, coroutine = self.current")(
            "let (name, slot) = &mut self.tasks[id];"
                ..="let Some(future) = slot else { continue };"
        ),
        ("print(f\"executor: poll {name} at {self.now} s\")")(
            "self.out"..="executor: poll {name} at {now} s"
        ),
        ("try:"..="coroutine.send(None)")(
            "let waker = Waker::from(Arc::new(TaskWaker {"..=".is_ready()"
        ),
        ("except StopIteration:"..="self.unfinished.remove(name)")("*slot = None;"),
        ("print(f\"executor: every task finished at {self.now} s\")")(
            "let now = self.clock.borrow().now;"..="every task finished at {now} s\"));"
        ),
        ("return True")("Ok(())"),
        ("class Awaitable:"..="\"\"\"The last lesson's awaitable")(
            "struct Awaitable {"..="wakes: bool,"
        ),
        ("def __init__(self, wakes):"..="self.wakes = wakes")(
            "let awaitable = |wakes| Awaitable {"..="wakes,\n    };"
        ),
        ("def __await__(self):"..="for i in range(3):")(
            "impl Future for Awaitable {"..="if self.i == 3 {"
        ),
        ("print(\"index from awaitable:\", i)")("let i = self.i;"..="self.i += 1;"),
        ("if self.wakes:"..="loop.waker()()")("if self.wakes {"..="cx.waker().wake_by_ref();"),
        ("yield\n")("Poll::Pending"),
        ("return \"Ok\"")("return Poll::Ready(\"Ok\");"),
        ("class Sleep:"..="\"\"\"`asyncio.sleep(seconds)`")("struct Sleep {"..="deadline: u64,"),
        ("def __init__(self, seconds):"..="self.deadline = loop.now + seconds")(
            "fn sleep(clock: &Clock, seconds: u64) -> Sleep {"..="deadline,\n    }"
        ),
        ("def __await__(self):"..="while loop.now < self.deadline:")(
            "impl Future for Sleep {"..="return Poll::Ready(());"
        ),
        ("loop.call_at(self.deadline, loop.waker())")(
            "let seq = timers.next_seq;"..="timers.wakers.insert(seq, cx.waker().clone());"
        ),
        ("yield\n")("Poll::Pending"),
        ("async def main(awaitable):")("async fn main_task(out: Trace, awaitable: Awaitable) {"),
        ("result = await awaitable")("let result = awaitable.await;"),
        ("print(\"Awaitable says:\", result)")(
            "out.print(format_args!(\"Awaitable says: {result}\"));"
        ),
        ("async def sleeper():")("async fn sleeper(out: Trace, clock: Clock) {"),
        ("for seconds in (2, 1):")("for seconds in [2, 1] {"),
        ("print(f\"sleeper: sleep {seconds} s at {loop.now} s\")")(
            "let now = clock.borrow().now;"..="sleeper: sleep {seconds} s at {now} s\"));"
        ),
        ("await Sleep(seconds)")("sleep(&clock, seconds).await;"),
        ("print(f\"sleeper: woke at {loop.now} s\")")(
            "let now = clock.borrow().now;"..="sleeper: woke at {now} s\"));"
        ),
        ("def report(loop):"..="if not loop.run():")(
            "fn report(out: &Trace, result: Result<(), Stuck>) {"
                ..="if let Err(Stuck { at, tasks }) = result {"
        ),
        ("tasks = \", \".join(loop.unfinished)")("let tasks = tasks.join(\", \");"),
        ("print(f\"executor: stuck at"..="f\"waiting forever: {tasks}\")")(
            "out.print(format_args!(\n            \"executor: stuck"..="));"
        ),
        ("print(\"-- without the wake\")")("out.print(format_args!(\"-- without the wake\"));"),
        ("loop = Executor()")("let mut executor = MiniExecutor::new(out.clone());"),
        ("loop.spawn(\"main\", main(Awaitable(wakes=False)))")(
            "executor.spawn(\"main\", main_task(out.clone(), awaitable(false)));"
        ),
        ("report(loop)")("report(&out, executor.run());"),
        (-"the same future on the course's own loop, which reports the deadlock")(
            "out.print(format_args!(\n        \"coroasync: the same future"
                ..="no deadlock after all"
        ),
        ("print(\"-- with the wake, beside a sleeper\")")(
            "out.print(format_args!(\"-- with the wake, beside a sleeper\"));"
        ),
        ("loop = Executor()")("let mut executor = MiniExecutor::new(out.clone());"),
        ("loop.spawn(\"main\", main(Awaitable(wakes=True)))")(
            "executor.spawn(\"main\", main_task(out.clone(), awaitable(true)));"
        ),
        ("loop.spawn(\"sleeper\", sleeper())")(
            "let clock = Rc::clone(&executor.clock);"
                ..="executor.spawn(\"sleeper\", sleeper(out.clone(), clock));"
        ),
        ("report(loop)")("report(&out, executor.run());"),
    ],
};

const MINI_SCHEDULER: Pairing = Pairing {
    lesson: "mini-scheduler",
    also: &[],
    pairs: pairs![
        ("from earlier_cells import definitions"..="async_search, fib = definitions(")(
            "use corogen::notebook::"
        ),
        ("class Task:")("struct Task {"..="routine: Box<dyn FnMut() -> Resumed>,"),
        ("next_id = 0")("next_id: u64,"),
        ("def __init__(self, routine):"..="Task.next_id += 1")(
            "let id = TaskId::new(self.next_id);"..="self.next_id += 1;"
        ),
        ("class Scheduler:")("struct MiniScheduler {"),
        ("def __init__(self):"..="self.failed_task_errors = {}")(
            "runnable_tasks: VecDeque::new(),"..="trace: stage.trace(),"
        ),
        ("def add(self, routine):")(
            "fn add(&mut self, routine: impl FnMut() -> Resumed + 'static) -> TaskId {"
        ),
        ("task = Task(routine)"..="self.runnable_tasks.append(task)")(
            "self.trace.record(|| Event::Added { task: id });"
                ..="self.runnable_tasks.push_back(Task { id, routine });"
        ),
        ("return task.id")("id\n    }"),
        ("def run_to_completion(self):")("fn run_to_completion(&mut self) {"),
        ("while len(self.runnable_tasks) != 0:"..="task = self.runnable_tasks.popleft()")(
            "while let Some(mut task) = self.runnable_tasks.pop_front() {"
        ),
        ("print(f\"Running task {task.id}\")")(
            "let task_id = task.id;"..="self.trace.enter(task_id);"
        ),
        ("try:"..="yielded = next(task.routine)")(
            "let resumed = (task.routine)();"..="match resumed {"
        ),
        ("except StopIteration as stopped:"
            ..="self.completed_task_result[task.id] = stopped.value")(
            "GeneratorState::Complete(Ok(value)) => {"..="});"
        ),
        ("except Exception as e:"..="print(f\"Failed with exception: {e}\")")(
            "GeneratorState::Complete(Err(error)) => self.trace.record(|| Event::Failed {"..="}),"
        ),
        ("else:"..="self.runnable_tasks.append(task)")(
            "GeneratorState::Yielded(()) => self.runnable_tasks.push_back(task),"
        ),
        ("scheduler = Scheduler()")("let mut scheduler = MiniScheduler {"),
        ("scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))")(
            "let mut three = async_search("..="scheduler.add(move || three.resume());"
        ),
        ("scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))")(
            "let mut four = async_search("..="scheduler.add(move || four.resume());"
        ),
        ("scheduler.run_to_completion()")("scheduler.run_to_completion();"),
    ],
};

const INPUT_PROVIDER: Pairing = Pairing {
    lesson: "input-provider",
    also: &[],
    pairs: pairs![
        ("from earlier_cells import definitions"
            ..="UserInput = definitions(\"user_input\", \"UserInput\")")("use corolab::{"),
        ("async def handle_character_move() -> Iterable:"..="\"\"\"Get the user input")(
            "async fn handle_character_move(stage: &Stage, mailbox: Rc<Mailbox>) {"
        ),
        ("movements = dict(zip(")(
            "pub fn movement(key: Option<char>) -> &'static str {"..="_ => \"stay\","
        ),
        ("for _ in range(5):")("for _ in 0..5 {"),
        ("key_pressed = await get_key_pressed()")(
            "let key_pressed = get_key_pressed(stage, &mailbox).await;"
        ),
        ("print(\"ACTION:\", movements.get(key_pressed, \"stay\"))")(
            "stage.say(format_args!(\"ACTION: {}\", movement(Some(key_pressed))));"
        ),
        ("class InputProvider:"..="\"\"\"Awaitable that redirects")(
            "struct InputProvider<'a> {"..="mailbox: Rc<Mailbox>,\n}"
        ),
        (-"where the key sent in waits: what `send` did")(
            "struct Mailbox {"..="key: Cell<Option<char>>,"
        ),
        ("def __await__(self):"..="output = None")(
            "impl Future for InputProvider<'_> {"
                ..="fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<char> {"
        ),
        ("while output is None:")("match self.mailbox.key.take() {"),
        ("print(\".\", end=\"\")")("None => {"..="self.stage.say(format_args!(\".\"));"),
        ("output = yield")("Poll::Pending"),
        ("print()")(-"each dot is a line of its own here, as it waits: no line is left to end"),
        ("return output")("Poll::Ready(key)"),
        ("async def get_key_pressed():"..="\"\"\"Provide pressed key character.\"\"\"")(
            "async fn get_key_pressed(stage: &Stage, mailbox: &Rc<Mailbox>) -> char {"
        ),
        ("return await InputProvider()")("InputProvider {"..=".await"),
        ("def run(coroutine):"..="from time import sleep")(
            "fn run(stage: &Stage, coroutine: impl Future<Output = ()>, mailbox: &Mailbox) {"
        ),
        ("user_input = UserInput(1)")("let mut user_input = UserInput::new(stage.random());"),
        ("try:"..="coroutine.send(None)")(
            "let mut coroutine = pin!(coroutine);"..="// Run the coroutine until its first pause"
        ),
        ("while True:"..="coroutine.send(user_input.get_key())")(
            "while coroutine.as_mut().poll(&mut cx).is_pending() {"
                ..="mailbox.key.set(user_input.get_key());"
        ),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
        ("except StopIteration:"..="print(\"Bye!\")")("stage.say(format_args!(\"Bye!\"));"),
        ("run(handle_character_move())")("let mailbox = Rc::new(Mailbox::default());"..=");"),
    ],
};

const ASYNCIO_PRIMES: Pairing = Pairing {
    lesson: "asyncio-primes",
    also: &[],
    pairs: pairs![
        ("from earlier_cells import definitions"..="fib = definitions(\"fib\", \"fib\")")(
            "use corogen::"
        ),
        ("async def is_prime(x):")("pub async fn is_prime(x: u64) -> bool {"),
        ("if x < 2:"..="return False")("if x < 2 {"..="return false;"),
        ("for i in range(2, int(sqrt(x))+1):")("for i in 2..=x.isqrt() {"),
        ("if x % i == 0:"..="return False")("if x % i == 0 {"..="return false;"),
        ("# yield to avoid"..="await asyncio.sleep(0)")(
            "// yield to avoid"..="sleep(Duration::ZERO).await;"
        ),
        ("return True")("true\n"),
        ("async def print_matches(iterable, async_predicate):")(
            "pub async fn print_matches<I>(iterable: I, async_predicate: impl AsyncFn(I::Item) -> bool)"
                ..="I::Item: Display + Clone,"
        ),
        ("for item in iterable:")("for item in iterable {"),
        ("matches = await async_predicate(item)"..="if matches:")(
            "if async_predicate(item.clone()).await {"
        ),
        ("print(f\"Found: {item}\")")("say!(\"Found: {item}\");"),
        ("async def repetitive_message(msg, interval_secs):")(
            "pub async fn repetitive_message(msg: impl Display, interval: Duration) {"
        ),
        ("while True:")("loop {"),
        ("print(msg)")("say!(\"{msg}\");"),
        ("await asyncio.sleep(interval_secs)")("sleep(interval).await;"),
        ("loop = asyncio.get_event_loop()")("let main = async move {"),
        ("search_task = asyncio.ensure_future("..="print_matches(fib(), is_prime), loop=loop\n)")(
            "// The notebook passes `is_prime` itself"
                ..="let search_task = spawn(print_matches(fib(), counted));"
        ),
        ("repetitive_task = asyncio.ensure_future("..="loop=loop\n)")(
            "let repetitive_task = spawn(repetitive_message("..="));"
        ),
        ("all_future = asyncio.gather(search_task, repetitive_task)"
            ..="loop.run_until_complete(all_future)")(
            "// The notebook waits on both forever"
                ..="let _ = gather([search_task, repetitive_task]).await;"
        ),
        ("loop.close()")(-"`stage.run` closes its loop as it returns, as `asyncio.run` does"),
    ],
};
