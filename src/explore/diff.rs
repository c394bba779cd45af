//! A line diff in the unified format, small enough for a lesson's output.

/// How many unchanged lines a hunk shows around a change.
const CONTEXT: usize = 2;

/// Beyond this many cells the longest common subsequence is not computed: the
/// changed middle is shown as all removed, then all added (still a correct diff).
const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Same,
    Removed,
    Added,
}

/// The lines of `old` and `new` as a unified diff: a `---`/`+++` header with the
/// two names, then hunks headed `@@ -a,b +c,d @@`; empty if they are equal.
///
/// ```
/// use corolab::unified_diff;
///
/// let diff = unified_diff("a\nb\nc\n", "a\nc\nb\n", "fifo", "seed 1");
/// assert_eq!(diff, "--- fifo\n+++ seed 1\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+b\n");
/// assert_eq!(unified_diff("same\n", "same\n", "x", "y"), "");
/// ```
pub fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let script = edits(&old, &new);
    if script.iter().all(|&edit| edit == Edit::Same) {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    // Where each edit stands in `old` and in `new` before it is applied.
    let mut at = Vec::with_capacity(script.len());
    let (mut i, mut j) = (0, 0);
    for &edit in &script {
        at.push((i, j));
        i += usize::from(edit != Edit::Added);
        j += usize::from(edit != Edit::Removed);
    }
    let mut k = 0;
    while let Some(first_change) = (k..script.len()).find(|&e| script[e] != Edit::Same) {
        let start = first_change.saturating_sub(CONTEXT);
        // The hunk goes on while the next change is close enough to share context.
        let mut end = first_change;
        let mut e = first_change;
        while e < script.len() && e <= end + 2 * CONTEXT {
            if script[e] != Edit::Same {
                end = e;
            }
            e += 1;
        }
        let stop = (end + 1 + CONTEXT).min(script.len());
        let hunk = &script[start..stop];
        let old_len = hunk.iter().filter(|&&x| x != Edit::Added).count();
        let new_len = hunk.iter().filter(|&&x| x != Edit::Removed).count();
        let (i0, j0) = at[start];
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            i0 + usize::from(old_len > 0),
            j0 + usize::from(new_len > 0)
        ));
        for (e, &edit) in script.iter().enumerate().take(stop).skip(start) {
            let (i, j) = at[e];
            match edit {
                Edit::Same => out.push_str(&format!(" {}\n", old[i])),
                Edit::Removed => out.push_str(&format!("-{}\n", old[i])),
                Edit::Added => out.push_str(&format!("+{}\n", new[j])),
            }
        }
        k = stop;
    }
    out
}

/// The edits that turn `old` into `new`: the common prefix and suffix kept, the
/// middle by longest common subsequence.
fn edits(old: &[&str], new: &[&str]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = (old[prefix..].iter().rev())
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut script = vec![Edit::Same; prefix];
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        script.extend(std::iter::repeat_n(Edit::Removed, a.len()));
        script.extend(std::iter::repeat_n(Edit::Added, b.len()));
    } else {
        script.extend(common_subsequence(a, b));
    }
    script.extend(std::iter::repeat_n(Edit::Same, suffix));
    script
}

/// The classic table: `len[i][j]` is the longest common subsequence of `a[i..]`
/// and `b[j..]`; walking it from the start gives removals before additions.
fn common_subsequence(a: &[&str], b: &[&str]) -> Vec<Edit> {
    let width = b.len() + 1;
    let mut len = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            len[i * width + j] = if a[i] == b[j] {
                len[(i + 1) * width + j + 1] + 1
            } else {
                len[(i + 1) * width + j].max(len[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut script = Vec::with_capacity(a.len() + b.len());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            script.push(Edit::Same);
            (i, j) = (i + 1, j + 1);
        } else if j == b.len()
            || (i < a.len() && len[(i + 1) * width + j] >= len[i * width + j + 1])
        {
            script.push(Edit::Removed);
            i += 1;
        } else {
            script.push(Edit::Added);
            j += 1;
        }
    }
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the diff's `-`/`+`/` ` lines back: the new text must come out.
    fn new_side(diff: &str) -> Vec<String> {
        diff.lines()
            .filter(|l| !l.starts_with("---") && !l.starts_with("+++") && !l.starts_with("@@"))
            .filter(|l| !l.starts_with('-'))
            .map(|l| l[1..].to_owned())
            .collect()
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_near_ones_one() {
        // Twenty numbered lines, with the lines at the two places given changed.
        let lines = |changed: [(usize, &str); 2]| -> String {
            (0..20)
                .map(|n| match changed.iter().find(|(at, _)| *at == n) {
                    Some((_, line)) => format!("{line}\n"),
                    None => format!("{n}\n"),
                })
                .collect()
        };
        let old = lines([(99, ""), (99, "")]);
        let far = lines([(3, "x"), (15, "y")]);
        let diff = unified_diff(&old, &far, "a", "b");
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        let near = lines([(3, "x"), (6, "y")]);
        let diff = unified_diff(&old, &near, "a", "b");
        assert_eq!(diff.matches("@@ -").count(), 1, "{diff}");
        assert!(diff.contains("@@ -2,8 +2,8 @@"), "{diff}");
        assert_eq!(new_side(&diff), ["1", "2", "x", "4", "5", "y", "7", "8"]);
    }

    #[test]
    fn additions_and_removals_at_the_ends() {
        assert_eq!(
            unified_diff("a\n", "a\nb\n", "x", "y"),
            "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n"
        );
        assert_eq!(
            unified_diff("", "b\n", "x", "y"),
            "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+b\n"
        );
    }
}
