use std::fmt;
use std::str::FromStr;

/// The `--name value` flags a lesson was started with, and the `--virtual` switch.
///
/// Lessons take a handful of flags at most, so they read them with this rather
/// than a full argument parser.
///
/// ```
/// use corolab::Flags;
///
/// let flags = Flags::parse(["--found", "5", "--virtual"].map(String::from)).unwrap();
/// assert_eq!(flags.get("found", 15), Ok(5));
/// assert_eq!(flags.get("seed", 7), Ok(7));
/// assert!(flags.is_virtual());
/// assert!(Flags::parse(["--found".to_owned()]).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    given: Vec<(String, String)>,
    virtual_time: bool,
}

/// A flag a lesson could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagError {
    /// Something that is not a `--flag`.
    NotAFlag(String),
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
    /// The flags of this process.
    pub fn from_env() -> Result<Self, FlagError> {
        Self::parse(std::env::args().skip(1))
    }

    /// Reads `args` (without the program name).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, FlagError> {
        let mut flags = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(FlagError::NotAFlag(arg));
            };
            if name == "virtual" {
                flags.virtual_time = true;
                continue;
            }
            let value = args
                .next()
                .ok_or_else(|| FlagError::MissingValue(arg.clone()))?;
            flags.given.push((name.to_owned(), value));
        }
        Ok(flags)
    }

    /// Whether `--virtual` was given: run on virtual time.
    pub fn is_virtual(&self) -> bool {
        self.virtual_time
    }

    /// The text given for `--name`, if it was.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }

    /// The value of `--name`, or `default` when it was not given.
    pub fn get<T: FromStr>(&self, name: &str, default: T) -> Result<T, FlagError> {
        match self.value(name) {
            None => Ok(default),
            Some(value) => value.parse().map_err(|_| FlagError::BadValue {
                flag: format!("--{name}"),
                value: value.to_owned(),
            }),
        }
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAFlag(arg) => write!(f, "{arg:?} is not a flag: flags look like --found 5"),
            Self::MissingValue(flag) => write!(f, "{flag} needs a value"),
            Self::BadValue { flag, value } => write!(f, "{flag} cannot be {value:?}"),
        }
    }
}

impl std::error::Error for FlagError {}
