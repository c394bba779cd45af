//! `PyRepr` against python3 itself: values rendered here beside the same values
//! written as Python literals, which one python3 run renders with `str()` and
//! `repr()`; then a sweep of floats and every assigned code point. A missing
//! python3 fails the test and says so.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};

use corotrace::PyRepr;
use indexmap::{IndexMap, IndexSet};

/// One value: its Python literal, and its `str()` and `repr()` as rendered here.
struct Case {
    python: &'static str,
    str: String,
    repr: String,
}

fn case<T: PyRepr + ?Sized>(python: &'static str, value: &T) -> Case {
    Case {
        python,
        str: value.py_str().to_string(),
        repr: value.py_repr().to_string(),
    }
}

fn cases() -> Vec<Case> {
    vec![
        case("None", &()),
        case("None", &None::<u8>),
        case("True", &true),
        case("False", &false),
        case("0", &0u8),
        case("-7", &-7i32),
        case("18446744073709551615", &u64::MAX),
        case("-170141183460469231731687303715884105728", &i128::MIN),
        case("1.0", &1.0f64),
        case("0.1", &0.1f64),
        case("0.1 + 0.2", &(0.1f64 + 0.2)),
        case("1e16", &1e16f64),
        case("1e15", &1e15f64),
        case("123456789012345.6", &123456789012345.6f64),
        case("1e-4", &1e-4f64),
        case("1e-5", &1e-5f64),
        case("-2.5e-7", &-2.5e-7f64),
        case("-0.0", &-0.0f64),
        case("1.5e300", &1.5e300f64),
        case("5e-324", &5e-324f64),
        case("float('inf')", &f64::INFINITY),
        case("float('-inf')", &f64::NEG_INFINITY),
        case("float('nan')", &f64::NAN),
        case("0.1", &0.1f32),
        case("2.0", &2.0f32),
        case("''", ""),
        case("'hello'", "hello"),
        case("\"it's\"", "it's"),
        case("'say \"hi\"'", "say \"hi\""),
        case("'both \\' and \"'", "both ' and \""),
        case("'tab\\tnl\\nret\\rback\\\\'", "tab\tnl\nret\rback\\"),
        case(
            "'\\x00\\x1f\\x7f\\x80\\xa0\\xad'",
            "\u{0}\u{1f}\u{7f}\u{80}\u{a0}\u{ad}",
        ),
        case(
            "'é ü ß 日本 \\u200b\\u2028 \\ue000 \\U0001f600 \\U000e0001'",
            "é ü ß 日本 \u{200b}\u{2028} \u{e000} \u{1f600} \u{e0001}",
        ),
        case("'a'", &'a'),
        case("\"'\"", &'\''),
        case("'x'", &Some("x")),
        case("'x'", &Some(String::from("x"))),
        case("[]", &Vec::<u8>::new()),
        case("[1, 2]", &vec![1, 2]),
        case("[1, 2, 3]", &[1, 2, 3]),
        case("[1, 2]", &[1, 2][..]),
        case("(None, 'a', [1.5])", &(None::<u8>, "a", vec![1.5])),
        case("[None, 'a']", &vec![None, Some("a")]),
        case(
            "['it\\'s', 'b\\n']",
            &vec!["it's".to_owned(), "b\n".to_owned()],
        ),
        case("(1,)", &(1,)),
        case("('a', 2)", &("a", 2)),
        case("(None, True, 2.0, [])", &((), true, 2.0, Vec::<u8>::new())),
        case("{}", &BTreeMap::<u8, u8>::new()),
        case("{1: 2}", &BTreeMap::from([(1, 2)])),
        case("{1: 2}", &HashMap::from([(1, 2)])),
        case(
            "{'b': [1], 'a': [2], 'c': None}",
            &IndexMap::from([("b", Some(vec![1])), ("a", Some(vec![2])), ("c", None)]),
        ),
        case("set()", &BTreeSet::<u8>::new()),
        case("{1, 2, 3}", &BTreeSet::from([3, 1, 2])),
        case("{1, 3}", &IndexSet::from([1, 3])),
        case(
            "[(1, 'one'), (2, None)]",
            &vec![(1, Some("one")), (2, None)],
        ),
    ]
}

/// Bit patterns of floats to sweep: powers of ten and their neighbours around
/// the two places Python switches to an exponent, and seeded random ones.
fn float_bits() -> Vec<u64> {
    let mut bits = Vec::new();
    for exponent in -30..=30 {
        let value: f64 = format!("1e{exponent}").parse().expect("a float literal");
        for v in [value, value * 1.5, value * 9.999999, -value] {
            bits.extend([v.to_bits(), v.to_bits() + 1, v.to_bits() - 1]);
        }
    }
    // SplitMix64: the same numbers on every run.
    let mut state: u64 = 0x5eed;
    for _ in 0..4000 {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        bits.push(z ^ (z >> 31));
    }
    bits
}

/// The script: each case's `str()` and `repr()`, each float's `repr()`, then one
/// line per assigned code point, `hex repr`. Records end with `\x1e`.
fn script(cases: &[Case], floats: &[u64]) -> String {
    let literals: Vec<&str> = cases.iter().map(|c| c.python).collect();
    let floats: Vec<String> = floats.iter().map(u64::to_string).collect();
    format!(
        "import struct, sys, unicodedata\n\
         out = sys.stdout.buffer\n\
         def put(s):\n    out.write(s.encode('utf-8') + b'\\x1e')\n\
         for v in [{}]:\n    put(str(v)); put(repr(v))\n\
         for n in [{}]:\n    put(repr(struct.unpack('<d', struct.pack('<Q', n))[0]))\n\
         for c in range(0x110000):\n\
         \x20   if 0xd800 <= c < 0xe000 or unicodedata.category(chr(c)) == 'Cn':\n\
         \x20       continue\n\
         \x20   put('%x %s' % (c, repr(chr(c))))\n",
        literals.join(", "),
        floats.join(", ")
    )
}

fn run_python(script: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!("this test runs python3, which cannot be run here: {error}")
        });
    child
        .stdin
        .take()
        .expect("a piped stdin")
        .write_all(script.as_bytes())
        .expect("python3 reads the script");
    let output = child.wait_with_output().expect("python3 runs");
    assert!(output.status.success(), "python3 failed on:\n{script}");
    String::from_utf8(output.stdout).expect("python3 writes UTF-8")
}

#[test]
fn values_render_as_python3_renders_them() {
    let cases = cases();
    let floats = float_bits();
    let printed = run_python(&script(&cases, &floats));
    let mut records = printed.split('\x1e');
    let mut next = || records.next().expect("python3 printed a record per value");
    for case in &cases {
        let str = next();
        let repr = next();
        assert_eq!(case.str, str, "str({})", case.python);
        assert_eq!(case.repr, repr, "repr({})", case.python);
    }
    for bits in &floats {
        let value = f64::from_bits(*bits);
        assert_eq!(value.py_repr().to_string(), next(), "bits {bits:#x}");
    }
    let mut code_points = 0;
    for line in records.filter(|r| !r.is_empty()) {
        let (hex, repr) = line.split_once(' ').expect("`hex repr`");
        let code = u32::from_str_radix(hex, 16).expect("a hex code point");
        let c = char::from_u32(code).expect("python3 skips surrogates");
        assert_eq!(c.py_repr().to_string(), repr, "U+{code:04X}");
        code_points += 1;
    }
    // Unicode 14 (Python 3.11) assigns 283,506 code points; surrogates aside,
    // a sweep that stopped early would fall far short of that.
    assert!(
        code_points > 280_000,
        "only {code_points} code points came back"
    );
}
