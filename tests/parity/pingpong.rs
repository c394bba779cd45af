//! The twin of `pingpong.py`.

use std::time::Duration;

use coroasync::{Event, gather, now, say, sleep, spawn, yield_now};

async fn player(name: &'static str, n: u32) {
    for i in 0..n {
        say!("{name} {i}");
        yield_now().await;
    }
}

async fn sleeper(name: &'static str, secs: u64) {
    say!("{name} sleeps {secs}");
    sleep(Duration::from_secs(secs)).await;
    say!("{name} woke at {:.1}", now().as_secs_f64());
}

pub async fn main() {
    say!("main start");
    let a = spawn(player("a", 3));
    let b = spawn(player("b", 2));
    let s1 = spawn(sleeper("s1", 2));
    let s2 = spawn(sleeper("s2", 1));
    say!("main created");
    yield_now().await;
    say!("main after one yield");
    a.await.unwrap();
    say!("main awaited a");
    let res = gather([b, s1, s2]).await.unwrap();
    say!(
        "gathered [{}]",
        res.iter().map(|_| "None").collect::<Vec<_>>().join(", ")
    );
    let ev = Event::new();
    let waiter = |i: u32| {
        let ev = ev.clone();
        async move {
            say!("waiter {i} waits");
            ev.wait().await;
            say!("waiter {i} woke");
        }
    };
    let ws: Vec<_> = (0..3).map(|i| spawn(waiter(i))).collect();
    let other = spawn(player("o", 3));
    yield_now().await;
    say!("setting");
    ev.set();
    say!("set done");
    gather(ws.into_iter().chain([other])).await.unwrap();
    say!("main end");
}
