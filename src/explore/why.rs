//! Why each lesson whose output depends on the order does: the race `corolab
//! explore` finds in it, told in a sentence or two for its page and its report.
//! `tests/lesson_pages.rs` keeps this list to exactly the lessons explore finds
//! order-dependent.

/// Each order-dependent lesson and the race behind it.
pub const ORDER_RACES: &[(&str, &str)] = &[
    (
        "context-vars",
        "The two handlers start in the same pass, and so do their queries: their lines \
         interleave in whichever order a scheduler runs them. In every order each line \
         carries its own task's request id, which is the lesson's point.",
    ),
    (
        "asyncio-primes",
        "The prime search and the repeated message both start in the first pass, and \
         the search only yields: which one a scheduler runs first decides where the \
         message falls among the primes.",
    ),
    (
        "done-callback",
        "When the task ends, its done callback and `main`'s next step are ready in the \
         same pass. asyncio runs the callback first because it was queued first; \
         nothing in the program asks for that.",
    ),
    (
        "all-tasks",
        "Ten tasks are created together and start in the same pass: asyncio runs them \
         in creation order, but any of their orders is a correct schedule.",
    ),
    (
        "coroutine-decorator",
        "The counter's tenth 100 ms sleep and `main`'s one-second sleep end at the \
         same instant: whichever wakes first decides whether the counter prints `10` \
         before it is cancelled.",
    ),
    (
        "manager",
        "The counter's tenth 100 ms sleep and `main`'s one-second sleep end at the \
         same instant: whichever wakes first decides whether the counter prints `10` \
         before it is cancelled.",
    ),
    (
        "gather-children",
        "The children sleep the same time, so they wake at the same instants: their \
         lines at each instant come in either order.",
    ),
    (
        "gather-failure",
        "`child1` and `child2` sleep the same second between steps, so they wake at \
         the same instants: their lines at each instant come in either order.",
    ),
    (
        "mapping-results",
        "Ten tasks start in the same pass, so their `thinking` lines come in any \
         order; asyncio prints them in creation order.",
    ),
    (
        "as-completed",
        "Ten tasks start in the same pass, so their `thinking` lines come in any \
         order; asyncio prints them in creation order.",
    ),
    (
        "gather-many",
        "Ten tasks start in the same pass, so their `executing` lines come in any \
         order; asyncio prints them in creation order.",
    ),
    (
        "event-gather",
        "The two counters print at the same instants: asyncio alternates them in the \
         order they were started, and any interleaving is as correct.",
    ),
    (
        "wait-modes",
        "Ten tasks start in the same pass, so their `executing` lines come in any \
         order; asyncio prints them in creation order.",
    ),
    (
        "blocking-factorial",
        "The ticking task and the factorial's task are ready in the same pass: which \
         runs first decides the clock readings the ticker prints.",
    ),
    (
        "monitor-consumers",
        "The producers and consumers start together and wake at shared instants: \
         which takes which message from the queue, and when, follows the order they \
         run in.",
    ),
    (
        "nursery",
        "The two counters and `boom` start in the same pass: the order decides which \
         counter prints first and which failure the group records first.",
    ),
    (
        "lock",
        "Without the lock, `a` and `b` interleave their reads and writes as the \
         order allows (the lost update is the lesson); in the deadlock, which task \
         asks for its second lock first changes the order of the `waits` lines, not \
         the deadlock.",
    ),
    (
        "embed-traffic-lights",
        "A car's arrival and the crossing wake in the same second: if the crossing \
         runs first, the car waits for the next green.",
    ),
];

/// Why `lesson`'s output depends on the order, if it does.
///
/// ```
/// assert!(corolab::why_order_matters("nursery").is_some());
/// assert!(corolab::why_order_matters("hello-world").is_none());
/// ```
pub fn why_order_matters(lesson: &str) -> Option<&'static str> {
    ORDER_RACES
        .iter()
        .find(|(name, _)| *name == lesson)
        .map(|(_, why)| *why)
}
