//! The pairings of the lessons on the event loop and its tasks.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    HELLO_WORLD,
    RUN_COROUTINE,
    NEW_EVENT_LOOP,
    CREATE_TASK,
    DONE_CALLBACK,
    ALL_TASKS,
    COROUTINE_DECORATOR,
    MANAGER,
];

const HELLO_WORLD: Pairing = Pairing {
    lesson: "hello-world",
    also: &[],
    pairs: pairs![
        ("import asyncio")("use coroasync::"),
        ("async def main():")("async fn main_() {"),
        ("print('hello')")("say!(\"hello\");"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print('world')")("say!(\"world\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const RUN_COROUTINE: Pairing = Pairing {
    lesson: "run-coroutine",
    also: &[],
    pairs: pairs![
        ("async def custom_coro():")("async fn custom_coro() -> i32 {"),
        ("return 2+2")("2 + 2"),
        ("async def main():")("async fn main_() {"),
        ("# await for custom coroutine"..="result = await custom_coro()")(
            "// await for custom coroutine"..="let result = custom_coro().await;"
        ),
        ("print(result)")("say!(\"{result}\");"),
        ("m = main()")("// Not executed yet"..="let m = main_();"),
        ("print(type(m))")(
            "let name = std::any::type_name_of_val(&m)"..="stage.say(format_args!(\"{name}\"));"
        ),
        ("async def custom_coro():"..="print(result)")(
            -"the same definitions again, in the next cell: Rust defines them once"
        ),
        ("m = main()")("drop(m);\n\n    let m = main_();"),
        ("# start the coroutine program"..="asyncio.run(m)")("stage.run(m)"),
    ],
};

const NEW_EVENT_LOOP: Pairing = Pairing {
    lesson: "new-event-loop",
    also: &[],
    pairs: pairs![
        ("import asyncio")(-"nothing to import: the `Stage` makes the loop"),
        ("# create and access"..="loop = asyncio.new_event_loop()")(
            "// create and access"..="let event_loop = stage.event_loop();"
        ),
        ("# report defaults of the loop"..="print(loop)")(
            "// report defaults of the loop"..="stage.say(format_args!(\"{event_loop}\"));"
        ),
    ],
};

const CREATE_TASK: Pairing = Pairing {
    lesson: "create-task",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine():")("async fn task_coroutine() {"),
        ("print('execute the task')")("say!(\"execute the task\");"),
        ("# wait for a bit"..="await asyncio.sleep(2)")(
            "// wait for a bit"..="sleep(Duration::from_secs(2)).await;"
        ),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("# create and schedule the task"..="task = asyncio.create_task(task_coroutine())")(
            "// create and schedule the task"..="let task = spawn(task_coroutine());"
        ),
        ("# wait for the task to complete"..="await task")(
            "// wait for the task to complete"..="task.await"
        ),
        ("print('main coroutine done')")("say!(\"main coroutine done\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const DONE_CALLBACK: Pairing = Pairing {
    lesson: "done-callback",
    also: &[],
    pairs: pairs![
        ("def callback(task):")("fn callback(task: &TaskRef) {"),
        ("print('this is a callback of', task)")("say!(\"this is a callback of {task}\");"),
        ("async def task_coroutine():")("async fn task_coroutine() {"),
        ("print('execute the task')")("say!(\"execute the task\");"),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("task = asyncio.create_task(task_coroutine())")("let task = spawn(task_coroutine());"),
        ("task.add_done_callback(callback)")("task.add_done_callback(callback);"),
        ("await task")("task.await"),
        ("print('main coroutine done')")("say!(\"main coroutine done\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const ALL_TASKS: Pairing = Pairing {
    lesson: "all-tasks",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine(index):")("async fn task_coroutine(index: u32) {"),
        ("print(f'task {index} is running')")("say!(\"task {index} is running\");"),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("started_tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]")(
            "let started_tasks: Vec<_> = (0..10).map(|i| spawn(task_coroutine(i))).collect();"
        ),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("tasks = asyncio.all_tasks()"..="for task in tasks:")("for task in all_tasks() {"),
        ("print(f'> {task.get_name()}, {task.get_coro()}')")("say!(\"> {}\", task.name());"),
        ("for task in started_tasks:")("for task in started_tasks {"),
        ("await task")("task.await"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const COROUTINE_DECORATOR: Pairing = Pairing {
    lesson: "coroutine-decorator",
    also: &[],
    pairs: pairs![
        ("import asyncio\n")("use coroasync::"),
        ("@asyncio.coroutine\ndef counter_coro(n):")("async fn counter_coro(n: u32) {"),
        ("for i in range(n):")("for i in 0..n {"),
        ("print(i)")("say!(\"{i}\");"),
        ("try:"..="yield from asyncio.sleep(.1)")("sleep(Duration::from_millis(100)).await;"),
        ("except asyncio.CanceledError:"..="break")(
            -"cancelled, the future is dropped at its `.await`: nothing to catch"
        ),
        ("@asyncio.coroutine\ndef real_coro():")("async fn real_coro() -> u32 {"),
        ("yield from asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"Something happened\")")("say!(\"Something happened\");"),
        ("return 24")("24\n"),
        ("@asyncio.coroutine\ndef manager():")("async fn manager() -> u32 {"),
        ("coro = counter_coro(100)")("let coro = counter_coro(100);"),
        ("print(type(coro))")("let name = std::any::type_name_of_val(&coro)"..="say!(\"{name}\");"),
        ("counter = asyncio.ensure_future(coro)")("let counter = spawn(coro);"),
        ("result = yield from real_coro()")("let result = real_coro().await;"),
        ("counter.cancel()")("counter.cancel();"),
        ("return result")("result\n"),
        ("loop = asyncio.get_event_loop()")("let event_loop = stage.event_loop();"),
        ("result = loop.run_until_complete(manager())")(
            "let result = event_loop"..=".run_until_complete(manager())"
        ),
        ("print(\"answer:\",  result)")("stage.say(format_args!(\"answer: {result}\"));"),
    ],
};

const MANAGER: Pairing = Pairing {
    lesson: "manager",
    also: &[],
    pairs: pairs![
        ("async def counter_coro(n):")("async fn counter_coro(n: u32) {"),
        ("for i in range(n):")("for i in 0..n {"),
        ("print(i)")("say!(\"{i}\");"),
        ("await asyncio.sleep(.1)")("sleep(Duration::from_millis(100)).await;"),
        ("async def real_coro():")("async fn real_coro() -> u32 {"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"Something happened\")")("say!(\"Something happened\");"),
        ("return 24")("24\n"),
        ("async def manager():")("async fn manager() -> u32 {"),
        ("coro = counter_coro(100)")("let coro = counter_coro(100);"),
        ("print(type(coro))")("let name = std::any::type_name_of_val(&coro)"..="say!(\"{name}\");"),
        ("counter = asyncio.create_task(coro)")("let counter = spawn(coro);"),
        ("result = await real_coro()")("let result = real_coro().await;"),
        ("counter.cancel()")("counter.cancel();"),
        ("return result")("result\n"),
        ("result = asyncio.run(manager())")("let result = stage.run(manager())"),
        ("print(\"answer:\",  result)")("stage.say(format_args!(\"answer: {result}\"));"),
    ],
};
