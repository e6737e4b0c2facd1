//! The one error type of groundwork. Variants carry data, not formatting choices: `main` decides how
//! to show them, and every variant knows its exit code and, where there is one, the next step to take.

use std::fmt;
use std::path::PathBuf;

/// The documented exit codes (docs/reference.md, "Exit codes").
pub mod exit {
    pub const SUCCESS: i32 = 0;
    /// Something failed while generating: I/O, git, a command that groundwork ran.
    pub const FAILURE: i32 = 1;
    /// The command line, an answers file or an answer was wrong; nothing was written.
    pub const USAGE: i32 = 2;
    /// The user cancelled (Ctrl-C, Esc); nothing was written.
    pub const CANCELLED: i32 = 130;
}

#[derive(Debug)]
pub enum Error {
    UnknownFramework {
        given: String,
        valid: Vec<String>,
        closest: Option<String>,
    },
    UnknownOption {
        blueprint: String,
        key: String,
        valid: Vec<String>,
        closest: Option<String>,
    },
    InvalidValue {
        key: String,
        value: String,
        rule: String,
    },
    MalformedSet {
        given: String,
    },
    AnswersFile {
        path: PathBuf,
        message: String,
    },
    ConfigFile {
        path: PathBuf,
        message: String,
    },
    BlueprintMismatch {
        from_file: String,
        from_flag: String,
    },
    MissingAnswer {
        question: String,
        flag: String,
    },
    /// `--yes` was given, and an answer has no default to take.
    NoDefault {
        question: String,
        flag: String,
    },
    InvalidName {
        name: String,
        rule: String,
    },
    DestinationNotEmpty {
        path: PathBuf,
    },
    DestinationIsFile {
        path: PathBuf,
    },
    /// With --force, files of the plan that already exist in the target.
    WouldReplace {
        path: PathBuf,
        files: Vec<String>,
    },
    UnsafePath {
        blueprint: String,
        file: String,
        rendered: String,
        rule: String,
    },
    /// The target (or, with --force, something inside it) cannot be written safely or whole.
    UnsafeTarget {
        path: PathBuf,
        rule: String,
    },
    Manifest {
        blueprint: String,
        message: String,
    },
    Render {
        blueprint: String,
        file: String,
        message: String,
    },
    /// A template passed one of the limits on what rendering may cost (depth, size, steps).
    TemplateLimit {
        blueprint: String,
        file: String,
        message: String,
    },
    Goal(String),
    Io {
        action: String,
        path: PathBuf,
        source: std::io::Error,
    },
    Git {
        path: PathBuf,
        message: String,
    },
    Cancelled,
    /// `new --install`: the install command failed; the project itself is complete.
    InstallFailed {
        command: String,
        path: PathBuf,
        log: String,
        tail: String,
    },
    /// `doctor` found a toolchain missing or too old; its report says which.
    NotReady,
    /// A blueprint folder (`--blueprints-dir`, `GROUNDWORK_BLUEPRINTS`, `blueprint new`) that
    /// cannot be used: missing, not a folder, unreadable, or holding no blueprint.
    BlueprintFolder {
        path: PathBuf,
        message: String,
    },
    /// A blueprint from a folder on disk that does not load.
    InvalidBlueprint {
        path: PathBuf,
        message: String,
    },
    /// `blueprint check` found problems; its report lists them.
    CheckFailed {
        blueprint: String,
        problems: usize,
    },
    /// Standard output was closed by its reader (`groundwork list | head -1`): not a failure.
    BrokenPipe,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(action: impl Into<String>, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action: action.into(),
            path: path.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> i32 {
        // Exhaustive, so that a new variant has to choose its code.
        match self {
            Error::Io { .. }
            | Error::Git { .. }
            | Error::Render { .. }
            | Error::Manifest { .. }
            | Error::NotReady
            | Error::InstallFailed { .. }
            | Error::CheckFailed { .. } => exit::FAILURE,
            Error::Cancelled => exit::CANCELLED,
            Error::BrokenPipe => exit::SUCCESS,
            Error::UnknownFramework { .. }
            | Error::UnknownOption { .. }
            | Error::InvalidValue { .. }
            | Error::MalformedSet { .. }
            | Error::AnswersFile { .. }
            | Error::ConfigFile { .. }
            | Error::BlueprintMismatch { .. }
            | Error::MissingAnswer { .. }
            | Error::NoDefault { .. }
            | Error::InvalidName { .. }
            | Error::DestinationNotEmpty { .. }
            | Error::DestinationIsFile { .. }
            | Error::WouldReplace { .. }
            | Error::UnsafePath { .. }
            | Error::UnsafeTarget { .. }
            | Error::Goal(_)
            | Error::BlueprintFolder { .. }
            | Error::InvalidBlueprint { .. }
            | Error::TemplateLimit { .. } => exit::USAGE,
        }
    }

    /// The next step a user can take, where there is an obvious one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::UnknownFramework { valid, .. } => Some(format!(
                "valid frameworks: {}; `groundwork list` describes them",
                list(valid)
            )),
            Error::UnknownOption {
                blueprint, valid, ..
            } => Some(format!(
                "valid options: {}; `groundwork show {blueprint}` describes them",
                list(valid)
            )),
            Error::MalformedSet { .. } => Some("write it as --set key=value".into()),
            Error::UnsafePath { .. } => Some(
                "choose another value for the option used in that path: no leading `/`, no `..` or `.git` segment, no `\\`, `:` or control character; nothing was written".into(),
            ),
            Error::InstallFailed { command, path, .. } => Some(format!(
                "the project is complete; to retry: cd {} && {command}",
                shown(path)
            )),
            Error::ConfigFile { .. } => Some(
                "fix or remove the file; `groundwork config path` shows where it is, docs/reference.md \"Defaults file\" its format".into(),
            ),
            Error::DestinationNotEmpty { .. } => Some(
                "choose a new folder, or pass --force to add the files to this one (no existing file is overwritten)"
                    .into(),
            ),
            Error::DestinationIsFile { .. } => Some("choose a folder name that does not exist yet".into()),
            Error::WouldReplace { .. } => Some(
                "move those files away first, or generate into a new folder".into(),
            ),
            Error::Git { path, .. } => Some(format!(
                "the project was written, without a repository; once git works again, commit by hand: cd {} && git init && git add -A && git commit -m \"Initial commit\"",
                shown(path)
            )),
            Error::InvalidBlueprint { path, .. } => Some(format!(
                "`groundwork blueprint check {}` lists every problem",
                shown(path)
            )),
            Error::Render { .. } | Error::TemplateLimit { .. } | Error::Manifest { .. } => Some(
                "the blueprint itself is at fault: for one from a folder, `groundwork blueprint check <folder>` lists its problems; for an embedded one, please report it with the command you ran".into(),
            ),
            _ => None,
        }
    }
}

/// A path as a message shows it, with control characters escaped.
fn shown(path: &std::path::Path) -> String {
    printable(&path.display().to_string())
}

/// User text with control characters shown as escapes, so a message never drives the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn did_you_mean(f: &mut fmt::Formatter<'_>, closest: &Option<String>) -> fmt::Result {
    match closest {
        Some(c) => write!(f, "; did you mean `{c}`?"),
        None => Ok(()),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownFramework { given, closest, .. } => {
                write!(f, "unknown framework `{}`", printable(given))?;
                did_you_mean(f, closest)
            }
            Error::UnknownOption {
                blueprint,
                key,
                closest,
                ..
            } => {
                write!(
                    f,
                    "blueprint `{blueprint}` has no option `{}`",
                    printable(key)
                )?;
                did_you_mean(f, closest)
            }
            Error::InvalidValue { key, value, rule } => {
                write!(
                    f,
                    "invalid value `{}` for `{key}`: {rule}",
                    printable(value)
                )
            }
            Error::MalformedSet { given } if given.contains('=') => write!(
                f,
                "`--set {}` has no key before `=`: expected key=value",
                printable(given)
            ),
            Error::MalformedSet { given } => write!(
                f,
                "`--set {}` has no `=`: expected key=value",
                printable(given)
            ),
            Error::AnswersFile { path, message } => {
                write!(f, "cannot use answers file {}: {message}", shown(path))
            }
            Error::ConfigFile { path, message } => {
                write!(f, "cannot use the defaults file {}: {message}", shown(path))
            }
            Error::BlueprintMismatch {
                from_file,
                from_flag,
            } => write!(
                f,
                "the answers file is for blueprint `{from_file}` but --framework says `{from_flag}`"
            ),
            Error::MissingAnswer { question, flag } => {
                write!(
                    f,
                    "no answer for {question} and no terminal to ask on: pass {flag}"
                )
            }
            Error::NoDefault { question, flag } => {
                write!(
                    f,
                    "--yes takes defaults, but {question} has none: pass {flag}"
                )
            }
            Error::InvalidName { name, rule } => {
                write!(f, "invalid project name `{}`: {rule}", printable(name))
            }
            Error::DestinationNotEmpty { path } => {
                write!(f, "destination {} exists and is not empty", shown(path))
            }
            Error::DestinationIsFile { path } => {
                write!(f, "destination {} exists and is not a folder", shown(path))
            }
            Error::WouldReplace { path, files } => write!(
                f,
                "{} already has {}: groundwork never replaces a file that is there",
                shown(path),
                list(files)
            ),
            Error::UnsafePath {
                blueprint,
                file,
                rendered,
                rule,
            } => write!(
                f,
                "blueprint `{blueprint}`: file `{file}` would be written as `{rendered}`, which {rule}"
            ),
            Error::UnsafeTarget { path, rule } => {
                write!(f, "cannot write to {}: {rule}", shown(path))
            }
            Error::Manifest { blueprint, message } => {
                write!(f, "blueprint `{blueprint}` is invalid: {message}")
            }
            Error::Render {
                blueprint,
                file,
                message,
            }
            | Error::TemplateLimit {
                blueprint,
                file,
                message,
            } => write!(
                f,
                "blueprint `{blueprint}`: cannot render `{file}`: {message}"
            ),
            Error::Goal(message) => f.write_str(message),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", shown(path)),
            Error::Git { path, message } => {
                write!(f, "git failed in {}: {message}", shown(path))
            }
            Error::Cancelled => f.write_str("cancelled; nothing was written"),
            Error::InstallFailed {
                command, log, tail, ..
            } => write!(
                f,
                "the install command `{command}` failed; the end of {log}:\n{tail}"
            ),
            Error::NotReady => f.write_str("a toolchain is missing or too old (see above)"),
            Error::BlueprintFolder { path, message } => {
                write!(f, "cannot use blueprint folder {}: {message}", shown(path))
            }
            Error::InvalidBlueprint { path, message } => {
                write!(f, "the blueprint in {} is invalid: {message}", shown(path))
            }
            Error::CheckFailed {
                blueprint,
                problems,
            } => write!(
                f,
                "blueprint `{blueprint}` has {problems} problem{}",
                if *problems == 1 { "" } else { "s" }
            ),
            Error::BrokenPipe => f.write_str("standard output was closed"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod source_tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn an_io_error_keeps_its_source() {
        let error = Error::io(
            "write",
            "x",
            std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"),
        );
        assert_eq!(error.source().unwrap().to_string(), "disk full");
        assert_eq!(error.exit_code(), exit::FAILURE);
        assert!(Error::Cancelled.source().is_none());
    }
}
