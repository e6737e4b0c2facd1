//! Applies a plan to the disk, all or nothing. Files are written into a temporary folder beside the
//! target and then renamed into place, so a failure at any point leaves no partial project and no
//! temporary folder; `--force` adds files to an existing folder without replacing any file in it.

use crate::error::{Error, Result};
use crate::render::Plan;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is at the target before generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing there yet (its parent folders may be missing too).
    Missing,
    /// An empty folder.
    Empty,
    /// A folder with files in it; allowed only with `--force`.
    NonEmpty,
}

/// Looks at the target, refusing what cannot be written to.
pub fn inspect(target: &Path, force: bool) -> Result<Target> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Target::Missing),
        Err(e) => Err(Error::io("inspect", target, e)),
        Ok(meta) if !meta.is_dir() => Err(Error::DestinationIsFile {
            path: target.to_path_buf(),
        }),
        Ok(_) => {
            let mut entries = fs::read_dir(target).map_err(|e| Error::io("read", target, e))?;
            match entries.next() {
                None => Ok(Target::Empty),
                Some(_) if force => Ok(Target::NonEmpty),
                Some(_) => Err(Error::DestinationNotEmpty {
                    path: target.to_path_buf(),
                }),
            }
        }
    }
}

/// Paths of the plan that already exist in the target (only possible with `--force`).
pub fn conflicts(plan: &Plan, target: &Path) -> Vec<String> {
    plan.files
        .iter()
        .filter(|f| fs::symlink_metadata(target.join(&f.path)).is_ok())
        .map(|f| f.path.clone())
        .collect()
}

/// Writes the plan to `target`, which `inspect` has looked at.
pub fn apply(plan: &Plan, target: &Path, state: Target) -> Result<()> {
    let created_parents = create_parents(target)?;
    let result = match state {
        Target::Missing | Target::Empty => write_fresh(plan, target),
        Target::NonEmpty => write_into(plan, target),
    };
    if result.is_err() {
        for dir in created_parents.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
    result
}

/// Creates the target's missing parent folders, returning them (outermost first) so that a
/// failure can remove them again.
fn create_parents(target: &Path) -> Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut current = target.parent();
    while let Some(dir) = current {
        if dir.as_os_str().is_empty() || dir.exists() {
            break;
        }
        missing.push(dir.to_path_buf());
        current = dir.parent();
    }
    missing.reverse();
    for (made, dir) in missing.iter().enumerate() {
        if let Err(e) = fs::create_dir(dir) {
            for created in missing[..made].iter().rev() {
                let _ = fs::remove_dir(created);
            }
            return Err(Error::io("create folder", dir, e));
        }
    }
    Ok(missing)
}

/// A temporary folder that removes itself unless it was renamed into place.
struct Staging {
    path: PathBuf,
    armed: bool,
}

impl Staging {
    fn beside(target: &Path) -> Result<Self> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".into());
        let path = parent.join(format!(".{name}.groundwork-{}", std::process::id()));
        fs::create_dir(&path).map_err(|e| Error::io("create folder", &path, e))?;
        crate::interrupt::register_cleanup(&path);
        Ok(Staging { path, armed: true })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.path);
        }
        crate::interrupt::clear_cleanup();
    }
}

fn write_fresh(plan: &Plan, target: &Path) -> Result<()> {
    let mut staging = Staging::beside(target)?;
    write_files(plan, &staging.path, target)?;
    crate::interrupt::without_interruption(|| {
        fs::rename(&staging.path, target).map_err(|e| Error::io("move into place", target, e))?;
        staging.armed = false;
        Ok(())
    })
}

fn write_into(plan: &Plan, target: &Path) -> Result<()> {
    let staging = Staging::beside(target)?;
    write_files(plan, &staging.path, target)?;
    crate::interrupt::without_interruption(|| move_into(plan, target, &staging.path))
}

/// Moves every staged file into `target`, undoing the moves if one fails.
fn move_into(plan: &Plan, target: &Path, staging: &Path) -> Result<()> {
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let outcome = (|| {
        for file in &plan.files {
            let destination = target.join(&file.path);
            if let Some(parent) = destination.parent() {
                make_dirs(parent, &mut made_dirs)?;
            }
            if fs::symlink_metadata(&destination).is_ok() {
                return Err(Error::io(
                    "write",
                    &destination,
                    std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "it appeared while writing",
                    ),
                ));
            }
            fs::rename(staging.join(&file.path), &destination)
                .map_err(|e| Error::io("move into place", &destination, e))?;
            moved.push(destination);
        }
        Ok(())
    })();
    if outcome.is_err() {
        for file in moved.iter().rev() {
            let _ = fs::remove_file(file);
        }
        for dir in made_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
    outcome
}

fn make_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_dirs(parent, made)?;
    }
    fs::create_dir(dir).map_err(|e| Error::io("create folder", dir, e))?;
    made.push(dir.to_path_buf());
    Ok(())
}

/// Writes every file under `root`; errors name the file's final path under `shown_as`.
fn write_files(plan: &Plan, root: &Path, shown_as: &Path) -> Result<()> {
    for file in &plan.files {
        let path = root.join(&file.path);
        let shown = shown_as.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("create folder for", &shown, e))?;
        }
        write_file(&path, &file.contents, file.executable)
            .map_err(|e| Error::io("write", &shown, e))?;
    }
    Ok(())
}

fn write_file(path: &Path, contents: &[u8], executable: bool) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if executable { 0o777 } else { 0o666 });
    }
    #[cfg(not(unix))]
    let _ = executable;
    options.open(path)?.write_all(contents)
}
