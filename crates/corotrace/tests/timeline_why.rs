//! The timeline says why: each step's hover title names what woke its task and
//! what the task then waited on, a wake by another task's step is an arrow from
//! that step, and the text can show the same in a column.

use std::time::Duration;

use corotrace::{Cause, Event, TaskId, Timeline};

/// Producer (task 0) and consumer (task 1): the consumer waits on a queue, the
/// producer sleeps, puts (waking the consumer), and the consumer's end wakes
/// the producer, which awaits it.
fn events() -> Vec<Event> {
    let (producer, consumer) = (TaskId::new(0), TaskId::new(1));
    vec![
        Event::Added { task: producer },
        Event::Named {
            task: producer,
            name: "Task-1".into(),
        },
        Event::Added { task: consumer },
        Event::Named {
            task: consumer,
            name: "Task-2".into(),
        },
        Event::Running { task: consumer },
        Event::Waiting {
            task: consumer,
            on: "Queue 'orders'.get".into(),
        },
        Event::Running { task: producer },
        Event::Sleeping {
            task: producer,
            until: Duration::from_secs(1),
        },
        Event::Waiting {
            task: producer,
            on: "a timer".into(),
        },
        Event::ClockMoved {
            now: Duration::from_secs(1),
        },
        Event::Woken { task: producer },
        Event::WokenBy {
            task: producer,
            by: Cause::Timer,
        },
        Event::Running { task: producer },
        Event::Woken { task: consumer },
        Event::WokenBy {
            task: consumer,
            by: Cause::Task(producer),
        },
        Event::Waiting {
            task: producer,
            on: "task 1".into(),
        },
        Event::Running { task: consumer },
        Event::Completed {
            task: consumer,
            value: "7".into(),
        },
        Event::Woken { task: producer },
        Event::WokenBy {
            task: producer,
            by: Cause::End(consumer),
        },
        Event::Running { task: producer },
        Event::Completed {
            task: producer,
            value: "None".into(),
        },
    ]
}

/// The hover titles of the SVG's marks, in order.
fn titles(svg: &str) -> Vec<String> {
    svg.split("<text class=\"mark\"")
        .skip(1)
        .filter_map(|mark| {
            let mark = &mark[..mark.find("</text>")?];
            let start = mark.find("<title>")? + "<title>".len();
            let end = mark.find("</title>")?;
            Some(
                mark[start..end]
                    .replace("&#39;", "'")
                    .replace("&apos;", "'"),
            )
        })
        .collect()
}

/// The wake arrows' ends, as `(x1, y1, x2, y2)`.
fn arrows(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    let Some(start) = svg.find("<g class=\"wakes\"") else {
        return Vec::new();
    };
    let group = &svg[start..start + svg[start..].find("</g>").expect("a closed group")];
    group
        .split("<path d=\"M")
        .skip(1)
        .map(|path| {
            let d = &path[..path.find('"').expect("a closed path")];
            let numbers: Vec<f64> = d
                .split(['L', ' '])
                .map(|n| n.parse().expect("a number"))
                .collect();
            (numbers[0], numbers[1], numbers[2], numbers[3])
        })
        .collect()
}

#[test]
fn each_step_s_title_says_what_woke_it_and_what_it_then_waited_on() {
    let svg = Timeline::new(&events()).to_svg();
    assert_eq!(
        titles(&svg),
        [
            "then waits on Queue 'orders'.get",
            "then waits on a timer",
            "woken by a timer\nthen waits on Task-2",
            "woken by Task-1",
            "woken by Task-2's end",
        ]
    );
}

#[test]
fn a_wake_by_a_task_is_an_arrow_from_its_step_and_a_timer_s_is_none() {
    let svg = Timeline::new(&events()).to_svg();
    let arrows = arrows(&svg);
    // The put (step 3, lane 0) wakes step 4 (lane 1); the consumer's end (step 4)
    // wakes step 5 (lane 0). The timer's wake of step 3 draws nothing.
    assert_eq!(arrows.len(), 2, "{svg}");
    let (x1, y1, x2, y2) = arrows[0];
    assert!(
        x1 < x2 && y1 < y2,
        "left lane down to the right: {:?}",
        arrows[0]
    );
    let (x1, y1, x2, y2) = arrows[1];
    assert!(
        x1 > x2 && y1 < y2,
        "right lane down to the left: {:?}",
        arrows[1]
    );
    assert!(svg.contains("marker-end=\"url(#wake)\""));
}

#[test]
fn a_step_folded_or_left_out_draws_no_arrow() {
    let svg = Timeline::new(&events()).only_steps(4..=5).unwrap().to_svg();
    assert_eq!(arrows(&svg).len(), 1, "only the end's wake, steps 4 to 5");
    let svg = Timeline::new(&events()).only_steps(5..=5).unwrap().to_svg();
    assert!(arrows(&svg).is_empty());
    assert!(!svg.contains("<defs>"), "no marker without an arrow");
}

#[test]
fn the_text_shows_why_in_a_column_only_when_asked() {
    let timeline = Timeline::new(&events());
    assert!(!timeline.to_string().contains("why"));
    assert_eq!(
        timeline.with_why().to_string(),
        "\
step  Task-1  Task-2  why
   1  ┆       ●       → Queue 'orders'.get
   2  ●       ┆       → a timer
      t = 1.000 s
   3  ●       ┆       ← a timer  → Task-2
   4  ┆       ✓ 7     ← Task-1
   5  ✓ None          ← Task-2's end
● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping
"
    );
}

#[test]
fn a_wait_on_several_tasks_names_each_by_its_lane() {
    let task = TaskId::new;
    let mut events = Vec::new();
    for (n, name) in ["main", "a", "b", "c"].into_iter().enumerate() {
        events.push(Event::Added {
            task: task(n as u64),
        });
        events.push(Event::Named {
            task: task(n as u64),
            name: name.into(),
        });
    }
    events.push(Event::Running { task: task(0) });
    events.push(Event::Waiting {
        task: task(0),
        on: "tasks 1, 2 and 3".into(),
    });
    events.push(Event::Running { task: task(1) });
    events.push(Event::Waiting {
        task: task(1),
        on: "tasks 2 and 9".into(),
    });
    let text = Timeline::new(&events).with_why().to_string();
    assert!(text.contains("→ a, b and c"), "{text}");
    // A number with no lane is left as the loop wrote it.
    assert!(text.contains("→ tasks 2 and 9"), "{text}");
}
