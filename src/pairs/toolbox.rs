//! The pairings of the toolbox's third part: racing awaitables, and deadlines for
//! a block.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[RACE, CANCEL_SCOPE];

const RACE: Pairing = Pairing {
    lesson: "race",
    also: &[],
    pairs: pairs![
        ("import asyncio")("use coroasync::{First, Queue, on_cancel, race, say, sleep};"),
        ("async def fetch(name, delay):")(
            "async fn fetch(name: &'static str, delay: u64) -> &'static str {"
        ),
        ("print(f'{name}: started')")("say!(\"{name}: started\");"),
        ("try:")("let cancelled = on_cancel(move || say!(\"{name}: cancelled\"));"),
        ("await asyncio.sleep(delay)")("sleep(Duration::from_secs(delay)).await;"),
        ("except asyncio.CancelledError:"..="raise")(
            "// Runs if the future is dropped"..="say!(\"{name}: cancelled\"));"
        ),
        ("print(f'{name}: answered after {delay} s')")(
            "cancelled.disarm();"..="say!(\"{name}: answered after {delay} s\");"
        ),
        ("return name")("    name\n}"),
        ("async def first_of(mirrors):")(
            "async fn first_of(mirrors: &[(&'static str, u64)]) -> Option<&'static str> {"
        ),
        ("tasks = [asyncio.create_task(fetch(name, delay)) for name, delay in mirrors]")(
            "let fetches = mirrors.iter().map(|&(name, delay)| fetch(name, delay));"
        ),
        ("done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)")(
            "let (_index, winner) = race(fetches).await?;"
        ),
        ("for task in tasks:"..="await asyncio.wait(pending)")(
            "// The losers are dropped, in the order listed, as the race returns."
        ),
        ("winner = next(task for task in tasks if task in done)"..="return winner.result()")(
            "Some(winner)"
        ),
        ("async def main():")("async fn main_() {"),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("first = await first_of([('mirror-a', 3), ('mirror-b', 1), ('mirror-c', 2)])")(
            "let mirrors = [(\"mirror-a\", 3), (\"mirror-b\", 1), (\"mirror-c\", 2)];"
                ..="if let Some(first) = first_of(&mirrors).await {"
        ),
        ("print(f'first: {first}')")("say!(\"first: {first}\");"),
        ("queue = asyncio.Queue()")("let queue: Queue<&str> = Queue::new(0);"),
        ("get = asyncio.create_task(queue.get())"
            ..="done, pending = await asyncio.wait([get, timer], return_when=asyncio.FIRST_COMPLETED)")(
            "match race!(queue.get(), sleep(Duration::from_secs(1))).await {"
        ),
        ("for task in pending:"..="await asyncio.wait(pending)")(
            -"race! drops the loser as it returns: nothing is left pending"
        ),
        ("if get in done:"..="print(f'got {get.result()}')")(
            "First::A(item) => say!(\"got {item}\"),"
        ),
        ("else:"..="print('nothing came within a second')")(
            "First::B(()) => say!(\"nothing came within a second\"),"
        ),
        ("print('main done')")("say!(\"main done\");"),
        ("asyncio.run(main())")("stage.run(main_()).expect(\"main finishes\");"),
    ],
};

const CANCEL_SCOPE: Pairing = Pairing {
    lesson: "cancel-scope",
    also: &[],
    pairs: pairs![
        ("import asyncio")(
            "use coroasync::{CancelScope, Elapsed, PyRepr, fail_after, now, on_cancel, say, sleep};"
        ),
        ("async def step(index, value):")("async fn step(index: u32, value: u64) {"),
        ("print(f'> step {index} executing')")("say!(\"> step {index} executing\");"),
        ("try:")("let cancelled = on_cancel(move || say!(\"> step {index} cancelled\"));"),
        ("await asyncio.sleep(value)")("sleep(Duration::from_secs(value)).await;"),
        ("except asyncio.CancelledError:"..="raise")(
            "// Runs if the future is dropped"..="say!(\"> step {index} cancelled\"));"
        ),
        ("print(f'> step {index} done after sleep {value} seconds')")(
            "cancelled.disarm();"..="say!(\"> step {index} done after sleep {value} seconds\");"
        ),
        ("async def main():")("async fn main_() {"),
        ("loop = asyncio.get_running_loop()")(
            -"the deadline is read with coroasync::now(), the running loop's clock"
        ),
        ("print('main coroutine started')")("say!(\"main coroutine started\");"),
        ("try:"..="await step(index, 1)")(
            "let block = async {"..="match fail_after(Duration::from_millis(2500), block).await {"
        ),
        ("print('the block finished in time')")("Ok(()) => say!(\"the block finished in time\"),"),
        ("except TimeoutError:"..="print('the block ran out of time')")(
            "Err(Elapsed) => say!(\"the block ran out of time\"),"
        ),
        ("async with asyncio.timeout(None) as cm:")("let scope = CancelScope::new();"),
        ("cm.reschedule(loop.time() + 1.5)")(
            "scope.reschedule(Some(now() + Duration::from_millis(1500)));"
        ),
        ("print(f'deadline in {cm.when() - loop.time()} seconds')")(
            "let left = scope.deadline().unwrap_or_default() - now();"
                ..="say!(\"deadline in {} seconds\", left.as_secs_f64());"
        ),
        ("await step(4, 1)")("step(4, 1).await;\n    };\n    scope.run(block).await;"),
        ("print(f'expired: {cm.expired()}')")("say!(\"expired: {}\", scope.expired().py_str());"),
        ("try:"..="await step(5, 1)")(
            "let scope = CancelScope::after(Duration::from_millis(500));"
                ..="scope.run(step(5, 1)).await;"
        ),
        ("except TimeoutError:"..="pass")(
            -"a scope that runs out gives None: there is nothing to catch"
        ),
        ("print(f'expired: {cm.expired()}')")("say!(\"expired: {}\", scope.expired().py_str());"),
        ("print('main done')")("say!(\"main done\");"),
        ("asyncio.run(main())")("stage.run(main_()).expect(\"main finishes\");"),
    ],
};
