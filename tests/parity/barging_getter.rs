//! The twin of `barging_getter.py`.

use coroasync::{Queue, say, spawn, yield_now};

pub async fn main() {
    let queue: Queue<u32> = Queue::new(0);

    let g = spawn({
        let queue = queue.clone();
        async move {
            say!("getter waits");
            let value = queue.get().await;
            say!("getter got {value}");
        }
    });
    yield_now().await;
    let b = spawn({
        let queue = queue.clone();
        async move {
            say!("barger runs");
            match queue.get_nowait() {
                Ok(value) => say!("barger took {value}"),
                Err(_) => say!("barger found nothing"),
            }
        }
    });
    queue.put_nowait(1).unwrap();
    say!("put 1");
    yield_now().await;
    say!("main again");
    queue.put_nowait(2).unwrap();
    say!("put 2");
    g.await.unwrap();
    b.await.unwrap();
    say!("qsize {}", queue.qsize());
}
