//! Colour that follows the terminal: on for a terminal, off for pipes and files, off whenever
//! `NO_COLOR` is set, and overridable with `--color always|never`. Messages never carry colour
//! themselves: output code asks for a style here when it prints them.

use crate::cli::ColorChoice;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT: AtomicBool = AtomicBool::new(false);
static STDERR: AtomicBool = AtomicBool::new(false);

/// Decides once, at start-up, whether each stream gets colour.
pub(crate) fn init(choice: ColorChoice) {
    let decide = |is_terminal: bool| match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    };
    STDOUT.store(decide(std::io::stdout().is_terminal()), Ordering::Relaxed);
    STDERR.store(decide(std::io::stderr().is_terminal()), Ordering::Relaxed);
    let on = STDERR.load(Ordering::Relaxed);
    dialoguer::console::set_colors_enabled_stderr(on);
    dialoguer::console::set_colors_enabled(STDOUT.load(Ordering::Relaxed));
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Paint {
    Bold,
    Red,
    Green,
    Yellow,
    Cyan,
}

/// `text` with the style, when the stream gets colour; else `text` as it is.
pub(crate) fn paint(stream: Stream, paint: Paint, text: &str) -> String {
    let enabled = match stream {
        Stream::Stdout => STDOUT.load(Ordering::Relaxed),
        Stream::Stderr => STDERR.load(Ordering::Relaxed),
    };
    if !enabled {
        return text.to_string();
    }
    let code = match paint {
        Paint::Bold => "1",
        Paint::Red => "1;31",
        Paint::Green => "32",
        Paint::Yellow => "33",
        Paint::Cyan => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
