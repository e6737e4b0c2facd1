//! Ctrl-C and SIGTERM: whenever one arrives, groundwork removes its temporary folder, restores the
//! terminal's cursor and exits with 130, so an interrupted run leaves the target untouched.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary folder to remove if the run is interrupted now.
static CLEANUP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Installs the handler; call once, early in `main`.
pub fn install() {
    // If a handler cannot be installed (another one exists), the default behaviour remains: the
    // process ends and the staging folder, named `.<target>.groundwork-<pid>`, may stay behind.
    let _ = ctrlc::set_handler(|| {
        let mut pending = CLEANUP
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(path) = pending.take() {
            let _ = std::fs::remove_dir_all(path);
        }
        let mut stderr = std::io::stderr();
        if stderr.is_terminal() {
            let _ = write!(stderr, "\x1b[?25h");
        }
        let _ = writeln!(stderr, "\ncancelled; nothing was written");
        std::process::exit(crate::error::exit::CANCELLED);
    });
}

pub fn register_cleanup(path: &Path) {
    *lock() = Some(path.to_path_buf());
}

pub fn clear_cleanup() {
    *lock() = None;
}

/// Runs `step` with interruption held off, for moves that must finish once begun.
pub fn without_interruption<T>(step: impl FnOnce() -> T) -> T {
    let _guard = lock();
    step()
}

fn lock() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    CLEANUP
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
