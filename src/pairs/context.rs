//! The pairing of the toolbox's task-local values: Python's `contextvars`.

use super::{Pairing, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[CONTEXT_VARS];

const CONTEXT_VARS: Pairing = Pairing {
    lesson: "context-vars",
    also: &[],
    pairs: pairs![
        ("import asyncio")("use coroasync::{ContextVar, gather, say, sleep, spawn};"),
        ("import contextvars")(
            -"ContextVar is coroasync's: a task's context is the loop's to copy"
        ),
        ("request_id = contextvars.ContextVar('request_id', default='-')")(
            "static REQUEST_ID: ContextVar<&str> = ContextVar::with_default(\"request_id\", \"-\");"
        ),
        ("def log(message):")("fn log(message: &str) {"),
        ("print(f'[{request_id.get()}] {message}')")(
            "say!(\"[{}] {message}\", REQUEST_ID.get().unwrap_or_default());"
        ),
        ("async def query(table, delay):")("async fn query(table: &str, millis: u64) {"),
        ("log(f'querying {table}')")("log(&format!(\"querying {table}\"));"),
        ("await asyncio.sleep(delay)")("sleep(Duration::from_millis(millis)).await;"),
        ("log(f'{table} done')")("log(&format!(\"{table} done\"));"),
        ("async def handle(name, delay):")("async fn handle(name: &'static str, millis: u64) {"),
        ("log(f'handling {name}')")("log(&format!(\"handling {name}\"));"),
        ("request_id.set(name)")("REQUEST_ID.set(name);"),
        ("await asyncio.gather(query('users', delay), query('orders', delay + 0.2))")(
            "// Each query is spawned as a task, with a copy of this task's values."
                ..=".expect(\"the queries finish\");"
        ),
        ("log('response sent')")("log(\"response sent\");"),
        ("async def main():")("async fn main_() {"),
        ("log('server started')")("log(\"server started\");"),
        ("token = request_id.set('main')")("let token = REQUEST_ID.set(\"main\");"),
        ("first = asyncio.create_task(handle('req-1', 0.1))")(
            "let first = spawn(handle(\"req-1\", 100));"
        ),
        ("second = asyncio.create_task(handle('req-2', 0.2))")(
            "let second = spawn(handle(\"req-2\", 200));"
        ),
        ("request_id.set('main, later')")(
            "// The handlers were spawned with \"main\": this set is ours alone."
                ..="REQUEST_ID.set(\"main, later\");"
        ),
        ("await first")("first.await.expect(\"the first handler finishes\");"),
        ("await second")("second.await.expect(\"the second handler finishes\");"),
        ("log('the handlers set their own ids, not ours')")(
            "log(\"the handlers set their own ids, not ours\");"
        ),
        ("request_id.reset(token)")("REQUEST_ID"..=".expect(\"the token was made in this task\");"),
        ("log('after reset')")("log(\"after reset\");"),
        ("asyncio.run(main())")("stage.run(main_()).expect(\"main finishes\");"),
    ],
};
