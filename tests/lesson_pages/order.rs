//! The "Does the order matter?" section of a coroasync lesson's page: what
//! `corolab explore NAME --runs 20` finds, and why, from `corolab::ORDER_RACES`.

use corolab::{Exploration, ExploreError, Flags, Lesson, explore, unified_diff, why_order_matters};

/// The section's heading.
pub const HEADING: &str = "## Does the order matter?\n";

/// How many shuffled orders the pages report: enough to find every race in the
/// lessons, few enough to keep the page test quick in a debug build.
pub const RUNS: u32 = 20;

/// What explore finds for `lesson` (seeds 0 to `RUNS - 1`), or `None` for a
/// lesson that runs no event loop.
pub fn exploration(lesson: &'static Lesson) -> Option<Exploration> {
    match explore(lesson, &Flags::default(), 0, RUNS) {
        Ok(found) => Some(found),
        Err(ExploreError::NoLoop { .. }) => None,
        Err(error) => panic!("{}: {error}", lesson.name),
    }
}

/// The section for what `found` says.
pub fn section(found: &Exploration) -> String {
    let name = found.lesson;
    let command = format!("`corolab explore {name} --runs {RUNS}`");
    let mut text = format!("{HEADING}\n<!-- What {command} finds; a test keeps it true. -->\n");
    if found.is_order_independent() {
        text.push_str(&format!(
            "No: {RUNS} shuffled orders of the event loop ({command}) all print the output \
             above, so it does not depend on asyncio's order.\n\n"
        ));
        return text;
    }
    let why = why_order_matters(name).unwrap_or("(no reason declared in src/explore/why.rs)");
    text.push_str(&format!(
        "Yes: {RUNS} shuffled orders of the event loop ({command}) print {} different \
         outputs; asyncio's order prints the one above. {why}\n\n",
        found.outcomes.len()
    ));
    let other = &found.outcomes[1];
    if let Some(seed) = other.first_seed {
        let label = format!("seed {seed}");
        text.push_str(&format!(
            "The first other output, from seed {seed} (`{}`), against asyncio's:\n\n\
             ```diff\n{}```\n\n",
            found.replay_command(seed),
            unified_diff(
                &found.outcomes[0].output,
                &other.output,
                "asyncio's order",
                &label
            )
        ));
    }
    text
}

/// `page` with its order section as it should be: taken out, then put back in
/// before `## What differs, and why` (or at the end) if there is one.
pub fn with_section(page: &str, section: Option<&str>) -> String {
    let mut page = page.to_owned();
    super::remove_section(&mut page, HEADING);
    if let Some(section) = section {
        let at = page
            .find("## What differs, and why\n")
            .unwrap_or(page.len());
        page.insert_str(at, section);
    }
    page
}
