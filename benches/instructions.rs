//! Runs one W1 contender once, for `valgrind --tool=callgrind` to count its
//! instructions: `instructions CONTENDER TASKS YIELDS`. `benches/callgrind.sh`
//! runs it at two sizes per contender and takes the difference, which cancels the
//! start-up and leaves the cost of the extra switches.

mod common;

fn main() {
    // `cargo bench` appends `--bench`; anything starting with `-` is the harness's.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let [name, tasks, yields] = args.as_slice() else {
        eprintln!("usage: instructions CONTENDER TASKS YIELDS");
        eprintln!("contenders: {}", names());
        std::process::exit(if args.is_empty() { 0 } else { 2 });
    };
    let (Ok(tasks), Ok(yields)) = (tasks.parse::<usize>(), yields.parse::<usize>()) else {
        eprintln!("TASKS and YIELDS are whole numbers");
        std::process::exit(2);
    };
    // W4 too, for profiling the timer path: `instructions timers-coroasync N 0`.
    match name.as_str() {
        "timers-coroasync" => {
            let woke =
                common::w4_coroasync(common::coroasync_loop(), common::durations(tasks, 1_000));
            assert_eq!(woke, tasks);
            return;
        }
        "timers-tokio" => {
            assert_eq!(
                common::w4_tokio(true, common::durations(tasks, 1_000)),
                tasks
            );
            return;
        }
        _ => {}
    }
    // And W2: `instructions spawn-coroasync N 0`.
    if let Some(contender) = name.strip_prefix("spawn-") {
        let Some(&(_, run)) = common::SPAWN.iter().find(|(n, _)| *n == contender) else {
            eprintln!("no spawn contender called {contender:?}");
            std::process::exit(2);
        };
        assert_eq!(run(tasks), tasks * (tasks - 1) / 2);
        return;
    }
    let Some(&(_, run)) = common::SWITCH.iter().find(|(n, _)| n == name) else {
        eprintln!("no contender called {name:?}; contenders: {}", names());
        std::process::exit(2);
    };
    let switches = std::hint::black_box(run(tasks, yields));
    assert_eq!(switches, tasks * (yields + 1));
}

fn names() -> String {
    common::SWITCH
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}
