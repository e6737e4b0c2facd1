//! Everything that meets the person: where output goes (stdout for results, stderr for progress
//! and messages), colour, and the small formatting helpers the commands share. Only `lib.rs` and
//! the commands use it; nothing below them prints.

pub(crate) mod style;

pub(crate) use style::{Paint, Stream, paint};

use crate::error::{Error, Result};
use crate::text::{visible, visible_lines};
use std::io::Write;

/// Writes the command's main output to stdout. A closed pipe (`groundwork list | head -1`) is not
/// an error: it ends the command quietly.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Error::BrokenPipe
            } else {
                Error::io("write to", "standard output", e)
            }
        })
}

/// Writes progress and human messages to stderr, where they never mix with `--json` output.
pub(crate) fn say(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// An error as the person reads it: `error:` and the message, then `hint:` and the next step.
/// Messages quote blueprints and values, so each of their lines is shown [`visible`].
pub(crate) fn error_report(error: &Error) -> String {
    let mut message = format!(
        "{} {}\n",
        paint(Stream::Stderr, Paint::Red, "error:"),
        visible_lines(&error.to_string())
    );
    if let Some(hint) = error.hint() {
        message.push_str(&format!(
            "{} {}\n",
            paint(Stream::Stderr, Paint::Cyan, "hint:"),
            visible_lines(&hint)
        ));
    }
    message
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plain data serializes");
    text.push('\n');
    text
}

/// Quotes a path for a POSIX shell when it needs quoting.
pub(crate) fn shell_quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// A spinner on stderr for a long step; where stderr is not a terminal it prints the step's line
/// instead, once.
pub(crate) struct Spinner {
    bar: indicatif::ProgressBar,
}

impl Spinner {
    pub(crate) fn start(message: &str) -> Self {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        let message = visible(message);
        bar.set_message(message.to_string());
        if bar.is_hidden() {
            say(&format!("{message}\n"));
        }
        Spinner { bar }
    }

    pub(crate) fn stop(self) {
        self.bar.finish_and_clear();
    }
}
