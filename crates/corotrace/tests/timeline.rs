//! The timeline as a reader sees it: lanes named, long runs narrowed and folded,
//! what each step printed, and an SVG whose every text fits its place (read back
//! from the SVG's own text).

use std::time::Duration;

use corotrace::{Event, StepsError, TaskId, Timeline};

/// One `<text>` of the SVG: its class, where it starts, and what it says (a
/// hover `<title>` inside it apart).
#[derive(Debug)]
struct Text {
    class: String,
    x: f64,
    y: f64,
    shown: String,
    hover: Option<String>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn texts(svg: &str) -> Vec<Text> {
    svg.split("<text ")
        .skip(1)
        .map(|rest| {
            let (tag, body) = rest.split_once('>').expect("a whole tag");
            let tag = &format!(" {tag}");
            let body = &body[..body.find("</text>").expect("a closed text")];
            let (hover, shown) = match body.strip_prefix("<title>") {
                Some(titled) => {
                    let (hover, shown) = titled.split_once("</title>").expect("a closed title");
                    (Some(unescape(hover)), shown)
                }
                None => (None, body),
            };
            Text {
                class: attribute(tag, "class").unwrap_or_default(),
                x: attribute(tag, "x").unwrap().parse().unwrap(),
                y: attribute(tag, "y").unwrap().parse().unwrap(),
                shown: unescape(shown),
                hover,
            }
        })
        .collect()
}

fn size(svg: &str) -> (f64, f64) {
    let tag = &svg[..svg.find('>').unwrap()];
    let number = |name| attribute(tag, name).unwrap().parse().unwrap();
    (number("width"), number("height"))
}

/// Checks that no text runs past the picture's edge or into the next lane,
/// taking a monospace character as 0.6 of the font's size, and that a text is
/// whole or shortened by the rule: at most 28 characters, ending in `…`, whole
/// in its hover title.
fn assert_nothing_clipped(svg: &str) {
    let (width, height) = size(svg);
    let font: f64 = attribute(&svg[..svg.find('>').unwrap()], "font-size")
        .unwrap()
        .parse()
        .unwrap();
    let texts = texts(svg);
    let mut lanes: Vec<f64> = texts
        .iter()
        .filter(|t| t.class == "lane")
        .map(|t| t.x)
        .collect();
    lanes.push(width);
    for text in &texts {
        let end = text.x + 0.6 * font * text.shown.chars().count() as f64;
        assert!(
            end <= width && text.y <= height,
            "{text:?} leaves the picture"
        );
        if text.class == "lane" || text.class == "mark" {
            let next = lanes.iter().find(|&&x| x > text.x).unwrap();
            assert!(end < *next, "{text:?} runs into the next lane at {next}");
            let count = text.shown.chars().count();
            assert!(count <= 28, "{text:?} is longer than a lane shows");
            if text.shown.ends_with('…') {
                let whole = text
                    .hover
                    .as_deref()
                    .expect("a shortened text shows whole on hover");
                assert!(
                    whole.starts_with(text.shown.trim_end_matches('…')),
                    "{text:?}"
                );
            }
        }
    }
}

fn named(task: TaskId, name: &str) -> Event {
    Event::Named {
        task,
        name: name.into(),
    }
}

#[test]
fn lanes_are_labelled_with_task_names_where_the_trace_has_them() {
    let (a, b) = (TaskId::new(0), TaskId::new(1));
    let timeline = Timeline::new(&[
        Event::Added { task: a },
        named(a, "Task-1"),
        Event::Added { task: b },
        Event::Running { task: a },
        Event::Running { task: b },
    ]);
    assert_eq!(timeline.labels(), ["Task-1", "task 1"]);
    assert!(timeline.to_string().starts_with("step  Task-1  task 1\n"));
}

#[test]
fn the_svg_has_its_title_its_labels_and_a_size_that_fits_them() {
    let (a, b) = (TaskId::new(0), TaskId::new(1));
    let long = "a name much too long to be shown whole in a lane";
    let svg = Timeline::new(&[
        named(a, "main"),
        named(b, long),
        Event::Running { task: a },
        Event::Running { task: b },
        Event::Completed {
            task: b,
            value: "[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]".into(),
        },
    ])
    .titled("primes — a title")
    .to_svg();
    assert!(svg.contains("\n<title>primes — a title</title>\n"));
    let texts = texts(&svg);
    let title: Vec<&str> = texts
        .iter()
        .filter(|t| t.class == "title")
        .map(|t| t.shown.as_str())
        .collect();
    assert_eq!(title, ["primes — a title"]);
    let lanes: Vec<&Text> = texts.iter().filter(|t| t.class == "lane").collect();
    assert_eq!(lanes[0].shown, "main");
    assert_eq!(lanes[1].shown, "a name much too long to be…");
    assert_eq!(lanes[1].hover.as_deref(), Some(long));
    let value = texts.iter().find(|t| t.shown.starts_with('✓')).unwrap();
    assert_eq!(value.shown, "✓ [2, 3, 5, 7, 11, 13, 17…");
    let (width, height) = size(&svg);
    assert!(width >= 600.0 && height < 200.0, "{width}×{height}");
    assert_nothing_clipped(&svg);
}

#[test]
fn nothing_is_clipped_at_any_lane_count() {
    for lanes in [1, 2, 5, 12, 40] {
        let tasks: Vec<TaskId> = (0..lanes).map(TaskId::new).collect();
        let mut events: Vec<Event> = tasks.iter().map(|&task| Event::Running { task }).collect();
        for &task in &tasks {
            events.push(Event::Running { task });
            events.push(Event::Failed {
                task,
                message: format!("task {task} panicked: a message long enough to be cut"),
            });
        }
        let svg = Timeline::new(&events).titled("many").to_svg();
        assert_eq!(
            texts(&svg).iter().filter(|t| t.class == "lane").count(),
            lanes as usize
        );
        assert_nothing_clipped(&svg);
    }
}

#[test]
fn only_steps_keeps_the_steps_asked_for_with_their_numbers_and_times() {
    let task = TaskId::new(0);
    let mut events = Vec::new();
    for second in 1..=10 {
        events.push(Event::Running { task });
        events.push(Event::ClockMoved {
            now: Duration::from_secs(second),
        });
    }
    let timeline = Timeline::new(&events);
    let narrowed = timeline.only_steps(4..=5).unwrap();
    assert_eq!(narrowed.steps(), 2);
    assert_eq!(
        narrowed.to_string(),
        "step  task 0\n      t = 3.000 s\n   4  ●\n      t = 4.000 s\n   5  ●\n\
         ● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping\n"
    );
    assert_eq!(timeline.only_steps(9..=usize::MAX).unwrap().steps(), 2);
}

#[test]
fn a_bad_range_of_steps_is_refused_with_a_reason() {
    let task = TaskId::new(0);
    let timeline = Timeline::new(&vec![Event::Running { task }; 5]);
    let past = timeline.only_steps(6..=9).unwrap_err();
    assert!(matches!(past, StepsError::PastTheEnd { steps: 5, .. }));
    assert_eq!(
        past.to_string(),
        "steps 6..9 start past the end: the run has 5 steps"
    );
    assert_eq!(
        timeline.only_steps(7..=usize::MAX).unwrap_err().to_string(),
        "steps 7.. start past the end: the run has 5 steps"
    );
    assert!(matches!(
        timeline.only_steps(0..=3),
        Err(StepsError::Empty { .. })
    ));
}

/// Two tasks taking turns, one printing on its 50th step, the other sleeping
/// through it all.
fn long_round_robin() -> Vec<Event> {
    let (a, b, sleeper) = (TaskId::new(0), TaskId::new(1), TaskId::new(2));
    let mut events = vec![
        Event::Running { task: sleeper },
        Event::Sleeping {
            task: sleeper,
            until: Duration::from_secs(60),
        },
    ];
    for turn in 0..100 {
        let task = if turn % 2 == 0 { a } else { b };
        events.push(Event::Running { task });
        if turn == 50 {
            events.push(Event::Printed {
                task: Some(task),
                line: "Found: 7".into(),
            });
        }
    }
    events
}

#[test]
fn steady_stretches_fold_but_a_step_that_prints_stays() {
    let timeline = Timeline::new(&long_round_robin());
    let folded = timeline.folded();
    assert_eq!(folded.steps(), timeline.steps());
    let text = folded.clone().with_output().to_string();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows,
        [
            "step  task 2  task 0  task 1  printed",
            "   1  ●",
            "   2  z       ●",
            "   3  z       ┆       ●",
            "   4  z       ●       ┆",
            "      ⋮ 47 steps (5–51)",
            "  52  z       ●       ┆       Found: 7",
            "      ⋮ 49 steps (53–101)",
            "● ran a step  ✓ completed  ✗ failed  ⊘ cancelled  ┆ waiting  z sleeping",
        ]
    );
    let svg = folded.to_svg();
    let folds: Vec<String> = texts(&svg)
        .into_iter()
        .filter(|t| t.class == "fold")
        .map(|t| t.shown)
        .collect();
    assert_eq!(folds, ["⋮ 47 steps (5–51)", "⋮ 49 steps (53–101)"]);
    assert_nothing_clipped(&svg);
}

#[test]
fn a_fold_says_how_far_the_clock_moved_in_it() {
    let task = TaskId::new(0);
    let mut events = Vec::new();
    for second in 1..=10 {
        events.push(Event::Running { task });
        events.push(Event::ClockMoved {
            now: Duration::from_secs(second),
        });
    }
    events.push(Event::Running { task });
    events.push(Event::Completed {
        task,
        value: "None".into(),
    });
    let text = Timeline::new(&events).folded().to_string();
    assert!(
        text.contains("   1  ●\n      t = 1.000 s\n      ⋮ 9 steps (2–10), t = 2.000 → 9.000 s\n      t = 10.000 s\n  11  ✓ None\n"),
        "{text}"
    );
}

#[test]
fn what_a_step_printed_is_its_marks_hover_title() {
    let task = TaskId::new(0);
    let svg = Timeline::new(&[
        Event::Running { task },
        Event::Printed {
            task: Some(task),
            line: "a < b & c".into(),
        },
        Event::Printed {
            task: Some(task),
            line: "done".into(),
        },
    ])
    .to_svg();
    let mark = texts(&svg).into_iter().find(|t| t.class == "mark").unwrap();
    assert_eq!(mark.shown, "●");
    assert_eq!(mark.hover.as_deref(), Some("printed:\na < b & c\ndone"));
}
