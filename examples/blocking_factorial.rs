//! From `module-3`, "Dealing with blocking code": `factorial` is heavy computation
//! declared `async` by accident; while it runs, `tick` cannot. Then the two fixes
//! of the note's practice: yield inside the loop (`sleep(0)`), and move the work to
//! a thread (`run_in_executor` / `to_thread`).
//!
//! The loop reports the blocking step on standard error (a slow step). The times
//! printed are the loop's clock: real when run by hand, virtual in the tests,
//! where the computation takes no time at all.

use std::future::Future;
use std::time::Duration;

use coroasync::{PyRepr, now, say, sleep, to_thread, yield_now};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[Flag::new::<u32>(
    "num",
    "5000",
    "The number whose factorial is computed",
)];

async fn tick() {
    let start = now();
    say!("    tick started");
    sleep(Duration::from_secs(1)).await;
    say!(
        "    tick continued at {}",
        (now() - start).as_secs_f64().py_str()
    );
    sleep(Duration::from_secs(1)).await;
    say!(
        "    tick ended at {}",
        (now() - start).as_secs_f64().py_str()
    );
}

/// Multiplies the big number `limbs` (base 10⁹, least significant first) by
/// `by`, and returns its number of decimal digits: Python's big integers, by hand.
fn multiply(limbs: &mut Vec<u64>, by: u64) -> usize {
    let mut carry = 0;
    for limb in limbs.iter_mut() {
        let product = *limb * by + carry;
        *limb = product % 1_000_000_000;
        carry = product / 1_000_000_000;
    }
    while carry > 0 {
        limbs.push(carry % 1_000_000_000);
        carry /= 1_000_000_000;
    }
    let top = limbs.last().copied().unwrap_or(0);
    (limbs.len() - 1) * 9 + top.to_string().len()
}

/// The number of decimal digits of `num!`.
fn factorial_digits(num: u32) -> usize {
    let mut limbs = vec![1];
    (1..=u64::from(num)).fold(1, |_, i| multiply(&mut limbs, i))
}

fn report(num: u32, digits: usize, took: Duration) {
    say!("The factorial of {num} has {digits} digits");
    say!("The processing took {}", took.as_secs_f64().py_str());
}

async fn blocking_factorial(num: u32) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let digits = factorial_digits(num);
    report(num, digits, now() - start);
    digits
}

async fn yielding_factorial(num: u32) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let mut digits = 0;
    let mut limbs: Vec<u64> = vec![1];
    for i in 1..=u64::from(num) {
        digits = multiply(&mut limbs, i);
        // The fix: a checkpoint that lets the other tasks run.
        if i % 100 == 0 {
            yield_now().await;
        }
    }
    report(num, digits, now() - start);
    digits
}

async fn threaded_factorial(num: u32) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let digits = to_thread(move || factorial_digits(num))
        .await
        .expect("the computation does not panic");
    report(num, digits, now() - start);
    digits
}

/// Runs `factorial` beside `tick` on a fresh loop, as the note's
/// `gather(create_task(tick()), create_task(factorial(n)))`, and prints its value.
fn beside_tick(stage: &Stage, title: &str, factorial: impl Future<Output = usize> + 'static) {
    stage.say(format_args!("-- {title}"));
    // A lower threshold than the default 100 ms, so even this small factorial is
    // reported.
    let event_loop = stage
        .event_loop()
        .with_slow_step(Some(Duration::from_millis(5)));
    let digits = event_loop
        .run(async move { coroasync::gather!(tick(), factorial).await })
        .expect("main finishes")
        .expect("no task fails")
        .1;
    stage.say(format_args!("{digits}"));
}

/// The blocking version, then the two fixes, each beside `tick`.
pub fn lesson(stage: &Stage) {
    let num: u32 = stage.flag("num");
    beside_tick(stage, "blocking", blocking_factorial(num));
    beside_tick(
        stage,
        "with a checkpoint in the loop",
        yielding_factorial(num),
    );
    beside_tick(stage, "in a thread", threaded_factorial(num));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
