//! One module per subcommand; each takes its parsed arguments and writes its own output.

pub mod blueprint;
pub mod doctor;
pub mod list;
pub mod new;
pub mod recommend;
pub mod show;

use crate::error::{Error, Result};
use std::io::Write;

/// Writes the command's main output to stdout. A closed pipe (`groundwork list | head -1`) is not
/// an error: it ends the command quietly.
pub fn print(text: &str) -> Result<()> {
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
pub fn say(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plain data serializes");
    text.push('\n');
    text
}

/// Cuts text to `width` characters, marking the cut with an ellipsis.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Quotes a path for a POSIX shell when it needs quoting.
pub fn shell_quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
