//! The twin of `manager.py`.

use std::time::Duration;

use coroasync::{say, sleep, spawn};

async fn counter_coro(n: u32) {
    for i in 0..n {
        say!("{i}");
        sleep(Duration::from_secs_f64(0.125)).await;
    }
}

async fn real_coro() -> u32 {
    sleep(Duration::from_secs_f64(1.0625)).await;
    say!("Something happened");
    24
}

pub async fn main() {
    let result = async {
        let counter = spawn(counter_coro(100));
        let result = real_coro().await;
        counter.cancel();
        result
    }
    .await;
    say!("answer: {result}");
}
