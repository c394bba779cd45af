//! The timeline as an SVG picture.

use std::fmt::Write;

use super::cell::{escape, shorten};
use super::{LEGEND, Row, Step, Timeline};

/// The font's size, and the widest a character of it draws (a monospace font
/// advances 0.6 em; symbols from a fallback font may be a little wider).
const FONT: usize = 13;
const CHAR: usize = 9;
/// Space between lanes, and the height of a row.
const GAP: usize = 16;
const ROW: usize = 20;
const MARGIN: usize = 8;

impl Timeline {
    /// The timeline as an SVG picture: the title at the top (if
    /// [`Timeline::titled`]), one column per lane with its label, one row per
    /// step, the same marks as the text, coloured (run blue, completed green,
    /// failed and cancelled red, waiting and sleeping grey), the clock's jumps as
    /// dashed rules and folded stretches as grey rows. Every column is as wide as
    /// its longest text, so nothing is clipped. Hovering a step's mark shows what
    /// woke its task, what the step printed, a shortened value whole, and what the
    /// task then waited on; a wake by another task's step (a put, a set, its end)
    /// is a thin arrow from that step's mark to the woken task's.
    ///
    /// ```
    /// use corotrace::{Event, TaskId, Timeline};
    ///
    /// let task = TaskId::new(0);
    /// let svg = Timeline::new(&[Event::Running { task }]).to_svg();
    /// assert!(svg.starts_with("<svg") && svg.contains(">task 0</text>"));
    /// ```
    pub fn to_svg(&self) -> String {
        let (left, lanes_x, width) = self.layout();
        let top = if self.title.is_some() { 2 * ROW } else { 0 } + ROW + MARGIN;
        let height = top + ROW * (self.rows.len() + 1) + MARGIN;

        let mut svg = self.svg_head(width, height);
        svg.push_str(&self.wakes_svg(&lanes_x, top));
        for (label, x) in self.labels.iter().zip(&lanes_x) {
            let _ = writeln!(
                svg,
                "<text class=\"lane\" x=\"{x}\" y=\"{}\" font-weight=\"bold\">{}{}</text>",
                top - 6,
                whole_if_cut(label),
                escape(&shorten(label))
            );
        }
        for (r, row) in self.rows.iter().enumerate() {
            let y = top + ROW * r + ROW - 6;
            match row {
                Row::Clock(now) => {
                    let rule = y - ROW + 4;
                    let _ = writeln!(
                        svg,
                        "<line x1=\"0\" y1=\"{rule}\" x2=\"{width}\" y2=\"{rule}\" stroke=\"#999\" \
                         stroke-dasharray=\"4 3\"/><text class=\"clock\" x=\"{MARGIN}\" y=\"{y}\" \
                         fill=\"#666\">t = {:.3} s</text>",
                        now.as_secs_f64()
                    );
                }
                Row::Folded(fold) => {
                    let _ = writeln!(
                        svg,
                        "<text class=\"fold\" x=\"{left}\" y=\"{y}\" fill=\"#888\">{}</text>",
                        escape(&fold.describe())
                    );
                }
                Row::Step(step) => step_svg(&mut svg, step, &lanes_x, y),
            }
        }
        let _ = write!(
            svg,
            "<text class=\"legend\" x=\"{MARGIN}\" y=\"{}\" fill=\"#666\">{}</text>\n</svg>\n",
            height - MARGIN - 4,
            escape(LEGEND)
        );
        svg
    }
}

impl Timeline {
    /// The picture's opening: its size, its title (a tooltip and a heading) and
    /// its white ground.
    fn svg_head(&self, width: usize, height: usize) -> String {
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             font-family=\"monospace\" font-size=\"{FONT}\">\n"
        );
        if let Some(title) = &self.title {
            let title = escape(title);
            let _ = writeln!(svg, "<title>{title}</title>");
            let _ = writeln!(svg, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
            let _ = writeln!(
                svg,
                "<text class=\"title\" x=\"{MARGIN}\" y=\"{}\" font-weight=\"bold\">{title}</text>",
                MARGIN + ROW - 6
            );
        } else {
            let _ = writeln!(svg, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        }
        svg
    }

    /// Where the lanes start (`left`), where each lane starts, and the picture's
    /// width: every column as wide as its longest text, the picture as wide as
    /// its lanes, its title, its folded rows and its legend.
    fn layout(&self) -> (usize, Vec<usize>, usize) {
        let left = MARGIN + CHAR * self.step_width() + GAP;
        let mut lanes_x = Vec::new();
        let mut x = left;
        for width in self.lane_widths() {
            lanes_x.push(x);
            x += CHAR * width + GAP;
        }
        let texts_wide = self
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Folded(fold) => Some(left + CHAR * fold.describe().chars().count()),
                _ => None,
            })
            .chain(self.title.iter().map(|t| MARGIN + CHAR * t.chars().count()))
            .chain([MARGIN + CHAR * LEGEND.chars().count()])
            .max()
            .unwrap_or(0);
        (left, lanes_x, x.max(texts_wide + MARGIN))
    }
}

/// One step's row: its number, and each lane's mark, the step's own with a
/// hover title saying what it printed.
fn step_svg(svg: &mut String, step: &Step, lanes_x: &[usize], y: usize) {
    let _ = writeln!(
        svg,
        "<text class=\"step\" x=\"{MARGIN}\" y=\"{y}\" fill=\"#666\">{}</text>",
        step.number
    );
    for (lane, cell) in step.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let colour = match cell.chars().next() {
            Some('●') => "#1f5fbf",
            Some('✓') => "#1a7f37",
            Some('✗' | '⊘') => "#c62828",
            _ => "#999",
        };
        let mut hover = String::new();
        if lane == step.lane {
            let mut said: Vec<String> = Vec::new();
            if let Some((by, _)) = &step.woken_by {
                said.push(format!("woken by {by}"));
            }
            if shorten(cell) != cell.as_str() {
                said.push(cell.clone());
            }
            if !step.printed.is_empty() {
                said.push(format!("printed:\n{}", step.printed.join("\n")));
            }
            if let Some(on) = &step.waits_on {
                said.push(format!("then waits on {on}"));
            }
            if !said.is_empty() {
                hover = format!("<title>{}</title>", escape(&said.join("\n")));
            }
        }
        let _ = writeln!(
            svg,
            "<text class=\"mark\" x=\"{}\" y=\"{y}\" fill=\"{colour}\">{hover}{}</text>",
            lanes_x[lane],
            escape(&shorten(cell))
        );
    }
}

impl Timeline {
    /// The wakes one task's step made for another's, as thin arrows from the
    /// waker's mark to the woken task's next mark, under the marks. A wake by a
    /// timer or the host, a task's own yield, or one whose waker's step is folded
    /// away or left out draws none.
    fn wakes_svg(&self, lanes_x: &[usize], top: usize) -> String {
        let mut at = std::collections::HashMap::new();
        for (r, row) in self.rows.iter().enumerate() {
            if let Row::Step(step) = row {
                // The middle of the step's mark.
                let (x, y) = (lanes_x[step.lane] + CHAR / 2, top + ROW * r + ROW - 10);
                at.insert(step.number, (x, y));
            }
        }
        let mut paths = String::new();
        for row in &self.rows {
            let Row::Step(step) = row else { continue };
            let Some((_, Some(from))) = &step.woken_by else {
                continue;
            };
            let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(from), at.get(&step.number)) else {
                continue;
            };
            // Ends short of both marks, so the arrow points at the mark, not into it.
            let (dx, dy) = (x2 as f64 - x1 as f64, y2 as f64 - y1 as f64);
            let length = dx.hypot(dy).max(1.0);
            let (ux, uy) = (dx / length * 7.0, dy / length * 7.0);
            let _ = write!(
                paths,
                "<path d=\"M{:.0} {:.0}L{:.0} {:.0}\"/>",
                x1 as f64 + ux,
                y1 as f64 + uy,
                x2 as f64 - ux,
                y2 as f64 - uy
            );
        }
        if paths.is_empty() {
            return paths;
        }
        format!(
            "<defs><marker id=\"wake\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" \
             markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L6 3L0 6z\" \
             fill=\"#9db3d3\"/></marker></defs>\n<g class=\"wakes\" stroke=\"#9db3d3\" \
             fill=\"none\" marker-end=\"url(#wake)\">{paths}</g>\n"
        )
    }
}

/// A hover title with `text` whole, if the picture shows it shortened.
fn whole_if_cut(text: &str) -> String {
    if shorten(text) == text {
        String::new()
    } else {
        format!("<title>{}</title>", escape(text))
    }
}
