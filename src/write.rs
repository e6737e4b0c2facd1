//! Everything groundwork does to the disk for a project, in one place: the target checks
//! (`inspect`, `conflicts`, `preflight`), staging, the move into place, and the cleanup after a
//! failure or an interruption (the signal handler in `interrupt` only asks for it).
//!
//! A plan is applied all or nothing. Files are written into a temporary folder beside the target
//! (inside it, when the target is an existing folder), the caller's last step before the move
//! (the first commit) runs there, and then everything is moved into place, so a failure or an
//! interruption at any point leaves no partial project, no repository and no temporary folder;
//! `--force` adds files to an existing folder without replacing any file in it.

use crate::error::{Error, Result};
use crate::render::PlannedFile;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// What is at the target before generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Nothing there yet (its parent folders may be missing too).
    Missing,
    /// An empty folder.
    Empty,
    /// A folder with files in it; allowed only with `--force`.
    NonEmpty,
}

/// Longest file name most file systems accept (ext4, XFS, APFS, NTFS), in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Longest path the OS accepts in one call, in bytes, with room for the final NUL.
#[cfg(target_os = "linux")]
const MAX_PATH_BYTES: usize = 4095;
#[cfg(not(target_os = "linux"))]
const MAX_PATH_BYTES: usize = 1023;

/// Looks at the target, refusing what cannot be written to.
pub(crate) fn inspect(target: &Path, force: bool) -> Result<Target> {
    if target.as_os_str().len() > MAX_PATH_BYTES {
        return Err(Error::UnsafeTarget {
            path: target.to_path_buf(),
            rule: format!(
                "its path is {} bytes long; the system allows {MAX_PATH_BYTES}",
                target.as_os_str().len()
            ),
        });
    }
    if let Some(long) = target
        .components()
        .map(std::path::Component::as_os_str)
        .find(|c| c.len() > MAX_NAME_BYTES)
    {
        return Err(Error::UnsafeTarget {
            path: target.to_path_buf(),
            rule: format!(
                "a folder name in it is {} bytes long; file systems allow {MAX_NAME_BYTES}",
                long.len()
            ),
        });
    }
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
pub(crate) fn conflicts(files: &[PlannedFile], target: &Path) -> Vec<String> {
    files
        .iter()
        .filter(|f| fs::symlink_metadata(target.join(&f.path)).is_ok())
        .map(|f| f.path.clone())
        .collect()
}

/// Refuses, before anything is written, a plan that could not be written whole: a path longer
/// than the OS accepts, or (with `--force`) a symbolic link in the way that would lead a file out
/// of the target.
pub(crate) fn preflight(files: &[PlannedFile], target: &Path, state: Target) -> Result<()> {
    let longest = files.iter().map(|f| f.path.len()).max().unwrap_or(0);
    let staging = staging_path(target, state);
    let deepest = target.as_os_str().len().max(staging.as_os_str().len()) + 1 + longest;
    if deepest > MAX_PATH_BYTES {
        return Err(Error::UnsafeTarget {
            path: target.to_path_buf(),
            rule: format!(
                "its deepest file would have a path of {deepest} bytes; the system allows {MAX_PATH_BYTES} (choose a shorter folder path)"
            ),
        });
    }
    if state == Target::NonEmpty {
        for file in files {
            let mut inside = target.to_path_buf();
            for segment in file.path.split('/') {
                inside.push(segment);
                match fs::symlink_metadata(&inside) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        return Err(Error::UnsafeTarget {
                            path: inside,
                            rule: "it is a symbolic link, and groundwork never writes through one (a file could land outside the project folder); remove the link or generate into a new folder".into(),
                        });
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        }
    }
    Ok(())
}

/// Writes the plan to `target`, which `inspect` has looked at. `finish` runs in the staging
/// folder once every file is in it, before anything is moved into place, with interruption held
/// off (an interruption waits for it, then removes the staging folder): what it adds there (the
/// repository, `.git`) is moved into place with the files, and its result is returned.
pub(crate) fn apply<T>(
    files: &[PlannedFile],
    target: &Path,
    state: Target,
    finish: impl FnOnce(&Path) -> T,
) -> Result<T> {
    preflight(files, target, state)?;
    let created_parents = create_parents(target)?;
    let result = match state {
        Target::Missing => write_fresh(files, target, finish),
        // An existing folder is kept (it may be the shell's current folder, as in `new .`): the
        // files are moved into it.
        Target::Empty | Target::NonEmpty => write_into(files, target, finish),
    };
    if result.is_err() && !created_parents.is_empty() {
        remove_parents();
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
    register_parents(&missing).map_err(|(dir, e)| Error::io("create folder", dir, e))?;
    Ok(missing)
}

/// A temporary folder that removes itself unless it was renamed into place.
struct Staging {
    path: PathBuf,
    armed: bool,
}

/// The staging folder for `target`: hidden, on the same file system as the target so that moves
/// are renames, and named after the process. For a new target it is beside it, named after it too
/// (never longer than a file name may be); for an existing folder it is inside it, so that only
/// that folder needs to be writable.
fn staging_path(target: &Path, state: Target) -> PathBuf {
    if state != Target::Missing {
        return target.join(format!(".groundwork-{}", std::process::id()));
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut name = target
        .file_name()
        .map_or_else(|| "project".into(), |n| n.to_string_lossy().into_owned());
    if name.len() > 200 {
        let mut cut = 200;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    parent.join(format!(".{name}.groundwork-{}", std::process::id()))
}

impl Staging {
    fn new(target: &Path, state: Target) -> Result<Self> {
        let path = staging_path(target, state);
        if let Some(parent) = path.parent() {
            remove_stale_staging(parent);
        }
        stage(&path).map_err(|e| Error::io("create the temporary folder", &path, e))?;
        Ok(Staging { path, armed: true })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        unstage(&self.path, self.armed);
    }
}

/// Removes the staging folders in `parent` that a run killed before it could clean up (`kill
/// -9`, a power cut) left behind: those named after a process that no longer exists. Only where
/// the system lists its processes in `/proc`; elsewhere they stay.
fn remove_stale_staging(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(staging_pid) else {
            continue;
        };
        if pid != std::process::id()
            && !process_exists(pid).unwrap_or(true)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in a staging folder's name: `.NAME.groundwork-PID` or `.groundwork-PID`.
fn staging_pid(name: &str) -> Option<u32> {
    let (before, pid) = name.rsplit_once(".groundwork-")?;
    let named_right = before.is_empty() || (before.starts_with('.') && before.len() > 1);
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    (named_right && digits).then(|| pid.parse().ok()).flatten()
}

/// Whether process `pid` is running; `None` where that cannot be told.
fn process_exists(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

fn write_fresh<T>(
    files: &[PlannedFile],
    target: &Path,
    finish: impl FnOnce(&Path) -> T,
) -> Result<T> {
    let mut staging = Staging::new(target, Target::Missing)?;
    write_files(files, &staging.path, target)?;
    let finished = without_interruption(|| finish(&staging.path));
    move_into_place(target, || {
        fs::rename(&staging.path, target).map_err(|e| Error::io("move into place", target, e))?;
        staging.armed = false;
        Ok(())
    })?;
    Ok(finished)
}

fn write_into<T>(
    files: &[PlannedFile],
    target: &Path,
    finish: impl FnOnce(&Path) -> T,
) -> Result<T> {
    let mut staging = Staging::new(target, Target::NonEmpty)?;
    write_files(files, &staging.path, target)?;
    let planned_tops = top_level_names(&staging.path);
    let finished = without_interruption(|| finish(&staging.path));
    let added: Vec<String> = top_level_names(&staging.path)
        .into_iter()
        .filter(|name| !planned_tops.contains(name))
        .collect();
    move_into_place(target, || {
        move_into(files, &added, target, &staging.path)?;
        // Only empty folders are left in it; removed in the same step, so that an interruption
        // right after the move cannot leave them in the project.
        let _ = fs::remove_dir_all(&staging.path);
        staging.armed = false;
        Ok(())
    })?;
    Ok(finished)
}

/// The names of the entries directly in `dir`.
fn top_level_names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Moves every staged file, then each entry named in `added` (a repository), into `target`,
/// undoing the moves if one fails.
fn move_into(files: &[PlannedFile], added: &[String], target: &Path, staging: &Path) -> Result<()> {
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut moved_folders: Vec<PathBuf> = Vec::new();
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let outcome = (|| {
        for name in added {
            let destination = target.join(name);
            place_folder(&staging.join(name), &destination)
                .map_err(|e| Error::io("move into place", &destination, e))?;
            moved_folders.push(destination);
        }
        for file in files {
            let destination = target.join(&file.path);
            if let Some(parent) = destination.parent() {
                make_dirs(parent, &mut made_dirs)?;
            }
            match place(&staging.join(&file.path), &destination) {
                Ok(()) => moved.push(destination),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::io(
                        "write",
                        &destination,
                        std::io::Error::new(
                            std::io::ErrorKind::AlreadyExists,
                            "it appeared while writing",
                        ),
                    ));
                }
                Err(e) => return Err(Error::io("move into place", &destination, e)),
            }
        }
        Ok(())
    })();
    if outcome.is_err() {
        for file in moved.iter().rev() {
            let _ = fs::remove_file(file);
        }
        for folder in moved_folders.iter().rev() {
            let _ = fs::remove_dir_all(folder);
        }
        for dir in made_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
    outcome
}

/// Moves one staged file to `destination`, failing if anything is there, in one step: a hard
/// link cannot replace a file, so two runs into one folder can never overwrite (and then, rolling
/// back, delete) each other's files. Where the file system has no hard links, a look and a rename
/// is as close as it gets.
fn place(staged: &Path, destination: &Path) -> std::io::Result<()> {
    match fs::hard_link(staged, destination) {
        Ok(()) => {
            // The staging folder is removed whole afterwards, so a link left here costs nothing.
            let _ = fs::remove_file(staged);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if fs::symlink_metadata(destination).is_ok() {
                return Err(std::io::ErrorKind::AlreadyExists.into());
            }
            fs::rename(staged, destination)
        }
    }
}

/// Moves a staged folder to `destination` by one rename, failing if anything is there. A rename
/// would replace an empty folder, so the look comes first; this moves only what the last step
/// added (the repository), which no other run creates in the same place.
fn place_folder(staged: &Path, destination: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(destination).is_ok() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "it is already there",
        ));
    }
    fs::rename(staged, destination)
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
fn write_files(files: &[PlannedFile], root: &Path, shown_as: &Path) -> Result<()> {
    for file in files {
        let path = root.join(&file.path);
        let shown = shown_as.join(&file.path);
        // One file at a time with interruption held off: an interruption waits for this file,
        // then removes the whole staging folder (see `interrupt`).
        without_interruption(|| {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| Error::io("create folder for", &shown, e))?;
            }
            write_file(&path, &file.contents, file.executable)
                .map_err(|e| Error::io("write", &shown, e))
        })?;
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

// Cleanup after an interruption. The signal handler runs on its own thread while the main thread
// may be writing. Every step that changes the disk (creating the staging folder, writing one file,
// moving the project into place) runs while holding the same lock as the handler, so the handler
// waits for that one step to end, then removes the staging folder and exits while still holding
// the lock: no file can be written after the folder is gone.

/// What an interruption finds, and so what it must undo or report.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    /// Nothing is on the disk yet.
    Nothing,
    /// Parent folders of the target were created (outermost first) and must be removed.
    Parents(Vec<PathBuf>),
    /// A staging folder exists and must be removed, then the parent folders created for it.
    Staging(PathBuf, Vec<PathBuf>),
    /// The project is in place at this path, with its first commit when one was made (an install
    /// may still be running).
    Written(PathBuf),
}

static CLEANUP: Mutex<Pending> = Mutex::new(Pending::Nothing);

/// Set by the signal handler before it waits for the lock. A lock does not queue its waiters, so
/// the main thread could take it again first; the move into place looks here and leaves the
/// lock to the handler instead.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// For the signal handler: undoes what this run has on the disk and passes `finish` the message
/// saying what is left, still holding the lock, so that no write can start after the cleanup (the
/// handler exits in `finish`).
pub(crate) fn clean_up_after_interruption<T>(finish: impl FnOnce(String) -> T) -> T {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let mut pending = lock();
    let message = clean_up(&mut pending);
    finish(message)
}

/// What the handler does before exiting: removes a staging folder, and says what is left.
fn clean_up(pending: &mut Pending) -> String {
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
            "cancelled; the project was already complete in {}",
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
fn register_parents(missing: &[PathBuf]) -> Result<(), (PathBuf, std::io::Error)> {
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
fn remove_parents() {
    let mut pending = lock();
    if let Pending::Parents(made) = std::mem::replace(&mut *pending, Pending::Nothing) {
        remove_folders(&made);
    }
}

/// Creates the staging folder and registers it for removal, as one step.
fn stage(path: &Path) -> std::io::Result<()> {
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
fn unstage(path: &Path, remove: bool) {
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
pub(crate) fn without_interruption<T>(step: impl FnOnce() -> T) -> T {
    let _guard = lock();
    step()
}

/// Runs the step that moves the project into place, with interruption held off; once it
/// succeeds, an interruption reports the project as written instead of removing anything.
pub(crate) fn move_into_place<T, E>(
    target: &Path,
    step: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let mut pending = lock();
    if INTERRUPTED.load(Ordering::SeqCst) {
        // An interruption arrived during the step before (the commit): the handler is waiting
        // for the lock to remove the staging folder and exit, so nothing is moved.
        drop(pending);
        loop {
            std::thread::park();
        }
    }
    let outcome = step();
    if outcome.is_ok() {
        *pending = Pending::Written(target.to_path_buf());
    }
    outcome
}

fn lock() -> std::sync::MutexGuard<'static, Pending> {
    CLEANUP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_give_their_process_id() {
        assert_eq!(staging_pid(".svc.groundwork-123"), Some(123));
        assert_eq!(staging_pid(".groundwork-7"), Some(7));
        assert_eq!(staging_pid(".a.b.groundwork-42"), Some(42));
        for other in [
            "svc.groundwork-1",
            "..groundwork-1",
            ".svc.groundwork-",
            ".svc.groundwork-12x",
            ".svc",
            "notes.txt",
        ] {
            assert_eq!(staging_pid(other), None, "{other}");
        }
    }

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
    fn what_the_last_step_adds_in_the_staging_folder_moves_into_place_with_the_files() {
        for existing in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("svc");
            if existing {
                std::fs::create_dir(&target).unwrap();
                std::fs::write(target.join("notes.txt"), "mine").unwrap();
            }
            let state = inspect(&target, true).unwrap();
            let files = vec![PlannedFile::plain("src/app.txt", b"app".to_vec())];
            let finished = apply(&files, &target, state, |staging| {
                assert!(staging.join("src/app.txt").is_file());
                assert!(!target.join("src").exists(), "nothing is in place yet");
                std::fs::create_dir_all(staging.join(".git/objects")).unwrap();
                std::fs::write(staging.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
                "committed"
            })
            .unwrap();
            assert_eq!(finished, "committed");
            assert_eq!(
                std::fs::read_to_string(target.join(".git/HEAD")).unwrap(),
                "ref: refs/heads/main\n"
            );
            assert_eq!(std::fs::read(target.join("src/app.txt")).unwrap(), b"app");
            let mut names = top_level_names(&target);
            names.sort();
            let expected: &[&str] = if existing {
                &[".git", "notes.txt", "src"]
            } else {
                &[".git", "src"]
            };
            assert_eq!(names, expected);
            assert_eq!(top_level_names(dir.path()), vec!["svc"]);
        }
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
                "cancelled; the project was already complete in {}",
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
