use std::fmt;
use std::str::FromStr;

/// The `--name value` flags a lesson was started with.
///
/// Lessons take a handful of flags at most, so they read them with this rather
/// than a full argument parser; an unknown or malformed flag is an error that
/// names it.
///
/// ```
/// use corolab::Flags;
///
/// let flags = Flags::parse(["--steps", "40"].map(String::from), &["steps", "seed"]).unwrap();
/// assert_eq!(flags.get("steps", 100).unwrap(), 40);
/// assert_eq!(flags.get("seed", 7).unwrap(), 7);
/// assert!(Flags::parse(["--speed".to_owned()], &["steps"]).is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Flags {
    given: Vec<(String, String)>,
}

/// A flag a lesson could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagError {
    /// A flag the lesson does not take.
    Unknown {
        /// The flag as given.
        flag: String,
        /// The flags the lesson takes.
        known: Vec<String>,
    },
    /// A flag given without its value.
    MissingValue(String),
    /// A value that does not parse as the flag's type.
    BadValue {
        /// The flag.
        flag: String,
        /// The value given.
        value: String,
    },
}

impl Flags {
    /// The flags of this process, of which `known` are allowed.
    pub fn from_env(known: &[&str]) -> Result<Self, FlagError> {
        Self::parse(std::env::args().skip(1), known)
    }

    /// Reads `args` (without the program name), of which `known` are allowed.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        known: &[&str],
    ) -> Result<Self, FlagError> {
        let mut args = args.into_iter();
        let mut given = Vec::new();
        while let Some(arg) = args.next() {
            let name = arg.strip_prefix("--").filter(|name| known.contains(name));
            let Some(name) = name else {
                return Err(FlagError::Unknown {
                    flag: arg,
                    known: known.iter().map(|k| format!("--{k}")).collect(),
                });
            };
            let value = args
                .next()
                .ok_or_else(|| FlagError::MissingValue(arg.clone()))?;
            given.push((name.to_owned(), value));
        }
        Ok(Self { given })
    }

    /// The value of `--name`, or `default` when it was not given.
    pub fn get<T: FromStr>(&self, name: &str, default: T) -> Result<T, FlagError> {
        match self.given.iter().rev().find(|(n, _)| n == name) {
            None => Ok(default),
            Some((_, value)) => value.parse().map_err(|_| FlagError::BadValue {
                flag: format!("--{name}"),
                value: value.clone(),
            }),
        }
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown { flag, known } => {
                write!(
                    f,
                    "unknown flag {flag}; this lesson takes {}",
                    known.join(", ")
                )
            }
            Self::MissingValue(flag) => write!(f, "{flag} needs a value"),
            Self::BadValue { flag, value } => write!(f, "{flag} cannot be {value:?}"),
        }
    }
}

impl std::error::Error for FlagError {}
