//! Python's `repr(float)`: the shortest digits that read back as the same float
//! (which Rust's `{:e}` finds too), laid out as Python lays them out.

use std::fmt;

/// `value`'s shortest digits, from Rust's `{:e}` (`shortest`), rounded as Python
/// rounds them. Where two strings of that many digits both read back as
/// `value`, Rust's may be the farther one (`999999900000000.3` for
/// `999999900000000.25`); Python's is the nearest, ties to even: `value`
/// correctly rounded to that many digits, which Rust's `{:.N$e}` gives.
pub(super) fn shortest<F: fmt::LowerExp>(value: F, shortest: String) -> String {
    let Some((mantissa, _)) = shortest.split_once('e') else {
        return shortest; // `inf`, `NaN`
    };
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    let rounded = format!("{value:.precision$e}", precision = digits.saturating_sub(1));
    match rounded.split_once('e') {
        // Nearer can never mean shorter, but a zero at the end would print.
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => rounded,
    }
}

/// Writes the float whose Rust `{:e}` is `exponential` (`-1.25e-7`, `1e16`,
/// `inf`, `NaN`) as Python's `repr` does: plain between `1e-4` and `1e16`
/// (`0.0001`, `1000000000000000.0`, always with a fraction), else with a signed
/// exponent of at least two digits (`1e-05`, `1.5e+16`).
pub(super) fn write(f: &mut fmt::Formatter<'_>, exponential: &str) -> fmt::Result {
    let (sign, unsigned) = match exponential.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", exponential),
    };
    let Some((mantissa, exponent)) = unsigned.split_once('e') else {
        // `inf` or `NaN`: Python never writes a sign on a NaN.
        return match unsigned {
            "inf" => write!(f, "{sign}inf"),
            _ => f.write_str("nan"),
        };
    };
    let Ok(exponent) = exponent.parse::<i32>() else {
        // `{:e}` always writes an integer exponent; show what came if it did not.
        return f.write_str(exponential);
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    f.write_str(sign)?;
    if (-4..16).contains(&exponent) {
        write_plain(f, &digits, exponent)
    } else {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        write!(
            f,
            "{first}{point}{rest}e{exponent_sign}{:02}",
            exponent.unsigned_abs()
        )
    }
}

/// Writes `0.d1d2… × 10^(exponent + 1)` without an exponent: `digits` with the
/// point moved, padded with zeros, and `.0` where nothing follows the point.
fn write_plain(f: &mut fmt::Formatter<'_>, digits: &str, exponent: i32) -> fmt::Result {
    if exponent < 0 {
        // |value| < 1: zeros after the point, then the digits.
        let zeros = exponent.unsigned_abs() as usize - 1;
        return write!(f, "0.{:0<zeros$}{digits}", "");
    }
    let whole = exponent.unsigned_abs() as usize + 1;
    if digits.len() > whole {
        let (int, fraction) = digits.split_at(whole);
        write!(f, "{int}.{fraction}")
    } else {
        write!(f, "{digits:0<whole$}.0")
    }
}
