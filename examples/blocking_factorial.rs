//! From `module-3`, "Dealing with blocking code": `factorial` is heavy computation
//! declared `async` by accident; while it runs, `tick` cannot. Then the two fixes
//! of the note's practice: yield inside the loop (`sleep(0)`), and move the work to
//! a thread (`run_in_executor` / `to_thread`).
//!
//! The times printed are the loop's clock. Run by hand, it is real time: the
//! factorial of 5000 takes milliseconds, too little to hold `tick` up;
//! `-- --num 30000` takes over a second (in release), long enough to see it. On virtual time
//! (`--virtual`, and the tests) computing costs nothing, so the lesson charges
//! the clock for the work: `LIMB_COST` for every limb its multiplications go
//! through, and the blocking shows at any size.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{EventLoop, PyRepr, now, say, sleep, to_thread, yield_now};
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

/// What multiplying one limb costs on the virtual clock: a figure chosen, not
/// measured, so that the factorial of 5000 holds the loop about 2 s, long
/// enough to see, as the note's bigger factorial holds Python's.
const LIMB_COST: Duration = Duration::from_nanos(500);

/// Moves the loop's virtual clock on by what `limbs` limb multiplications cost.
/// On real time it does nothing: there the work has taken its time already.
#[derive(Clone)]
struct Charge(Rc<EventLoop>);

impl Charge {
    fn limbs(&self, limbs: usize) {
        let cost = LIMB_COST.saturating_mul(u32::try_from(limbs).unwrap_or(u32::MAX));
        // `Err(RealClock)` on real time, where nothing is to be done.
        let _ = self.0.advance(cost);
    }
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

/// The number of decimal digits of `num!`, and how many limbs were multiplied.
fn factorial_digits(num: u32) -> (usize, usize) {
    let mut limbs = vec![1];
    let mut work = 0;
    let digits = (1..=u64::from(num)).fold(1, |_, i| {
        work += limbs.len();
        multiply(&mut limbs, i)
    });
    (digits, work)
}

fn report(num: u32, digits: usize, took: Duration) {
    say!("The factorial of {num} has {digits} digits");
    say!("The processing took {}", took.as_secs_f64().py_str());
}

async fn blocking_factorial(num: u32, charge: Charge) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let (digits, work) = factorial_digits(num);
    charge.limbs(work);
    report(num, digits, now() - start);
    digits
}

async fn yielding_factorial(num: u32, charge: Charge) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let mut digits = 0;
    let mut limbs: Vec<u64> = vec![1];
    let mut work = 0;
    for i in 1..=u64::from(num) {
        work += limbs.len();
        digits = multiply(&mut limbs, i);
        // The fix: a checkpoint that lets the other tasks run.
        if i % 100 == 0 {
            charge.limbs(std::mem::take(&mut work));
            yield_now().await;
        }
    }
    charge.limbs(work);
    report(num, digits, now() - start);
    digits
}

/// The work goes to a worker thread, whose time is its own: the loop's clock
/// is not charged for it.
async fn threaded_factorial(num: u32, _: Charge) -> usize {
    let start = now();
    say!("Processing the factorial of {num}");
    let Ok((digits, _)) = to_thread(move || factorial_digits(num)).await else {
        say!("the computation failed");
        return 0;
    };
    report(num, digits, now() - start);
    digits
}

/// Runs `factorial` beside `tick` on a fresh loop, as the note's
/// `gather(create_task(tick()), create_task(factorial(n)))`, and prints its value.
fn beside_tick<F>(stage: &Stage, title: &str, factorial: impl FnOnce(Charge) -> F)
where
    F: Future<Output = usize> + 'static,
{
    stage.say(format_args!("-- {title}"));
    // No slow-step report on standard error: the lesson's output says it all.
    let event_loop = Rc::new(stage.event_loop().with_slow_step(None));
    let factorial = factorial(Charge(Rc::clone(&event_loop)));
    let main = async move { coroasync::gather!(tick(), factorial).await };
    match event_loop.run_until_complete(main) {
        Ok(Ok(((), digits))) => stage.say(format_args!("{digits}")),
        Ok(Err(error)) => stage.say(format_args!("{error}")),
        Err(error) => stage.say(format_args!("{error}")),
    }
}

/// The blocking version, then the two fixes, each beside `tick`.
pub fn lesson(stage: &Stage) {
    let num: u32 = stage.flag("num");
    beside_tick(stage, "blocking", |charge| blocking_factorial(num, charge));
    beside_tick(stage, "with a checkpoint in the loop", |charge| {
        yielding_factorial(num, charge)
    });
    beside_tick(stage, "in a thread", |charge| {
        threaded_factorial(num, charge)
    });
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
