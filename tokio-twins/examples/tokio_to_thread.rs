//! `to-thread` on tokio's multi-thread runtime: `cargo run -p corolab-tokio
//! --example tokio_to_thread`.

use std::time::Duration;

use corolab_tokio::{Output, to_thread};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    to_thread::main(
        Duration::from_secs(2),
        Duration::from_secs(1),
        Output::echoed(),
    )
    .await;
}
