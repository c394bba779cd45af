//! `ContextVar`: Python's `contextvars` as asyncio uses them. A task starts with
//! a copy of its spawner's values at the spawn; a later `set` on either side
//! reaches neither the other; `reset` puts back the old value, and refuses a
//! token of another task or variable; outside any task the thread has a context
//! of its own; what a cancelled task set dies with it; and spawns hold no
//! memory for it.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{
    ContextVar, Event, EventLoop, ResetError, gather, on_cancel, sleep, spawn, yield_now,
};

const SEC: Duration = Duration::from_secs(1);

fn run<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    EventLoop::with_virtual_clock()
        .run_until_complete(main)
        .expect("main finishes")
}

static NAME: ContextVar<&str> = ContextVar::with_default("name", "none");

#[test]
fn a_child_sees_the_parents_value_at_the_spawn_and_later_sets_stay_apart() {
    let (child, parent) = run(async {
        NAME.set("parent");
        let go = Event::new();
        let child = spawn({
            let go = go.clone();
            async move {
                let at_start = NAME.get();
                go.wait().await;
                let after_parent_set = NAME.get();
                NAME.set("child");
                (at_start, after_parent_set, NAME.get())
            }
        });
        yield_now().await; // the child has started
        NAME.set("parent, later");
        go.set();
        let child = child.await.unwrap();
        (child, NAME.get())
    });
    assert_eq!(
        child,
        (Some("parent"), Some("parent"), Some("child")),
        "the parent's later set does not reach the child"
    );
    assert_eq!(
        parent,
        Some("parent, later"),
        "the child's set does not reach the parent"
    );
}

#[test]
fn a_value_set_before_the_spawn_reaches_grandchildren_and_gathered_futures() {
    let seen = run(async {
        NAME.set("root");
        let grandchild = spawn(async { spawn(async { NAME.get() }).await.unwrap() });
        let gathered = gather((0..2).map(|_| async { NAME.get() })).await;
        (grandchild.await.unwrap(), gathered.unwrap())
    });
    assert_eq!(seen, (Some("root"), vec![Some("root"), Some("root")]));
}

#[test]
fn without_a_value_get_gives_the_default_or_none() {
    let plain: Rc<ContextVar<u32>> = Rc::new(ContextVar::new("plain"));
    let inside = run({
        let plain = plain.clone();
        async move { (plain.get(), NAME.get()) }
    });
    assert_eq!(inside, (None, Some("none")));
    assert_eq!(plain.name(), "plain");
    assert_eq!(format!("{plain:?}"), "<ContextVar name='plain'>");
}

#[test]
fn reset_puts_back_the_value_before_and_refuses_foreign_tokens() {
    let results = run(async {
        let level: ContextVar<u8> = ContextVar::new("level");
        let other: ContextVar<u8> = ContextVar::new("other");
        let first = level.set(1);
        let second = level.set(2);
        let old = second.old_value().copied();
        level.reset(second).unwrap();
        let after_one_reset = level.get();
        level.reset(first).unwrap();
        let after_both = level.get();

        let wrong_var = other.reset(level.set(3));
        let token = level.set(4);
        let level = Rc::new(level);
        let in_child = spawn({
            let level = level.clone();
            async move { level.reset(token) }
        })
        .await
        .unwrap();
        let unchanged = level.get();
        (
            old,
            after_one_reset,
            after_both,
            wrong_var,
            in_child,
            unchanged,
        )
    });
    assert_eq!(
        results,
        (
            Some(1),
            Some(1),
            None,
            Err(ResetError::OtherVar),
            Err(ResetError::OtherContext),
            Some(4)
        )
    );
    assert_eq!(
        ResetError::OtherContext.to_string(),
        "the token was created in a different Context"
    );
}

#[test]
fn outside_any_task_the_thread_has_a_context_the_main_task_copies() {
    let before = NAME.set("outside");
    let inside = run(async {
        let seen = NAME.get();
        NAME.set("main");
        seen
    });
    assert_eq!(inside, Some("outside"));
    assert_eq!(
        NAME.get(),
        Some("outside"),
        "the main task's set stays in it"
    );
    let token = NAME.set("again");
    assert_eq!(
        run(async move { NAME.reset(token) }),
        Err(ResetError::OtherContext),
        "a task cannot reset the thread's token"
    );
    NAME.reset(before).unwrap();
    assert_eq!(NAME.get(), Some("none"));
}

/// A value that counts its live copies.
struct Tracked(Rc<Cell<usize>>);

impl Clone for Tracked {
    fn clone(&self) -> Self {
        Self::new(&self.0)
    }
}

impl Tracked {
    fn new(live: &Rc<Cell<usize>>) -> Self {
        live.set(live.get() + 1);
        Self(live.clone())
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

#[test]
fn a_task_cancelled_with_a_value_set_reads_it_while_cleaning_up_and_lets_it_go() {
    let live = Rc::new(Cell::new(0));
    let (seen_on_cancel, live_after) = run({
        let live = live.clone();
        async move {
            let var: Rc<ContextVar<Tracked>> = Rc::new(ContextVar::new("tracked"));
            let seen = Rc::new(Cell::new(None));
            let task = spawn({
                let (var, seen, live) = (var.clone(), seen.clone(), live.clone());
                async move {
                    var.set(Tracked::new(&live));
                    let _guard = on_cancel({
                        let var = var.clone();
                        move || seen.set(Some(var.get().is_some()))
                    });
                    sleep(60 * SEC).await;
                }
            });
            sleep(SEC).await;
            assert_eq!(live.get(), 1, "the task holds its value");
            task.cancel();
            let _ = task.await;
            (seen.take(), live.get())
        }
    });
    assert_eq!(
        seen_on_cancel,
        Some(true),
        "its clean-up still sees its value"
    );
    assert_eq!(live_after, 0, "the value went with the task");
    assert_eq!(live.get(), 0);
}

fn held_after(rounds: usize) -> i64 {
    let lp = EventLoop::with_virtual_clock().with_slow_step(None);
    allocation_counter::measure(|| {
        lp.run_until_complete(async move {
            let var: Rc<ContextVar<usize>> = Rc::new(ContextVar::new("round"));
            var.set(0);
            for i in 0..rounds {
                let var2 = var.clone();
                spawn(async move {
                    let seen = var2.get();
                    var2.set(i);
                    yield_now().await;
                    seen
                })
                .await
                .unwrap();
                var.set(i);
            }
        })
        .unwrap()
    })
    .bytes_current
}

#[test]
fn ten_thousand_spawns_that_set_values_hold_flat_memory() {
    let (few, many) = (held_after(1_000), held_after(10_000));
    assert!(
        many - few <= 512,
        "{few} bytes held after 1,000 spawns, {many} after 10,000"
    );
}
