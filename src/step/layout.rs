//! The screen: the queue as a deque, the timers, the tasks, the output, the
//! lesson's Python and Rust, and a status line. Fits 80×24; from 100 columns
//! the sources take a column of their own.

use std::time::Duration;

use corotrace::replay::TaskStatus;
use ratatui::Frame as Screen;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::keys::{HELP, Viewer};
use super::recording::Recording;

/// From this width on, the sources stand beside the state, not below it.
const WIDE: u16 = 100;

/// Draws the viewer's screen.
pub fn draw(screen: &mut Screen<'_>, recording: &Recording, viewer: &Viewer) {
    let [body, status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(screen.area());
    let panes = Panes::new(body);
    let step = viewer.step;
    screen.render_widget(queue(recording, step, panes.queue.width), panes.queue);
    screen.render_widget(timers(recording, step, panes.timers.height), panes.timers);
    screen.render_widget(tasks(recording, step, panes.tasks.height), panes.tasks);
    screen.render_widget(output(recording, step, panes.output.height), panes.output);
    let python = recording.lesson.python();
    let python = if python.is_empty() {
        "(this lesson has no Python original)"
    } else {
        python
    };
    screen.render_widget(source("Python", python, viewer.scroll), panes.python);
    screen.render_widget(
        source("Rust", recording.lesson.rust, viewer.scroll),
        panes.rust,
    );
    screen.render_widget(status_line(recording, viewer), status);
    if viewer.help {
        help(screen);
    }
}

/// Where each pane goes.
struct Panes {
    queue: Rect,
    timers: Rect,
    tasks: Rect,
    output: Rect,
    python: Rect,
    rust: Rect,
}

impl Panes {
    fn new(area: Rect) -> Self {
        if area.width >= WIDE {
            let [state, sources] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
            let [queue, timers, tasks, output] = Layout::vertical([
                Constraint::Length(4),
                Constraint::Length(5),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ])
            .areas(state);
            let [python, rust] =
                Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(sources);
            return Self {
                queue,
                timers,
                tasks,
                output,
                python,
                rust,
            };
        }
        let [top, middle, bottom] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Fill(9),
            Constraint::Fill(10),
        ])
        .areas(area);
        let [queue, timers] =
            Layout::horizontal([Constraint::Fill(2), Constraint::Fill(1)]).areas(top);
        let [tasks, output] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(middle);
        let [python, rust] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
        Self {
            queue,
            timers,
            tasks,
            output,
            python,
            rust,
        }
    }
}

/// The queue as the deque it is: the head, which runs next, on the left; a
/// task joins at the right.
fn queue(recording: &Recording, step: usize, width: u16) -> Paragraph<'static> {
    let frame = &recording.frames[step];
    let mut spans = vec![Span::raw("◀ ")];
    for (place, &task) in frame.queue.iter().enumerate() {
        let cell = format!("[{}]", recording.label(step, task));
        let style = if place == 0 {
            Style::new().green().bold()
        } else {
            Style::new()
        };
        spans.push(Span::styled(cell, style));
        spans.push(Span::raw(" "));
    }
    if frame.queue.is_empty() {
        spans.push(Span::raw("(empty) "));
    }
    spans.push(Span::raw("◀"));
    let title = if width >= 44 {
        " Queue: runs next ◀ … ◀ joins "
    } else {
        " Queue "
    };
    Paragraph::new(Line::from(spans))
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(title))
}

/// `lines` cut to a pane `height` rows high (borders included), the last row
/// saying how many more there are.
fn fit(mut lines: Vec<Line<'static>>, height: u16) -> Vec<Line<'static>> {
    let rows = usize::from(height.saturating_sub(2));
    if lines.len() > rows && rows > 0 {
        let more = lines.len() - rows + 1;
        lines.truncate(rows - 1);
        lines.push(Line::raw(format!("… {more} more")).italic());
    }
    lines
}

fn timers(recording: &Recording, step: usize, height: u16) -> Paragraph<'static> {
    let frame = &recording.frames[step];
    let lines: Vec<Line<'static>> = if frame.timers.is_empty() {
        vec![Line::raw("(none)")]
    } else {
        frame
            .timers
            .iter()
            .map(|timer| {
                Line::raw(format!(
                    "{} {}",
                    seconds(timer.until),
                    recording.label(step, timer.task)
                ))
            })
            .collect()
    };
    Paragraph::new(fit(lines, height)).block(Block::bordered().title(" Timers "))
}

fn tasks(recording: &Recording, step: usize, height: u16) -> Paragraph<'static> {
    let frame = &recording.frames[step];
    let lines: Vec<Line<'static>> = frame
        .tasks
        .iter()
        .map(|view| {
            let ran = frame.running == Some(view.id) && step > 0;
            let marker = if ran { "▶ " } else { "  " };
            let text = format!(
                "{marker}{}: {}",
                recording.label(step, view.id),
                status(&view.status)
            );
            let style = if ran {
                Style::new().yellow().bold()
            } else {
                Style::new()
            };
            Line::styled(text, style)
        })
        .collect();
    Paragraph::new(fit(lines, height)).block(Block::bordered().title(" Tasks (▶ ran this step) "))
}

fn status(status: &TaskStatus) -> String {
    match status {
        TaskStatus::Queued => "queued".to_owned(),
        TaskStatus::Running => "running".to_owned(),
        TaskStatus::Waiting => "waiting".to_owned(),
        TaskStatus::Sleeping { until } => format!("sleeping until {}", seconds(*until)),
        TaskStatus::Completed { value } => format!("completed: {value}"),
        TaskStatus::Failed { message } => format!("failed: {message}"),
        TaskStatus::Cancelled => "cancelled".to_owned(),
        TaskStatus::Closed => "closed".to_owned(),
        _ => "?".to_owned(),
    }
}

/// The latest lines that fit; those this step printed are marked.
fn output(recording: &Recording, step: usize, height: u16) -> Paragraph<'static> {
    let printed = recording.printed_in(step);
    let fits = usize::from(height.saturating_sub(2));
    let from = printed.end.saturating_sub(fits);
    let lines: Vec<Line<'static>> = (from..printed.end)
        .map(|at| {
            let line = &recording.output[at];
            if printed.contains(&at) {
                Line::styled(format!("▸ {line}"), Style::new().bold())
            } else {
                Line::raw(format!("  {line}"))
            }
        })
        .collect();
    Paragraph::new(lines).block(Block::bordered().title(" Output (▸ this step) "))
}

/// A source pane, opened at the lesson's first definition (past the imports and
/// the module's doc), and scrolled from there.
fn source(title: &'static str, text: &'static str, scroll: i32) -> Paragraph<'static> {
    let last = text.lines().count().saturating_sub(1);
    let top = (first_definition(text) as i64 + i64::from(scroll)).clamp(0, last as i64);
    let lines: Vec<Line<'static>> = text
        .lines()
        .enumerate()
        .map(|(number, line)| {
            Line::from(vec![
                Span::styled(format!("{:>3} ", number + 1), Style::new().dim()),
                Span::raw(line),
            ])
        })
        .collect();
    Paragraph::new(Text::from(lines))
        .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
        .block(Block::bordered().title(format!(" {title} ")))
}

/// The line where the first function or class begins, with the doc comments
/// and attributes (or decorators) just above it; 0 if there is none.
fn first_definition(text: &str) -> usize {
    const STARTS: [&str; 7] = [
        "def ",
        "async def ",
        "class ",
        "fn ",
        "async fn ",
        "pub fn ",
        "pub async fn ",
    ];
    let lines: Vec<&str> = text.lines().collect();
    let Some(mut at) = lines
        .iter()
        .position(|line| STARTS.iter().any(|start| line.starts_with(start)))
    else {
        return 0;
    };
    while at > 0
        && ["///", "#[", "@"]
            .iter()
            .any(|start| lines[at - 1].starts_with(start))
    {
        at -= 1;
    }
    at
}

fn status_line(recording: &Recording, viewer: &Viewer) -> Line<'static> {
    let frame = &recording.frames[viewer.step];
    let mut parts = vec![format!(" step {}/{}", viewer.step, viewer.last)];
    match frame.running.filter(|_| viewer.step > 0) {
        Some(task) => parts.push(format!("ran {}", recording.label(viewer.step, task))),
        None => parts.push("before the first step".to_owned()),
    }
    if recording.clocked {
        parts.push(format!("clock {}", seconds(frame.now)));
    }
    if viewer.playing {
        parts.push(format!("playing {}/s", viewer.steps_per_second()));
    }
    parts.push("? keys".to_owned());
    Line::raw(parts.join(" · ")).add_modifier(Modifier::REVERSED)
}

fn help(screen: &mut Screen<'_>) {
    let area = screen.area();
    let width = 48.min(area.width);
    let height = (HELP.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let lines: Vec<Line<'static>> = HELP
        .iter()
        .map(|(keys, what)| Line::raw(format!("{keys:>14}  {what}")))
        .collect();
    screen.render_widget(Clear, popup);
    screen.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keys ")),
        popup,
    );
}

/// A time on the loop's clock, as seconds with milliseconds.
fn seconds(time: Duration) -> String {
    format!("{}.{:03}s", time.as_secs(), time.subsec_millis())
}
