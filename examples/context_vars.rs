//! Task-local values: Python's `contextvars`. A request id that every line a
//! handler logs carries, without passing it down: each task starts with a copy
//! of its spawner's values, so the handler's queries see its id, and a `set` in
//! one task reaches no other.

use std::time::Duration;

use coroasync::{ContextVar, gather, say, sleep, spawn};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

static REQUEST_ID: ContextVar<&str> = ContextVar::with_default("request_id", "-");

fn log(message: &str) {
    say!("[{}] {message}", REQUEST_ID.get().unwrap_or_default());
}

async fn query(table: &str, millis: u64) {
    log(&format!("querying {table}"));
    sleep(Duration::from_millis(millis)).await;
    log(&format!("{table} done"));
}

async fn handle(name: &'static str, millis: u64) {
    log(&format!("handling {name}"));
    REQUEST_ID.set(name);
    // Each query is spawned as a task, with a copy of this task's values.
    gather([query("users", millis), query("orders", millis + 200)])
        .await
        .expect("the queries finish");
    log("response sent");
}

async fn main_() {
    log("server started");
    let token = REQUEST_ID.set("main");
    let first = spawn(handle("req-1", 100));
    let second = spawn(handle("req-2", 200));
    // The handlers were spawned with "main": this set is ours alone.
    REQUEST_ID.set("main, later");
    first.await.expect("the first handler finishes");
    second.await.expect("the second handler finishes");
    log("the handlers set their own ids, not ours");
    REQUEST_ID
        .reset(token)
        .expect("the token was made in this task");
    log("after reset");
}

/// `asyncio.run(main())`.
pub fn lesson(stage: &Stage) {
    stage.run(main_()).expect("main finishes");
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
