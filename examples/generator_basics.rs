//! From `friday-talk`: generators before asyncio. `gen` harvests lazily, one `next` at
//! a time; `coro` consumes what `send` passes in, until it runs out and stops.

use corogen::{Gen, GeneratorState, PyRepr};
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `gen(max=5)` and `coro(max=3)`.
pub fn lesson(stage: &Stage) {
    let gen_ = |max: u32| {
        let trace = stage.trace();
        Gen::new(move |co| async move {
            let mut a = 0;
            while a < max {
                trace.print(format_args!("Harvest!"));
                co.yield_(a).await;
                a += 1;
            }
        })
        .into_iter()
    };
    let mut l = gen_(5);
    // Python prints the generator object, not a value: nothing has run yet. The
    // Rust shows the type the compiler gave it (see `type_name`).
    stage.say(format_args!("{}", type_name(&l)));
    // Python evaluates both `next(l)` before printing either.
    let (a, b) = (l.next(), l.next());
    stage.say(format_args!("{} {}", a.py_str(), b.py_str()));
    stage.say(format_args!("{}", l.collect::<Vec<_>>().py_str()));

    let trace = stage.trace();
    let mut coro = Gen::new(move |co| async move {
        let mut a = 0;
        trace.print(format_args!("Start something"));
        while a < 3 {
            let t: String = co.yield_(()).await;
            trace.print(format_args!("Consumed! {t}"));
            a += 1;
        }
    });
    stage.say(format_args!("{}", type_name(&coro)));
    // `next(l)` runs to the first `yield`, which yields nothing: Python's None.
    if let GeneratorState::Yielded(()) = coro.resume_with(String::new()) {
        stage.say(format_args!("None"));
    }
    for value in ["1", "wow", "pow"] {
        if let GeneratorState::Complete(()) = coro.resume_with(value.to_owned()) {
            stage.say(format_args!("StopIteration"));
        }
    }
}

/// The compiler's name for the type of `value`: a generator's type names the
/// closure its body was written in. Inside the library the lesson's module sits
/// under `corolab::lessons`; that prefix is cut, so that the name is the same
/// however the lesson is built.
fn type_name<T>(value: &T) -> String {
    std::any::type_name_of_val(value).replace("corolab::lessons::", "")
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
