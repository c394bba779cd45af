//! `corolab step`: the replayed queue against the trace's order of runs, and the
//! viewer's screens.

use corolab::{Flags, Kind, LESSONS};
use corotrace::Event;
use corotrace::replay::{Queueing, Replay};

/// Over every lesson that runs a scheduler, at every step, the head of the
/// replayed queue is the task the trace runs next.
#[test]
fn every_steps_queue_head_is_the_task_that_runs_next() {
    corolab::quiet_panics();
    let mut checked = 0;
    for lesson in LESSONS {
        let events = lesson.run_captured(Flags::default()).trace().events();
        // coroasync's trace records every wake-up, a yield's too (it once did
        // not, and the queue rebuilt from it lost track of three lessons).
        let queueing = match lesson.kind {
            Kind::Generators => Queueing::RoundRobin,
            Kind::Futures => Queueing::ReadyQueue,
        };
        let mut replay = Replay::new(queueing);
        for event in &events {
            if let Event::Running { task } = event {
                let queue: Vec<_> = replay.queue().collect();
                assert_eq!(
                    queue.first(),
                    Some(task),
                    "{}: step {} runs task {task}, but the queue is {queue:?}",
                    lesson.name,
                    replay.steps() + 1,
                );
                checked += 1;
            }
            replay.apply(event);
        }
    }
    // The lessons run thousands of steps between them (asyncio-primes alone
    // runs over 4,000).
    assert!(checked > 4_000, "only {checked} steps checked");
}

// The viewer is the binary's module; it is compiled here too, so its screens
// are tested as a person sees them, key by key.
#[allow(dead_code)] // the terminal loop is the binary's
#[path = "../src/step/mod.rs"]
mod step;

use std::process::{Command, Output};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use step::{Recording, Viewer, keys::Action};

fn recording(name: &str) -> Recording {
    corolab::quiet_panics();
    Recording::of(corolab::find_lesson(name).expect("the lesson exists"))
}

/// Presses `keys` in turn, as the terminal would deliver them.
fn press(viewer: &mut Viewer, recording: &Recording, keys: &[KeyCode]) {
    for &code in keys {
        let action = viewer.key(KeyEvent::new(code, KeyModifiers::NONE), recording);
        assert_eq!(action, Action::Continue, "{code:?} quit the viewer");
    }
}

/// Walks a lesson as a reader would, snapshotting each screen at two sizes:
/// forward, back (the recorded state, the same screen as before), to the next
/// output, to the end, and the help.
fn walk(name: &str) {
    let recording = recording(name);
    for (width, height) in [(80, 24), (120, 40)] {
        let snap = |label: &str, viewer: &Viewer| {
            let screen = step::screen(&recording, viewer, width, height);
            assert_eq!(screen.lines().count(), usize::from(height));
            insta::assert_snapshot!(format!("{name}__{width}x{height}__{label}"), screen);
            screen
        };
        let mut viewer = Viewer::new(&recording);
        snap("0_start", &viewer);
        press(&mut viewer, &recording, &[KeyCode::Right, KeyCode::Right]);
        let forward = snap("1_step_2", &viewer);
        press(&mut viewer, &recording, &[KeyCode::Right, KeyCode::Left]);
        assert_eq!(viewer.step, 2);
        let back = step::screen(&recording, &viewer, width, height);
        assert_eq!(back, forward, "going back shows the recorded screen");
        press(&mut viewer, &recording, &[KeyCode::Char('o')]);
        snap("2_next_output", &viewer);
        press(&mut viewer, &recording, &[KeyCode::End]);
        assert_eq!(viewer.step, recording.steps());
        snap("3_end", &viewer);
        press(&mut viewer, &recording, &[KeyCode::Char('?')]);
        snap("4_help", &viewer);
    }
}

#[test]
fn a_generator_lesson_step_by_step() {
    walk("scheduler-two-tasks");
}

#[test]
fn an_asyncio_lesson_step_by_step() {
    walk("gather-children");
}

#[test]
fn keys_move_within_the_run_and_play_stops_at_its_end() {
    let recording = recording("scheduler-two-tasks");
    let mut viewer = Viewer::new(&recording);
    press(&mut viewer, &recording, &[KeyCode::Left, KeyCode::Home]);
    assert_eq!(viewer.step, 0);
    press(&mut viewer, &recording, &[KeyCode::Char('o')]);
    let first_output = viewer.step;
    assert!(!recording.printed_in(first_output).is_empty());
    assert!((1..first_output).all(|step| recording.printed_in(step).is_empty()));

    press(
        &mut viewer,
        &recording,
        &[KeyCode::Char('G'), KeyCode::Right],
    );
    assert_eq!(viewer.step, recording.steps());
    press(
        &mut viewer,
        &recording,
        &[KeyCode::Char('g'), KeyCode::Char(' ')],
    );
    assert!(viewer.playing);
    let mut ticks = 0;
    while viewer.playing {
        viewer.tick();
        ticks += 1;
    }
    assert_eq!((ticks, viewer.step), (recording.steps(), recording.steps()));

    for quit in [KeyCode::Char('q'), KeyCode::Esc] {
        assert_eq!(
            viewer.key(KeyEvent::new(quit, KeyModifiers::NONE), &recording),
            Action::Quit
        );
    }
    let control_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(viewer.key(control_c, &recording), Action::Quit);
}

fn corolab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolab"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn step_without_a_terminal_says_so_and_exits_2() {
    // `output()` gives the child a pipe for standard output, not a terminal.
    let output = corolab(&["step", "scheduler-two-tasks"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("standard output is not one"), "{error}");
    assert!(error.contains("--print"), "{error}");
    assert!(output.stdout.is_empty());
}

#[test]
fn step_print_writes_the_screens_asked_for() {
    let output = corolab(&["step", "scheduler-two-tasks", "--print", "1..2"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let steps = recording("scheduler-two-tasks").steps();
    let status: Vec<&str> = text.lines().filter(|l| l.starts_with(" step ")).collect();
    assert_eq!(status.len(), 2, "{text}");
    assert!(status[0].starts_with(&format!(" step 1/{steps} · ran task 0")));
    assert!(status[1].starts_with(&format!(" step 2/{steps} · ran task 1")));
    // Two screens of 24 rows and the blank line between them.
    assert_eq!(text.lines().count(), 24 * 2 + 1);
    assert!(text.lines().all(|line| line.chars().count() <= 80));

    let wide = corolab(&[
        "step",
        "gather-children",
        "--print",
        "3",
        "--width",
        "120",
        "--height",
        "40",
    ]);
    assert!(wide.status.success());
    let text = String::from_utf8_lossy(&wide.stdout);
    assert_eq!(text.lines().count(), 40);
    assert!(text.lines().any(|line| line.chars().count() > 100));
}

#[test]
fn step_refuses_what_it_cannot_show() {
    let past = corolab(&["step", "scheduler-two-tasks", "--print", "999.."]);
    assert_eq!(past.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&past.stderr).contains("past the end"));

    let no_scheduler = corolab(&["step", "fib", "--print", "1"]);
    assert_eq!(no_scheduler.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&no_scheduler.stderr).contains("runs no scheduler"));

    let unknown = corolab(&["step", "no-such-lesson", "--print", "1"]);
    assert_eq!(unknown.status.code(), Some(2));

    let width_alone = corolab(&["step", "fib", "--width", "100"]);
    assert_eq!(width_alone.status.code(), Some(2));
}

/// The screens the course pages show are the viewer's own: a change to the
/// screen shows here until the pages are brought up to date.
#[test]
fn the_pages_show_the_screens_the_viewer_draws() {
    for (name, step) in [("scheduler-two-tasks", 3), ("gather-children", 3)] {
        let lesson = corolab::find_lesson(name).expect("the lesson exists");
        let marker = format!(
            "<!-- What `corolab step {name} --print {step}` shows; a test keeps them equal. -->\n```text\n"
        );
        let at = lesson
            .page
            .find(&marker)
            .unwrap_or_else(|| panic!("{name}'s page shows no screen"))
            + marker.len();
        let shown = &lesson.page[at..at + lesson.page[at..].find("```").expect("the block ends")];
        let recording = recording(name);
        let mut viewer = Viewer::new(&recording);
        viewer.step = step;
        assert_eq!(
            shown,
            step::screen(&recording, &viewer, 80, 24),
            "{name}'s page"
        );
    }
}

/// Every lesson that runs a scheduler can be stepped through: its first, middle
/// and last screens draw at the smallest size `--print` takes and at 80×24,
/// and each names its step in the status line.
#[test]
fn every_lesson_with_a_scheduler_draws_at_every_size() {
    corolab::quiet_panics();
    let mut stepped = 0;
    for lesson in LESSONS {
        let recording = Recording::of(lesson);
        if recording.steps() == 0 {
            continue;
        }
        stepped += 1;
        let mut viewer = Viewer::new(&recording);
        for step in [0, recording.steps() / 2, recording.steps()] {
            viewer.step = step;
            for (width, height) in [(40, 12), (80, 24)] {
                let screen = step::screen(&recording, &viewer, width, height);
                let status = screen.lines().last().unwrap_or_default();
                assert!(
                    status.starts_with(&format!(" step {step}/{}", recording.steps())),
                    "{}: {status:?}",
                    lesson.name
                );
            }
        }
    }
    assert!(stepped >= 30, "only {stepped} lessons run a scheduler");
}

/// A pane with more timers than rows says how many it leaves out.
#[test]
fn a_full_timers_pane_says_how_many_more() {
    let recording = recording("monitor-consumers");
    let step = (0..=recording.steps())
        .find(|&at| recording.frames[at].timers.len() >= 3)
        .expect("monitor-consumers sets three timers at once");
    let mut viewer = Viewer::new(&recording);
    viewer.step = step;
    let hidden = recording.frames[step].timers.len() - 1;
    let screen = step::screen(&recording, &viewer, 80, 24);
    assert!(screen.contains(&format!("… {hidden} more")), "{screen}");
}
