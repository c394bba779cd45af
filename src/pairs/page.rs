//! The "Line by line" section of a lesson's page: its pairing as an HTML table,
//! which GitHub and mdBook both render, each cell's code in a `<pre>` so its
//! indentation stays.

use super::{Cell, PairError};
use crate::Lesson;

/// A cell's opening tag: half the width each, the code at the top, so a row's
/// two sides start level. (GitHub keeps these attributes and drops `style`;
/// mdBook keeps both: there the table fills the page in two equal columns, and
/// [`PRE`] wraps long lines.)
const CELL: &str = "<td width=\"50%\" valign=\"top\">";

/// How a cell's code is laid out where `style` is kept: lines wrapped at the
/// cell's edge, between words unless a word is wider than the cell.
const PRE: &str = "white-space: pre-wrap; overflow-wrap: anywhere";

/// The heading of the section.
pub const LINE_BY_LINE: &str = "## Line by line\n";

impl Lesson {
    /// The "Line by line" section of the lesson's page: each Python statement
    /// beside its Rust twin, a row each, or nothing for a lesson without Python.
    ///
    /// ```
    /// let fib = corolab::find_lesson("fib").unwrap();
    /// let section = fib.line_by_line().unwrap();
    /// assert!(section.starts_with("## Line by line\n"));
    /// assert!(section.contains(">  yield a</pre></td>"));
    /// ```
    pub fn line_by_line(&self) -> Result<String, PairError> {
        let rows = self.pairing()?;
        if rows.is_empty() {
            return Ok(String::new());
        }
        let example = format!("examples/{}.rs", self.example());
        let mut section = format!(
            "{LINE_BY_LINE}\n<!-- From the pairing in src/pairs/; a test keeps it equal. -->\n\
             Each statement of the Python beside the Rust it became, from the lesson's \
             example or from the crate that defines it (named where it changes). What \
             only sets the program up (`KIND`, `FLAGS`, `main`, the `Stage`'s plumbing) is \
             left out here; the whole files follow.\n\n\
             <table style=\"table-layout: fixed; width: 100%\">\n\
             <tr><th>Python</th><th>Rust</th></tr>\n"
        );
        let mut file = example;
        for row in rows {
            let python = cell(&row.python, None);
            let from = match &row.rust {
                Cell::Code { file: from, .. } if *from != file => {
                    file.clone_from(from);
                    Some(from.as_str())
                }
                _ => None,
            };
            let rust = cell(&row.rust, from);
            section.push_str(&format!("<tr>{CELL}{python}</td>{CELL}{rust}</td></tr>\n"));
        }
        section.push_str("</table>\n\n");
        Ok(section)
    }
}

/// One cell's HTML: the code in a `<pre>` (under the file it comes from, if
/// given), or a dash and why there is none.
fn cell(cell: &Cell, from: Option<&str>) -> String {
    match cell {
        Cell::Code { code, .. } => {
            let from = from.map_or(String::new(), |f| {
                format!("<sub>from <code>{f}</code></sub>")
            });
            let code = escape(code.trim_end_matches('\n'));
            format!("{from}<pre style=\"{PRE}\">{code}</pre>")
        }
        Cell::Missing(why) => format!("— <em>{}</em>", with_code(&escape(why))),
    }
}

/// `text` safe inside HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` with its `code` spans as HTML, since Markdown is not read inside a
/// table of HTML.
fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (n, part) in text.split('`').enumerate() {
        if n % 2 == 1 {
            out.push_str(&format!("<code>{part}</code>"));
        } else {
            out.push_str(part);
        }
    }
    out
}
