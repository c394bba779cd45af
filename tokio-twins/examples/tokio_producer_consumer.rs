//! `producer-consumer` on tokio's multi-thread runtime: `cargo run -p corolab-tokio
//! --example tokio_producer_consumer`. Run it a few times: the lines interleave
//! differently, which asyncio's single thread never does.

use std::time::Duration;

use corolab_tokio::{Output, producer_consumer};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // The lesson draws each item's work at random in [0, 1) s; here a fixed
    // cycle, so the program needs no random source.
    let mut works = [0.3, 0.7, 0.5].into_iter().cycle();
    let work = move || Duration::from_secs_f64(works.next().unwrap_or(0.5));
    producer_consumer::main(work, Output::echoed()).await;
}
