//! A tool, not a test: replays programs written out by `against_python.py` on
//! coroasync (checked against the model on the way) and prints their lines.

use super::{Op, Prim, reference, run_real};

/// Replays the programs in the file `MODEL_REPLAY` names (one per line, tasks
/// separated by `|`, ops by spaces: `Y`, `S2`, `N1` spawn, `J`, `TJ2`, `E0` set,
/// `W0`, `P0`, `G0`, `L0`, `U0`, `A`, `R`, `T:G0:2` timed, `C3` cancels task 3, `GA` gathers the last child), printing what
/// coroasync prints, for a check against Python twins of the same programs.
#[test]
#[ignore = "a tool: run with MODEL_REPLAY=file -- --ignored --nocapture"]
fn replay() {
    let Some(path) = std::env::var_os("MODEL_REPLAY") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("the replay file");
    for (n, line) in text.lines().enumerate() {
        let program: Vec<Vec<Op>> = line
            .split('|')
            .map(|ops| ops.split_whitespace().map(parse_op).collect())
            .collect();
        let real = run_real(&program);
        assert_eq!(real, reference::Model::new(&program).run(), "program {n}");
        println!("=== {n}");
        for said in &real.lines {
            println!("{said}");
        }
        println!("deadlocked {:?}", real.deadlocked);
    }
}

fn parse_op(op: &str) -> Op {
    let n = |s: &str| s[1..].parse::<u8>().expect("a number");
    match op {
        "Y" => Op::Yield,
        "J" => Op::Join,
        "A" => Op::Acquire,
        "R" => Op::Release,
        "GA" => Op::Gather,
        _ if op.starts_with("TJ") => Op::TimedJoin(op[2..].parse().expect("seconds")),
        _ if op.starts_with("T:") => {
            let parts: Vec<&str> = op.split(':').collect();
            let prim = match parts[1] {
                "A" => Prim::Acquire,
                p => match (&p[..1], n(p)) {
                    ("W", x) => Prim::Event(x),
                    ("G", x) => Prim::Get(x),
                    ("P", x) => Prim::Put(x),
                    ("L", x) => Prim::Lock(x),
                    _ => panic!("unknown prim {p}"),
                },
            };
            Op::Timed(prim, parts[2].parse().expect("seconds"))
        }
        _ => match (&op[..1], n(op)) {
            ("S", x) => Op::Sleep(x),
            ("N", x) => Op::Spawn(x),
            ("E", x) => Op::Set(x),
            ("W", x) => Op::Wait(x),
            ("P", x) => Op::Put(x),
            ("G", x) => Op::Get(x),
            ("L", x) => Op::Lock(x),
            ("U", x) => Op::Unlock(x),
            ("C", x) => Op::Cancel(x),
            _ => panic!("unknown op {op}"),
        },
    }
}
