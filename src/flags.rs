//! A lesson's own flags: declared once in its `FLAGS`, read by clap, so every
//! lesson has `--help`, refuses a flag it does not take, and refuses a value that
//! does not parse.

use std::fmt;
use std::str::FromStr;

/// One flag a lesson takes: its name, its default, and a line of help. A lesson
/// lists them in its `pub const FLAGS`, and reads them with [`Stage::flag`].
///
/// [`Stage::flag`]: crate::Stage::flag
///
/// ```
/// use corolab::Flag;
///
/// const FLAGS: &[Flag] = &[
///     Flag::new::<usize>("found", "12", "How many primes to find"),
///     Flag::seed("7"),
/// ];
/// assert_eq!(FLAGS[1].name, "seed");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Flag {
    /// Its name, without the dashes (`found` for `--found`).
    pub name: &'static str,
    /// The value used when it is not given.
    pub default: &'static str,
    /// One line for `--help`.
    pub help: &'static str,
    /// Whether a text is a value of the flag's type.
    parses: fn(&str) -> bool,
}

impl Flag {
    /// A flag whose values are `T`s: a value that does not parse as a `T` is an
    /// error before the lesson starts.
    pub const fn new<T: FromStr>(
        name: &'static str,
        default: &'static str,
        help: &'static str,
    ) -> Self {
        Self {
            name,
            default,
            help,
            parses: parses::<T>,
        }
    }

    /// `--seed`: the seed of the lesson's random source ([`Stage::random`]), so a
    /// run can be replayed.
    ///
    /// [`Stage::random`]: crate::Stage::random
    pub const fn seed(default: &'static str) -> Self {
        Self::new::<u64>(
            "seed",
            default,
            "The random source's seed: the same seed, the same run",
        )
    }

    /// What a value must look like, for an error.
    fn expected(&self) -> &'static str {
        match self.value_name() {
            "true|false" => "true or false",
            "N" => "a number",
            _ => "another value",
        }
    }

    /// What `--help` calls its value.
    fn value_name(&self) -> &'static str {
        if (self.parses)("true") && (self.parses)("false") {
            "true|false"
        } else if (self.parses)("0") {
            "N"
        } else {
            "VALUE"
        }
    }
}

fn parses<T: FromStr>(text: &str) -> bool {
    text.parse::<T>().is_ok()
}

/// The flags a lesson was started with, each checked against the lesson's
/// declarations, and the `--virtual` switch every lesson takes.
///
/// ```
/// use corolab::{Flag, Flags};
///
/// const FLAGS: &[Flag] = &[Flag::new::<usize>("found", "12", "How many primes to find")];
///
/// let flags = Flags::for_lesson("primes", FLAGS, ["--found=5", "--virtual"]).unwrap();
/// assert_eq!(flags.value("found"), Some("5"));
/// assert!(flags.is_virtual());
///
/// let defaults = Flags::for_lesson("primes", FLAGS, [] as [&str; 0]).unwrap();
/// assert_eq!(defaults.value("found"), Some("12"));
///
/// assert!(Flags::for_lesson("primes", FLAGS, ["--bogus", "3"]).is_err());
/// assert!(Flags::for_lesson("primes", FLAGS, ["--found", "many"]).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    given: Vec<(String, String)>,
    virtual_time: bool,
}

/// Flags a lesson does not take, a value that does not parse, or a request for
/// `--help` (which is not a failure: [`FlagError::exit`] prints the help and ends
/// the process with status 0).
#[derive(Debug)]
pub struct FlagError(clap::Error);

impl Flags {
    /// Reads `args` (without the program's name) against the flags a lesson
    /// declares, filling in the defaults of those not given. `program` is how the
    /// lesson was started, for the usage line (`corolab run primes-and-messages --`).
    pub fn for_lesson<I>(program: &str, declared: &[Flag], args: I) -> Result<Self, FlagError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let args: Vec<String> = args.into_iter().map(Into::into).collect();
        let matches = command(program, declared)
            .try_get_matches_from(args)
            .map_err(FlagError)?;
        let given = declared
            .iter()
            .filter_map(|flag| {
                let value = matches.get_one::<String>(flag.name)?;
                Some((flag.name.to_owned(), value.clone()))
            })
            .collect();
        Ok(Self {
            given,
            virtual_time: matches.get_flag("virtual"),
        })
    }

    /// Reads `--name value` and `--name=value` pairs, and `--virtual`, before the
    /// lesson is known: [`Lesson::run_captured`](crate::Lesson::run_captured)
    /// checks them against the lesson's declarations.
    ///
    /// ```
    /// use corolab::Flags;
    ///
    /// let flags = Flags::parse(["--found", "5", "--seed=3"]).unwrap();
    /// assert_eq!(flags.value("seed"), Some("3"));
    /// assert!(Flags::parse(["found"]).is_err());
    /// assert!(Flags::parse(["--found"]).unwrap_err().to_string().contains("needs a value"));
    /// ```
    pub fn parse<I>(args: I) -> Result<Self, FlagError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let mut flags = Self::default();
        let mut args = args.into_iter().map(Into::into);
        let error = |kind, message: String| FlagError(clap::Error::raw(kind, message + "\n"));
        while let Some(arg) = args.next() {
            let Some(name) = arg.strip_prefix("--") else {
                let message = format!("{arg:?} is not a flag: flags look like --found 5");
                return Err(error(clap::error::ErrorKind::UnknownArgument, message));
            };
            if name == "virtual" {
                flags.virtual_time = true;
            } else if let Some((name, value)) = name.split_once('=') {
                flags.given.push((name.to_owned(), value.to_owned()));
            } else if let Some(value) = args.next() {
                flags.given.push((name.to_owned(), value));
            } else {
                let message = format!("{arg} needs a value");
                return Err(error(clap::error::ErrorKind::InvalidValue, message));
            }
        }
        Ok(flags)
    }

    /// The flags again, as arguments.
    pub(crate) fn to_args(&self) -> Vec<String> {
        let mut args: Vec<String> = self
            .given
            .iter()
            .map(|(name, value)| format!("--{name}={value}"))
            .collect();
        if self.virtual_time {
            args.push("--virtual".to_owned());
        }
        args
    }

    /// Whether `--virtual` was given: run on virtual time.
    pub fn is_virtual(&self) -> bool {
        self.virtual_time
    }

    /// The text given for `--name`, or its default.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The clap command for a lesson's flags.
fn command(program: &str, declared: &[Flag]) -> clap::Command {
    let mut usage = program.to_owned();
    for flag in declared {
        usage.push_str(&format!(" [--{} {}]", flag.name, flag.value_name()));
    }
    usage.push_str(" [--virtual]");
    let mut command = clap::Command::new("lesson")
        .no_binary_name(true)
        .bin_name(program.to_owned())
        .override_usage(usage)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("virtual")
                .long("virtual")
                .action(clap::ArgAction::SetTrue)
                .help("Run on the virtual clock: no waiting, the same output every time"),
        );
    for flag in declared {
        let (parses, expected) = (flag.parses, flag.expected());
        command = command.arg(
            clap::Arg::new(flag.name)
                .long(flag.name)
                .value_name(flag.value_name())
                .default_value(flag.default)
                .help(flag.help)
                .value_parser(move |text: &str| {
                    if parses(text) {
                        Ok(text.to_owned())
                    } else {
                        Err(format!("expected {expected}"))
                    }
                }),
        );
    }
    command
}

impl FlagError {
    /// Whether this is a request for `--help` rather than a mistake.
    pub fn is_help(&self) -> bool {
        self.0.kind() == clap::error::ErrorKind::DisplayHelp
    }

    /// Prints the help (to standard output, status 0) or the error (to standard
    /// error, status 2), and ends the process.
    pub fn exit(&self) -> ! {
        self.0.exit()
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.render())
    }
}

impl std::error::Error for FlagError {}
