//! The one error type of groundwork. Variants carry data, not formatting choices: `main` decides how
//! to show them, and every variant knows its exit code and, where there is one, the next step to take.

use crate::text::{excerpt, visible};
use std::fmt;
use std::path::PathBuf;

/// The documented exit codes (docs/reference.md, "Exit codes").
pub(crate) mod exit {
    pub(crate) const SUCCESS: i32 = 0;
    /// Something failed while generating: I/O, git, a command that groundwork ran.
    pub(crate) const FAILURE: i32 = 1;
    /// The command line, an answers file or an answer was wrong; nothing was written.
    pub(crate) const USAGE: i32 = 2;
    /// The user cancelled (Ctrl-C, Esc); nothing was written.
    pub(crate) const CANCELLED: i32 = 130;
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
    /// A value holds a character that hides or reorders text (see `options::HiddenCharacter`).
    HiddenCharacter {
        key: String,
        /// Where the value came from: the `AnswerSource` tag ("flag", "answers file", ...).
        source: &'static str,
        found: crate::options::HiddenCharacter,
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
    /// The project folder's path is not valid UTF-8.
    NonUtf8Path {
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
    /// Values put in a file's path make it `.groundwork.toml`, the record groundwork writes itself.
    ValueMakesRecordPath {
        file: String,
        values: Vec<BlamedValue>,
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
    /// `update` could not start, or ended with conflicts; the problem knows its code and hint.
    Update(crate::update::Problem),
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// An answer that an error is about: its key, its value, and where it came from once known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlamedValue {
    pub key: String,
    pub value: String,
    pub source: Option<&'static str>,
}

/// The variables whose value is the project name's, or derived from it.
const NAME_VARIABLES: &[&str] = &[
    "project_name",
    "project_slug",
    "package_name",
    "class_name",
    "java_segment",
];

impl Error {
    pub(crate) fn io(
        action: impl Into<String>,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            action: action.into(),
            path: path.into(),
            source,
        }
    }

    /// The error for a file whose templated path `file` renders to the project's record: it names
    /// the answers used in that path (the project name for the variables derived from it).
    pub(crate) fn value_makes_record_path(file: &str, answers: &crate::answers::Answers) -> Self {
        let mut values: Vec<BlamedValue> = Vec::new();
        let statements = file
            .split("{{")
            .skip(1)
            .filter_map(|s| s.split("}}").next());
        for word in statements.flat_map(str::split_whitespace) {
            let key = if NAME_VARIABLES.contains(&word) {
                "name"
            } else {
                word
            };
            if let Some(value) = answers.get(key)
                && !values.iter().any(|v| v.key == key)
            {
                values.push(BlamedValue {
                    key: key.to_string(),
                    value: value.to_string(),
                    source: None,
                });
            }
        }
        Error::ValueMakesRecordPath {
            file: file.to_string(),
            values,
        }
    }

    /// The same error with the source of each value it blames taken from `answers`.
    #[must_use]
    pub(crate) fn with_sources(mut self, answers: &crate::answers::SourcedAnswers) -> Self {
        if let Error::ValueMakesRecordPath { values, .. } = &mut self {
            for blamed in values {
                blamed.source = answers.get(&blamed.key).map(|a| a.source.tag());
            }
        }
        self
    }

    pub(crate) fn exit_code(&self) -> i32 {
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
            Error::Update(problem) => problem.exit_code(),
            Error::UnknownFramework { .. }
            | Error::UnknownOption { .. }
            | Error::InvalidValue { .. }
            | Error::HiddenCharacter { .. }
            | Error::MalformedSet { .. }
            | Error::AnswersFile { .. }
            | Error::ConfigFile { .. }
            | Error::BlueprintMismatch { .. }
            | Error::MissingAnswer { .. }
            | Error::NoDefault { .. }
            | Error::InvalidName { .. }
            | Error::DestinationNotEmpty { .. }
            | Error::DestinationIsFile { .. }
            | Error::NonUtf8Path { .. }
            | Error::WouldReplace { .. }
            | Error::UnsafePath { .. }
            | Error::ValueMakesRecordPath { .. }
            | Error::UnsafeTarget { .. }
            | Error::Goal(_)
            | Error::BlueprintFolder { .. }
            | Error::InvalidBlueprint { .. }
            | Error::TemplateLimit { .. } => exit::USAGE,
        }
    }

    /// The next step a user can take, where there is an obvious one.
    pub(crate) fn hint(&self) -> Option<String> {
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
                "choose another value for the option used in that path: no leading `/`, no empty, `.` or `..` segment, nothing git reads as `.git` (`.GIT`, `.git.`, `git~1`), no Windows device name (CON, NUL, COM1...), no `\\`, `:` or control character, no two paths that differ only by case; nothing was written".into(),
            ),
            Error::ValueMakesRecordPath { values, .. } => Some(format!(
                "choose another value for {}; nothing was written",
                values
                    .iter()
                    .map(|v| format!("`{}`", excerpt(&v.key)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
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
            Error::NonUtf8Path { .. } => Some(
                "choose a folder whose path is UTF-8 text; nothing was written".into(),
            ),
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
            Error::Update(problem) => Some(problem.hint()),
            _ => None,
        }
    }
}

/// A path as a message shows it, with control characters escaped.
fn shown(path: &std::path::Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

fn did_you_mean(f: &mut fmt::Formatter<'_>, closest: Option<&String>) -> fmt::Result {
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
            Error::UnknownFramework { .. }
            | Error::UnknownOption { .. }
            | Error::InvalidValue { .. }
            | Error::HiddenCharacter { .. }
            | Error::MalformedSet { .. }
            | Error::InvalidName { .. }
            | Error::ValueMakesRecordPath { .. } => self.fmt_value(f),
            Error::AnswersFile { .. }
            | Error::ConfigFile { .. }
            | Error::BlueprintMismatch { .. }
            | Error::MissingAnswer { .. }
            | Error::NoDefault { .. } => self.fmt_answer_source(f),
            Error::DestinationNotEmpty { .. }
            | Error::DestinationIsFile { .. }
            | Error::NonUtf8Path { .. }
            | Error::WouldReplace { .. }
            | Error::UnsafeTarget { .. }
            | Error::Io { .. }
            | Error::Git { .. } => self.fmt_disk(f),
            Error::UnsafePath { .. }
            | Error::Manifest { .. }
            | Error::Render { .. }
            | Error::TemplateLimit { .. }
            | Error::BlueprintFolder { .. }
            | Error::InvalidBlueprint { .. }
            | Error::CheckFailed { .. } => self.fmt_blueprint(f),
            Error::Goal(message) => f.write_str(message),
            Error::Cancelled => f.write_str("cancelled; nothing was written"),
            Error::InstallFailed {
                command, log, tail, ..
            } => write!(
                f,
                "the install command `{command}` failed; the end of {log}:\n{tail}"
            ),
            Error::NotReady => f.write_str("a toolchain is missing or too old (see above)"),
            Error::BrokenPipe => f.write_str("standard output was closed"),
            Error::Update(problem) => problem.fmt(f),
        }
    }
}

/// The messages, one function per family of errors.
impl Error {
    /// A value given or derived that does not fit: which one, and why.
    fn fmt_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownFramework { given, closest, .. } => {
                write!(f, "unknown framework `{}`", excerpt(given))?;
                did_you_mean(f, closest.as_ref())
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
                    excerpt(key)
                )?;
                did_you_mean(f, closest.as_ref())
            }
            Error::InvalidValue { key, value, rule } => {
                write!(
                    f,
                    "invalid value `{}` for `{}`: {rule}",
                    excerpt(value),
                    excerpt(key)
                )
            }
            Error::HiddenCharacter { key, source, found } => write!(
                f,
                "invalid value for `{}` (from the {source}): {found}",
                excerpt(key)
            ),
            Error::MalformedSet { given } if given.contains('=') => write!(
                f,
                "`--set {}` has no key before `=`: expected key=value",
                excerpt(given)
            ),
            Error::MalformedSet { given } => write!(
                f,
                "`--set {}` has no `=`: expected key=value",
                excerpt(given)
            ),
            Error::InvalidName { name, rule } => {
                write!(f, "invalid project name `{}`: {rule}", excerpt(name))
            }
            Error::ValueMakesRecordPath { file, values } => {
                let blamed = values
                    .iter()
                    .map(|v| {
                        let source = v
                            .source
                            .map(|s| format!(" (from the {s})"))
                            .unwrap_or_default();
                        format!("`{}` = `{}`{source}", excerpt(&v.key), excerpt(&v.value))
                    })
                    .collect::<Vec<_>>()
                    .join(" and ");
                write!(
                    f,
                    "{blamed} turns the blueprint's file `{}` into `{}`, the project's record, which groundwork writes itself",
                    excerpt(file),
                    crate::answers::RECORD_FILE
                )
            }
            other => unreachable!("not a value error: {other:?}"),
        }
    }

    /// Where answers come from: an answers file, the defaults file, flags, a terminal.
    fn fmt_answer_source(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
            other => unreachable!("not an answer source error: {other:?}"),
        }
    }

    /// The target folder and the disk: what is there, and what failed.
    fn fmt_disk(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::DestinationNotEmpty { path } => {
                write!(f, "destination {} exists and is not empty", shown(path))
            }
            Error::DestinationIsFile { path } => {
                write!(f, "destination {} exists and is not a folder", shown(path))
            }
            Error::NonUtf8Path { path } => write!(
                f,
                "the folder {} is not UTF-8 text: its name would be recorded with U+FFFD in place of the bytes, and the printed `cd` would not find it",
                shown(path)
            ),
            Error::WouldReplace { path, files } => write!(
                f,
                "{} already has {}: groundwork never replaces a file that is there",
                shown(path),
                list(files)
            ),
            Error::UnsafeTarget { path, rule } => {
                write!(f, "cannot write to {}: {rule}", shown(path))
            }
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", shown(path)),
            Error::Git { path, message } => {
                write!(f, "git failed in {}: {message}", shown(path))
            }
            other => unreachable!("not a disk error: {other:?}"),
        }
    }

    /// A blueprint that does not load, render or pass its checks.
    fn fmt_blueprint(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnsafePath {
                blueprint,
                file,
                rendered,
                rule,
            } => write!(
                f,
                "blueprint `{blueprint}`: file `{file}` would be written as `{rendered}`, which {rule}"
            ),
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
            other => unreachable!("not a blueprint error: {other:?}"),
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

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    #[test]
    fn an_invalid_value_message_echoes_an_excerpt() {
        let error = Error::InvalidValue {
            key: "description".into(),
            value: "y".repeat(50 * 1024 * 1024),
            rule: "it is too long".into(),
        };
        assert_eq!(
            error.to_string(),
            format!(
                "invalid value `{}… (52428800 bytes)` for `description`: it is too long",
                "y".repeat(80)
            )
        );
    }
}
