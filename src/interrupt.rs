//! Ctrl-C and SIGTERM: whenever one arrives, groundwork removes its temporary folder, restores the
//! terminal's cursor and exits with 130, so an interrupted run leaves the target untouched.
//!
//! The handler runs on its own thread while the main thread may be writing. Every step that
//! changes the disk (creating the staging folder, writing one file, moving the project into place)
//! runs while holding the same lock as the handler, so the handler waits for that one step to end,
//! then removes the staging folder and exits while still holding the lock: no file can be written
//! after the folder is gone.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What an interruption finds, and so what it must undo or report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Nothing is on the disk yet.
    Nothing,
    /// Parent folders of the target were created (outermost first) and must be removed.
    Parents(Vec<PathBuf>),
    /// A staging folder exists and must be removed, then the parent folders created for it.
    Staging(PathBuf, Vec<PathBuf>),
    /// The project is in place at this path (git or an install may still be running).
    Written(PathBuf),
}

static CLEANUP: Mutex<Pending> = Mutex::new(Pending::Nothing);

/// Installs the handler; call once, early in `main`.
pub fn install() {
    // If a handler cannot be installed (another one exists), the default behaviour remains: the
    // process ends and the staging folder, named `.<target>.groundwork-<pid>`, may stay behind.
    let _ = ctrlc::set_handler(|| {
        // Held until the process exits, so the main thread cannot start another write.
        let mut pending = lock();
        let message = clean_up(&mut pending);
        let mut stderr = std::io::stderr();
        if stderr.is_terminal() {
            let _ = write!(stderr, "\x1b[?25h");
        }
        let _ = writeln!(stderr, "\n{message}");
        std::process::exit(crate::error::exit::CANCELLED);
    });
}

/// What the handler does before exiting: removes a staging folder, and says what is left.
pub fn clean_up(pending: &mut Pending) -> String {
    match std::mem::replace(pending, Pending::Nothing) {
        Pending::Nothing => "cancelled; nothing was written".into(),
        Pending::Parents(parents) => {
            remove_folders(&parents);
            "cancelled; nothing was written".into()
        }
        Pending::Staging(path, parents) => match std::fs::remove_dir_all(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => format!(
                "cancelled; could not remove the temporary folder {}: {e}",
                path.display()
            ),
            _ => {
                remove_folders(&parents);
                "cancelled; nothing was written".into()
            }
        },
        Pending::Written(path) => format!(
            "cancelled; the project was already written to {} (it may lack its first commit)",
            path.display()
        ),
    }
}

/// Removes folders made for the target, innermost first; one that is not empty is kept.
fn remove_folders(outermost_first: &[PathBuf]) {
    for dir in outermost_first.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Creates the target's missing parent folders (outermost first) and registers each for removal,
/// one folder at a time. On an error, the folders it made are removed again.
pub fn create_parents(missing: &[PathBuf]) -> Result<(), (PathBuf, std::io::Error)> {
    for dir in missing {
        let mut pending = lock();
        if dir.is_dir() {
            // `a/..` in a target path names a folder made a step earlier (or that was there).
            continue;
        }
        if let Err(e) = std::fs::create_dir(dir) {
            if let Pending::Parents(made) = std::mem::replace(&mut *pending, Pending::Nothing) {
                remove_folders(&made);
            }
            return Err((dir.clone(), e));
        }
        match &mut *pending {
            Pending::Parents(made) => made.push(dir.clone()),
            other => *other = Pending::Parents(vec![dir.clone()]),
        }
    }
    Ok(())
}

/// After a failure: removes the parent folders registered for removal, and forgets them.
pub fn remove_parents() {
    let mut pending = lock();
    if let Pending::Parents(made) = std::mem::replace(&mut *pending, Pending::Nothing) {
        remove_folders(&made);
    }
}

/// Creates the staging folder and registers it for removal, as one step.
pub fn stage(path: &Path) -> std::io::Result<()> {
    let mut pending = lock();
    std::fs::create_dir(path)?;
    let parents = match std::mem::replace(&mut *pending, Pending::Nothing) {
        Pending::Parents(made) => made,
        _ => Vec::new(),
    };
    *pending = Pending::Staging(path.to_path_buf(), parents);
    Ok(())
}

/// Removes the staging folder (if `remove`) and forgets it, unless the project was moved into
/// place meanwhile.
pub fn unstage(path: &Path, remove: bool) {
    let mut pending = lock();
    if remove {
        let _ = std::fs::remove_dir_all(path);
    }
    if let Pending::Staging(staged, parents) = &mut *pending
        && staged == path
    {
        // The parents stay registered until `remove_parents` or a move into place.
        *pending = Pending::Parents(std::mem::take(parents));
    }
}

/// Runs `step` with interruption held off, for a write or a move that must finish once begun.
pub fn without_interruption<T>(step: impl FnOnce() -> T) -> T {
    let _guard = lock();
    step()
}

/// Runs the step that moves the project into place, with interruption held off; once it
/// succeeds, an interruption reports the project as written instead of removing anything.
pub fn move_into_place<T, E>(target: &Path, step: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let mut pending = lock();
    let outcome = step();
    if outcome.is_ok() {
        *pending = Pending::Written(target.to_path_buf());
    }
    outcome
}

fn lock() -> std::sync::MutexGuard<'static, Pending> {
    CLEANUP
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interruption_removes_the_staging_folder_and_everything_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".svc.groundwork-1");
        std::fs::create_dir_all(staging.join("src/deep")).unwrap();
        std::fs::write(staging.join("src/deep/file.txt"), "x").unwrap();
        let mut pending = Pending::Staging(staging.clone(), Vec::new());
        assert_eq!(clean_up(&mut pending), "cancelled; nothing was written");
        assert!(!staging.exists());
        assert_eq!(pending, Pending::Nothing);
        assert!(dir.path().read_dir().unwrap().next().is_none());
    }

    #[test]
    fn an_interruption_removes_the_parent_folders_made_for_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let parents = vec![dir.path().join("a"), dir.path().join("a/b")];
        std::fs::create_dir_all(&parents[1]).unwrap();
        let staging = parents[1].join(".svc.groundwork-1");
        std::fs::create_dir(&staging).unwrap();
        let mut pending = Pending::Staging(staging, parents);
        assert_eq!(clean_up(&mut pending), "cancelled; nothing was written");
        assert!(dir.path().read_dir().unwrap().next().is_none());
    }

    #[test]
    fn an_interruption_after_the_move_keeps_the_project_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        std::fs::create_dir(&target).unwrap();
        let mut pending = Pending::Written(target.clone());
        assert_eq!(
            clean_up(&mut pending),
            format!(
                "cancelled; the project was already written to {} (it may lack its first commit)",
                target.display()
            )
        );
        assert!(target.exists());
        assert_eq!(
            clean_up(&mut Pending::Nothing),
            "cancelled; nothing was written"
        );
    }
}
