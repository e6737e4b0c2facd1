//! Ctrl-C and SIGTERM: the signal plumbing only. Whenever one arrives, the handler asks `write` to
//! undo what the run has on the disk, restores the terminal's cursor and exits with 130, so an
//! interrupted run leaves the target untouched.

use std::io::{IsTerminal, Write};

/// Installs the handler; call once, early in `main`.
pub fn install() {
    // If a handler cannot be installed (another one exists), the default behaviour remains: the
    // process ends and the staging folder, named `.<target>.groundwork-<pid>`, stays behind until
    // the next run into the same folder removes it.
    let _ = ctrlc::set_handler(|| {
        crate::write::clean_up_after_interruption(|message| {
            let mut stderr = std::io::stderr();
            if stderr.is_terminal() {
                let _ = write!(stderr, "\x1b[?25h");
            }
            let _ = writeln!(stderr, "\n{message}");
            std::process::exit(crate::error::exit::CANCELLED)
        });
    });
}
