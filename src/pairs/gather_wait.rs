//! The pairings of the toolbox's first part: `gather`, `as_completed`, events, `wait`, `wait_for`, `shield`.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    GATHER_CHILDREN,
    GATHER_FAILURE,
    MAPPING_RESULTS,
    AS_COMPLETED,
    GATHER_MANY,
    EVENT_GATHER,
    WAIT_MODES,
    WAIT_FOR,
    SHIELD,
];

const GATHER_CHILDREN: Pairing = Pairing {
    lesson: "gather-children",
    also: &[],
    pairs: pairs![
        ("async def child1():")("async fn child1() {"),
        ("print(\"  child1: started! sleeping now...\")")(
            "say!(\"  child1: started! sleeping now...\");"
        ),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"  child1: still working...\")")("say!(\"  child1: still working...\");"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("print(\"  child1: exiting!\")")("say!(\"  child1: exiting!\");"),
        ("async def child2():")("async fn child2() {"),
        ("print(\"  child2: started! sleeping now...\")")(
            "say!(\"  child2: started! sleeping now...\");"
        ),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("print(\"  child2: still working...\")")("say!(\"  child2: still working...\");"),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("print(\"  child2: exiting!\")")("say!(\"  child2: exiting!\");"),
        ("async def main():")("async fn main_() -> Vec<()> {"),
        ("tasks = [asyncio.create_task(c) for c in [child1(), child2()]]")(
            "let tasks = [spawn(child1()), spawn(child2())];"
        ),
        ("return await asyncio.gather(*tasks)")("gather(tasks).await"),
        ("print(await main())")(
            "let results = stage.run(main_())"
                ..="stage.say(format_args!(\"{}\", results.py_str()));"
        ),
    ],
};

const GATHER_FAILURE: Pairing = Pairing {
    lesson: "gather-failure",
    also: &[],
    pairs: pairs![
        ("async def child(name, steps, fail_at=None):")("async fn child("),
        ("for step in range(1, steps + 1):")("for step in 1..=steps {"),
        ("await asyncio.sleep(1)")("sleep(Duration::from_secs(1)).await;"),
        ("if step == fail_at:")("if Some(step) == fail_at {"),
        ("print(f\"  {name}: failing!\")")("say!(\"  {name}: failing!\");"),
        ("raise Exception(f\"{name} broke\")")("\"{name} broke\""),
        ("print(f\"  {name}: step {step}\")")("say!(\"  {name}: step {step}\");"),
        ("print(f\"  {name}: exiting!\")")("say!(\"  {name}: exiting!\");"),
        ("return name")("name\n"),
        ("async def main():")("async fn main_() {"),
        ("print(\"1: one child fails\")")("say!(\"1: one child fails\");"),
        ("try:"
            ..="print(await asyncio.gather(child(\"child1\", 3), child(\"child2\", 3, fail_at=2)))")(
            "match gather([child(\"child1\", 3, None), child(\"child2\", 3, Some(2))]).await {"
                ..="Ok(names) => say!(\"{}\", names.py_str()),"
        ),
        ("except Exception as err:"
            ..="print(\"The main task failed with\", repr(err), \"let's see what happens now.\")")(
            "Err(error) => {"..="shown(&error)\n            );"
        ),
        ("await asyncio.sleep(5)")("sleep(Duration::from_secs(5)).await;"),
        ("print(\"1.1: return_exceptions=True\")")("say!(\"1.1: return_exceptions=True\");"),
        ("results = await asyncio.gather("..="return_exceptions=True\n    )")(
            "let results = gather_settled("
        ),
        ("for result in results:")("for result in &results {"),
        ("print(repr(result) if isinstance(result, Exception) else result)")(
            "match result {"..="Err(error) => say!(\"{}\", shown(error)),"
        ),
        ("print(\"1.2: cancel the others when one fails\")")(
            "say!(\"1.2: cancel the others when one fails\");"
        ),
        ("tasks = [asyncio.create_task(child(\"child1\", 3)),"
            ..="asyncio.create_task(child(\"child2\", 3, fail_at=2))]")(
            "let tasks = ["
                ..="let others: Vec<_> = tasks.iter().map(|task| task.to_ref()).collect();"
        ),
        ("try:"..="await asyncio.gather(*tasks)")("if let Err(error) = gather(tasks).await {"),
        ("except Exception as err:"..="for task in tasks:")("for task in &others {"),
        ("task.cancel()")("task.cancel();"),
        ("print(\"cancelled the others after\", repr(err))")(
            "say!(\"cancelled the others after {}\", shown(&error));"
        ),
        ("await asyncio.sleep(5)")("sleep(Duration::from_secs(5)).await;"),
        ("print(\"done\")")("say!(\"done\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const MAPPING_RESULTS: Pairing = Pairing {
    lesson: "mapping-results",
    also: &[],
    pairs: pairs![
        ("async def get_double(n):")("async fn get_double(n: u64, thinking: f64) -> u64 {"),
        ("print(f\"    { n }: thinking on a double...\")")(
            "say!(\"    {n}: thinking on a double...\");"
        ),
        ("await asyncio.sleep(random.random())")("sleep(Duration::from_secs_f64(thinking)).await;"),
        ("print(f\"    { n }: got it: { n * 2 }\")")("say!(\"    {n}: got it: {}\", n * 2);"),
        ("return n * 2")("n * 2\n"),
        ("async def main():")("async fn main_(mut random: SplitMix64) -> Vec<(u64, u64)> {"),
        ("# Prepare some"..="numbers = list(range(10))")(
            "// Prepare some"..="let mut numbers: Vec<u64> = (0..10).collect();"
        ),
        ("random.shuffle(numbers)")("random.shuffle(&mut numbers);"),
        ("print(\"Processing numbers:\", numbers)")(
            "say!(\"Processing numbers: {}\", numbers.py_str());"
        ),
        ("tasks = [asyncio.create_task(get_double(n)) for n in numbers]")(
            "let tasks: Vec<_> = numbers"..=".collect();"
        ),
        ("result = await asyncio.gather(*tasks)")("let result = gather(tasks).await"),
        ("return dict(zip(numbers, result))")("numbers.into_iter().zip(result).collect()"),
        ("result = await main()")("let result = stage.run(main_(stage.random()))"),
        ("print(result)")(
            "let result: IndexMap<u64, u64> = result.into_iter().collect();"
                ..="stage.say(format_args!(\"{}\", result.py_str()));"
        ),
        ("assert result == {n: n*2 for n in range(10)}")(
            "assert!(result.iter().all(|&(n, double)| double == n * 2));"
        ),
    ],
};

const AS_COMPLETED: Pairing = Pairing {
    lesson: "as-completed",
    also: &[],
    pairs: pairs![
        ("async def get_double(n):")("async fn get_double(n: u64, thinking: f64) -> (u64, u64) {"),
        ("print(f\"    { n }: thinking on a double...\")")(
            "say!(\"    {n}: thinking on a double...\");"
        ),
        ("await asyncio.sleep(random.random())")("sleep(Duration::from_secs_f64(thinking)).await;"),
        ("print(f\"    { n }: got it: { n * 2 }\")")("say!(\"    {n}: got it: {}\", n * 2);"),
        ("return n, n * 2")("(n, n * 2)"),
        ("async def main():")("async fn main_(mut random: SplitMix64) -> Vec<(u64, u64)> {"),
        ("numbers = list(range(10))")("let mut numbers: Vec<u64> = (0..10).collect();"),
        ("random.shuffle(numbers)")("random.shuffle(&mut numbers);"),
        ("print(\"Processing numbers:\", numbers)")(
            "say!(\"Processing numbers: {}\", numbers.py_str());"
        ),
        ("tasks = [asyncio.create_task(get_double(n)) for n in numbers]")(
            "let tasks: Vec<_> = numbers"..=".collect();"
        ),
        ("result = {}")("let mut result = Vec::new();"),
        ("for coro in asyncio.as_completed(tasks):"..="key, value = await coro")(
            "let mut completed = as_completed(tasks);"
                ..="while let Some(next) = completed.next().await {"
        ),
        ("result[key] = value")("result.push(next"),
        ("return result")("result\n"),
        ("result = await main()")("let result = stage.run(main_(stage.random()))"),
        ("print(result)")("let result: IndexMap<u64, u64> = result.into_iter().collect();"),
        ("assert result == {n: n*2 for n in range(10)}")(
            "assert!(result.iter().all(|(n, double)| *double == n * 2));"
                ..="stage.say(format_args!(\"{}\", result.py_str()));"
        ),
    ],
};

const GATHER_MANY: Pairing = Pairing {
    lesson: "gather-many",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine(index):")("async fn task_coroutine(index: u32) {"),
        ("print(f'> task {index} executing')")("say!(\"> task {index} executing\");"),
        ("await asyncio.sleep(2)")("sleep(Duration::from_secs(2)).await;"),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("group_coros = [task_coroutine(i) for i in range(10)]")(
            "let group_coros = (0..10).map(task_coroutine);"
        ),
        ("await asyncio.gather(*group_coros)")("gather(group_coros).await"),
        ("print('main done')")("say!(\"main done\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};

const EVENT_GATHER: Pairing = Pairing {
    lesson: "event-gather",
    also: &[],
    pairs: pairs![
        ("import random")("type Random = Rc<RefCell<SplitMix64>>;"),
        ("async def counter_coro(begin, end, event, boom = 42):")(
            "async fn counter_coro(begin: u32, end: u32, event: Event, random: Random) -> String {"
                ..="let boom = 42;"
        ),
        ("for i in range(begin, end):")("for i in begin..end {"),
        ("print(i)")("say!(\"{i}\");"),
        ("if  random.randint(1, 20) == 8 :"..="event.set()")(
            "if random.borrow_mut().randint(1, 20) == 8 {"..="event.set();"
        ),
        ("if i == boom:"..="raise Exception(\"The answer!\")")(
            "if i == boom {"..="\"The answer!\""
        ),
        ("await asyncio.sleep(.1)")("sleep(Duration::from_millis(100)).await;"),
        ("return \"The end\"")("\"The end\".to_owned()"),
        ("async def waiter(event):")("async fn waiter(event: Event)"),
        ("await event.wait()")("event.wait().await;"),
        ("raise Exception(\"Ooops!\")")("\"Ooops!\""),
        ("async def main():"..="event = asyncio.Event()")(
            ".run(async move {"..="let event = Event::new();"
        ),
        ("bunch = asyncio.gather("..=")\n")("let bunch = gather(["..="]);"),
        ("print(type(bunch))")("say!(\"{}\", std::any::type_name_of_val(&bunch));"),
        ("print(await bunch)")(
            "match bunch.await {"..="Ok(results) => say!(\"{}\", results.py_str()),"
        ),
        ("except Exception as e:"..="print(e)")("Err(error) => say!(\"{}\", message(&error)),"),
        ("asyncio.run(main())")(
            -"the `stage.run(async move { … })` that holds `main`'s body above"
        ),
        (-"`-- --return-exceptions true`: the commented-out `return_exceptions=True`")(
            "async fn gather_settling(random: Random) {"..="say!(\"[{}]\", shown.join(\", \"));"
        ),
    ],
};

const WAIT_MODES: Pairing = Pairing {
    lesson: "wait-modes",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine(index):"..="value = random.random()")(
            "async fn task_coroutine(index: u32, value: f64, fails: bool) {"
        ),
        ("print(f'> task {index} executing')")("say!(\"> task {index} executing\");"),
        ("await asyncio.sleep(value)")("sleep(Duration::from_secs_f64(value)).await;"),
        ("print(f'> task {index} done after sleep {value} seconds')")(
            "say!(\"> task {index} done after sleep {} seconds\", value.py_str());"
        ),
        ("async def main():")("async fn main_(mut random: SplitMix64, return_when: ReturnWhen) {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]")(
            "let fails = return_when == ReturnWhen::FirstException;"..=".collect();"
        ),
        ("# wait for all tasks to complete"
            ..="# done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)")(
            "let (done, pending) = wait(tasks, return_when, None)"..=".await"
        ),
        ("print('main done')")("say!(\"main done\");"),
        (-"the Rust plays with `done` and `pending`, as the comment above invites")(
            "if return_when != ReturnWhen::AllCompleted {"..="say!(\"{}: {error}\", task.name());"
        ),
        ("asyncio.run(main())")(
            "let Mode(return_when) = stage.flag(\"return-when\");"
                ..=".run(main_(stage.random(), return_when))"
        ),
    ],
};

const WAIT_FOR: Pairing = Pairing {
    lesson: "wait-for",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine(index):")("async fn task_coroutine(index: u32) {"),
        ("print(f'> task {index} executing')")("say!(\"> task {index} executing\");"),
        ("value = 2")("let value = 2;"),
        ("await asyncio.sleep(value)")("sleep(Duration::from_secs(value)).await;"),
        ("print(f'> task {index} done after sleep {value} seconds')")(
            "say!(\"> task {index} done after sleep {value} seconds\");"
        ),
        ("async def main():")("async fn main_(timeout: u64) {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("# create a task"..="task = task_coroutine(1)")(
            "// create a task"..="let task = task_coroutine(1);"
        ),
        ("try:"..="await asyncio.wait_for(task, timeout=3)")(
            "match wait_for(task, Duration::from_secs(timeout)).await {"
        ),
        ("print('main done')")("Ok(_) => say!(\"main done\"),"),
        ("except asyncio.TimeoutError:"..="print('main gave up waiting , task cancelled')")(
            "Err(Elapsed) => say!(\"main gave up waiting , task cancelled\"),"
        ),
        ("asyncio.run(main())")("stage\n        .run(main_(stage.flag(\"timeout\")))"),
    ],
};

const SHIELD: Pairing = Pairing {
    lesson: "shield",
    also: &[],
    pairs: pairs![
        ("async def task_coroutine(index):")("async fn task_coroutine(index: u32) {"),
        ("print(f'> task {index} executing')")("say!(\"> task {index} executing\");"),
        ("value = 2")("let value = 2;"),
        ("await asyncio.sleep(value)")("sleep(Duration::from_secs(value)).await;"),
        ("print(f'> task {index} done after sleep {value} seconds')")(
            "say!(\"> task {index} done after sleep {value} seconds\");"
        ),
        ("# cancel the given task after a moment"..="async def cancel_task(task):")(
            "// cancel the given task after a moment"..="async fn cancel_task(task: TaskRef) {"
        ),
        ("# block for a moment"..="await asyncio.sleep(1)")(
            "// block for a moment"..="sleep(Duration::from_secs(1)).await;"
        ),
        ("# cancel the task"..="cancelled = task.cancel()")(
            "// cancel the task"..="let cancelled = task.cancel();"
        ),
        ("print(f'cancelled: {cancelled}')")("say!(\"cancelled: {}\", cancelled.py_str());"),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("# create a task"..="task = asyncio.create_task(coro)")(
            "// create a task"..="let task = spawn(task_coroutine(1));"
        ),
        ("shielded = asyncio.shield(task)")(
            "// Python's shield is a future"..="let shielded = shield(&task).into_task();"
        ),
        ("#  create a task to cancel"..="asyncio.create_task(cancel_task(shielded))")(
            "// create a task to cancel the first task"..="spawn(cancel_task(shielded.to_ref()));"
        ),
        ("try:"..="result = await shielded")(
            "let shielded_ref = shielded.to_ref();"..="match shielded.await {"
        ),
        ("print(f'> got: {result}')")("Ok(result) => say!(\"> got: {}\", result.py_str()),"),
        ("except asyncio.CancelledError:"..="print('shield was cancelled')")(
            "Err(TaskError::Cancelled) => say!(\"shield was cancelled\"),"
        ),
        ("await asyncio.sleep(0.5)")("sleep(Duration::from_millis(500)).await;"),
        ("print(f'shielded: {shielded}')")("say!(\"shielded: {shielded_ref}\");"),
        ("print(f'task: {task}')")("say!(\"task: {}\", task.to_ref());"),
        ("print('main done')")("say!(\"main done\");"),
        ("asyncio.run(main())")("stage.run(main_())"),
    ],
};
