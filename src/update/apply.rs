//! The disk work of an update, done only once everything is computed: every new file is first
//! written beside its place under a temporary name, and only when all of them are written are
//! they renamed into place and removed files deleted, with Ctrl-C held off. A failure while
//! writing removes the temporary files and folders made, so the project is as it was.

use super::merge::{FileChange, Status};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Writes `changes` into `project`, then runs `finish` (moving the base ref, committing), all
/// with Ctrl-C held off, so that an interruption never reports a half-done update as nothing.
pub(super) fn write<T>(
    project: &Path,
    changes: &[FileChange],
    finish: impl FnOnce() -> Result<T>,
) -> Result<T> {
    crate::write::without_interruption(|| {
        let mut staged = Staged::default();
        if let Err(e) = staged.stage(project, changes) {
            staged.undo();
            return Err(e);
        }
        for (temporary, target) in &staged.files {
            std::fs::rename(temporary, target).map_err(|e| Error::io("write", target, e))?;
        }
        for change in changes.iter().filter(|c| c.status == Status::Removed) {
            let path = project.join(&change.path);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io("remove", path, e));
                }
                _ => remove_empty_parents(project, &path),
            }
        }
        finish()
    })
}

/// Temporary files written so far, each with its place, and the folders made for them.
#[derive(Default)]
struct Staged {
    files: Vec<(PathBuf, PathBuf)>,
    folders: Vec<PathBuf>,
}

impl Staged {
    fn stage(&mut self, project: &Path, changes: &[FileChange]) -> Result<()> {
        for change in changes {
            let Some(contents) = &change.contents else {
                continue;
            };
            let target = project.join(&change.path);
            if target.is_dir() {
                return Err(Error::UnsafeTarget {
                    path: target,
                    rule: "a folder is where the update writes a file; move it away first".into(),
                });
            }
            let parent = target.parent().unwrap_or(project).to_path_buf();
            self.make_folders(project, &parent)?;
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temporary =
                parent.join(format!(".{name}.groundwork-update-{}", std::process::id()));
            self.files.push((temporary.clone(), target.clone()));
            std::fs::write(&temporary, contents).map_err(|e| Error::io("write", &temporary, e))?;
            set_executable(&temporary, change.executable)
                .map_err(|e| Error::io("set the mode of", &temporary, e))?;
        }
        Ok(())
    }

    /// Creates the missing folders between `project` and `dir`, outermost first.
    fn make_folders(&mut self, project: &Path, dir: &Path) -> Result<()> {
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|d| *d != project && !d.exists())
            .collect();
        for folder in missing.into_iter().rev() {
            std::fs::create_dir(folder).map_err(|e| Error::io("create", folder, e))?;
            self.folders.push(folder.to_path_buf());
        }
        Ok(())
    }

    fn undo(&self) {
        for (temporary, _) in &self.files {
            let _ = std::fs::remove_file(temporary);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

#[cfg(unix)]
fn set_executable(path: &Path, executable: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if executable { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_executable(_: &Path, _: bool) -> std::io::Result<()> {
    Ok(())
}

/// Removes the folders a removed file leaves empty, up to the project.
fn remove_empty_parents(project: &Path, file: &Path) {
    for dir in file.ancestors().skip(1) {
        if dir == project || std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}
