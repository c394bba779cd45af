//! From `study-note`: calling `async_is_prime(2)` does not say whether 2 is prime.
//! It makes a generator, and runs none of its body: the answer comes only when the
//! generator is resumed to its end (by `next`, or by a scheduler).

use corogen::Gen;
use corogen::notebook::async_is_prime;
use corolab::{Flag, Kind, Stage};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// This lesson takes no flags but `--virtual`.
pub const FLAGS: &[Flag] = &[];

/// `async_is_prime(2)`, made and shown, not run.
pub fn lesson(stage: &Stage) {
    let clock = stage.clock();
    // corogen's `async_is_prime` is a `yield from` helper: a generator of its own
    // is a `Gen` around it, as Python's call makes one.
    let generator: Gen<(), (), _> =
        Gen::new(|co| async move { async_is_prime(&co, &clock, 2).await });
    // Python prints the generator object; a `Gen` has no repr, so the lesson
    // prints what Rust knows of it, its type. (Inside the library the lesson's
    // module sits under `corolab::lessons`; that prefix is cut, so the name is
    // the same however the lesson is built.)
    let name = std::any::type_name_of_val(&generator).replace("corolab::lessons::", "");
    stage.say(format_args!("{name}"));

    // Never resumed, its body never runs: dropped here, it has tried no divisor
    // and returned nothing. `generator.resume()` would complete with `true`.
    drop(generator);
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
