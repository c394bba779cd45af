//! Embedding corogen in a program's own main loop: a terminal toy where the host
//! draws one frame at a time, `send`s the player's key press to its routine, and
//! gives every routine one `step` per frame. The scheduler never takes control.
//!
//! `--frames` sets the length (20), `--seed` the simulated player; each frame lasts
//! 100 ms when run by hand.

use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;

use corogen::{Gen, Scheduler, Step, TaskId};
use corolab::{Flag, Kind, Stage, UserInput, movement};

/// This lesson runs on corogen.
pub const KIND: Kind = Kind::Generators;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<u32>("frames", "20", "How many frames to draw"),
    Flag::seed("7"),
];

const WIDTH: i32 = 24;

/// The player: moves by the keys sent in, and yields where it is.
fn player(start: i32) -> Gen<i32, Option<char>, impl Future<Output = Result<(), Infallible>>> {
    Gen::new(move |co| async move {
        let mut x = start;
        loop {
            let key = co.yield_(x).await;
            x = match movement(key) {
                "right" => (x + 1).min(WIDTH - 1),
                "left" => (x - 1).max(0),
                _ => x,
            };
        }
    })
}

/// A comet that bounces from wall to wall, one cell per step.
fn comet(start: i32) -> Gen<i32, Option<char>, impl Future<Output = Result<(), Infallible>>> {
    Gen::new(move |co| async move {
        let (mut x, mut dx) = (start, 1);
        loop {
            co.yield_(x).await;
            if !(0..WIDTH).contains(&(x + dx)) {
                dx = -dx;
            }
            x += dx;
        }
    })
}

fn draw(positions: &HashMap<TaskId, i32>, player: TaskId) -> String {
    let mut track = vec!['.'; WIDTH as usize];
    for (&task, &x) in positions {
        let cell = &mut track[x as usize];
        *cell = match (task == player, *cell) {
            (_, '@' | '*') => 'X',
            (true, _) => '@',
            (false, _) => '*',
        };
    }
    track.into_iter().collect()
}

/// The host's loop: read input, send it, step everyone, draw.
pub fn lesson(stage: &Stage) {
    let mut scheduler: Scheduler<(), Option<char>, i32> = Scheduler::new();
    let you = scheduler.add(player(WIDTH / 2));
    scheduler.add(comet(0));
    let mut positions = HashMap::new();
    // Each routine's first step puts it on the track.
    while let Some(Step::Yielded { task, value }) = scheduler.step() {
        positions.insert(task, value);
        if positions.len() == 2 {
            break;
        }
    }

    let mut keyboard = UserInput::new(stage.random());
    let mut hits = 0;
    for frame in 1..=stage.flag::<u32>("frames") {
        let key = keyboard.get_key();
        if key.is_some()
            && let Ok(Step::Yielded { task, value }) = scheduler.send(you, key)
        {
            positions.insert(task, value);
        }
        // One round: a step for each routine runnable as the frame begins. The
        // host reads where each stands, so it steps them itself; without that,
        // `scheduler.run_steps(routines)` is the round.
        let routines = scheduler.runnable().len();
        for _ in 0..routines {
            if let Some(Step::Yielded { task, value }) = scheduler.step() {
                positions.insert(task, value);
            }
        }
        let track = draw(&positions, you);
        hits += usize::from(track.contains('X'));
        let pressed = key.map_or_else(String::new, |k| format!("{k} {}", movement(key)));
        stage.say(format_args!("{frame:>3} |{track}| {pressed}"));
        stage.pause(Duration::from_millis(100));
    }
    stage.say(format_args!("hits: {hits}"));
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
