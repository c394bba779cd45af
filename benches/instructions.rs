//! Runs one contender's workload once, for `valgrind --tool=callgrind` to count
//! its instructions: `instructions WORKLOAD CONTENDER A B`, with WORKLOAD one of
//! `switch` (A tasks × B yields), `spawn` (A tasks) or `timers` (A sleeps of up
//! to B ms). `instructions list WORKLOAD` names the contenders.
//! `benches/callgrind.sh` runs it at two sizes per contender and takes the
//! difference, which cancels the start-up and leaves the cost of the extra work.

mod common;

fn workload(name: &str) -> Option<&'static [common::Contender]> {
    match name {
        "switch" => Some(common::SWITCH),
        "spawn" => Some(common::SPAWN),
        "timers" => Some(common::TIMERS),
        _ => None,
    }
}

/// What a run of `workload` at sizes `a`, `b` must return.
fn expected(workload: &str, a: usize, b: usize) -> usize {
    match workload {
        "switch" => a * (b + 1),
        "spawn" => a * a.saturating_sub(1) / 2,
        _ => a,
    }
}

fn usage() -> ! {
    eprintln!("usage: instructions (switch|spawn|timers) CONTENDER A B");
    eprintln!("       instructions list (switch|spawn|timers)");
    std::process::exit(2);
}

fn main() {
    // `cargo bench` appends `--bench`; anything starting with `-` is the harness's.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    match args.as_slice() {
        [list, name] if list == "list" => {
            let Some(contenders) = workload(name) else {
                usage()
            };
            for (contender, _) in contenders {
                println!("{contender}");
            }
        }
        [name, contender, a, b] => {
            let Some(contenders) = workload(name) else {
                usage()
            };
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                eprintln!("A and B are whole numbers");
                std::process::exit(2);
            };
            let Some(&(_, run)) = contenders.iter().find(|(n, _)| n == contender) else {
                eprintln!("no {name} contender called {contender:?}");
                std::process::exit(2);
            };
            let checksum = std::hint::black_box(run(a, b));
            assert_eq!(checksum, expected(name, a, b), "{contender} does the work");
        }
        [] => {}
        _ => usage(),
    }
}
