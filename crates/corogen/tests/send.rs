//! Sending values in, as Python's `generator.send` does.

use corogen::{Gen, Scheduler, SendRefusal, Step, Trace};
use std::convert::Infallible;

/// Seed 003's `handle_character_move`: each key sent in comes back as a move.
fn character_move() -> Gen<&'static str, Option<char>, impl Future<Output = Result<(), Infallible>>>
{
    Gen::new(|co| async move {
        let mut key_pressed = None;
        loop {
            let action = match key_pressed {
                Some('⟹') => "right",
                Some('⟸') => "left",
                Some('⇑') => "up",
                Some('⇓') => "down",
                _ => "stay",
            };
            key_pressed = co.yield_(action).await;
        }
    })
}

#[test]
fn sent_keys_come_back_as_moves() {
    let mut scheduler: Scheduler<(), Option<char>, &str> = Scheduler::new();
    let mover = scheduler.add(character_move());
    assert_eq!(
        scheduler.step(),
        Some(Step::Yielded {
            task: mover,
            value: "stay"
        })
    );

    let moves: Vec<&str> = "⟹⇑x⇓⟸"
        .chars()
        .map(|key| match scheduler.send(mover, Some(key)) {
            Ok(Step::Yielded { value, .. }) => value,
            other => panic!("the mover stopped: {other:?}"),
        })
        .collect();
    assert_eq!(moves, ["right", "up", "stay", "down", "left"]);
}

#[test]
fn a_task_not_yet_started_refuses_a_value() {
    let mut scheduler: Scheduler<(), Option<char>, &str> = Scheduler::new();
    let mover = scheduler.add(character_move());
    let refused = scheduler.send(mover, Some('⇑')).unwrap_err();
    assert_eq!(refused.reason, SendRefusal::NotStarted);
    assert_eq!(refused.value, Some('⇑'));
}

#[test]
fn a_send_runs_out_of_turn_and_keeps_the_queue_order() {
    let trace = Trace::capture();
    let mut scheduler: Scheduler<(), Option<char>, &str> = Scheduler::with_trace(trace.clone());
    let first = scheduler.add(character_move());
    let second = scheduler.add(character_move());
    scheduler.run_steps(2); // both started; `first` is at the front again
    assert!(scheduler.send(second, Some('⇓')).is_ok());
    let queue: Vec<_> = scheduler.runnable().map(|t| t.id()).collect();
    assert_eq!(queue, [first, second]);
    assert_eq!(
        trace.text(),
        "Running task 0\nRunning task 1\nRunning task 1\n"
    );
}
