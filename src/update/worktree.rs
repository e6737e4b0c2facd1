//! The project's side of an update: what is not committed (an update refuses it unless
//! `--allow-dirty`), and the tree of the project as it is on disk, which is what gets merged.

use git2::{FileMode, Index, Oid, Repository, StatusOptions};
use std::collections::BTreeMap;
use std::path::Path;

/// Paths with changes that are not committed, untracked files included (ignored ones not), as
/// `git status --porcelain` names them, sorted.
pub(super) fn uncommitted(repo: &Repository) -> Result<Vec<String>, git2::Error> {
    let mut options = StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    let mut paths: Vec<String> = repo
        .statuses(Some(&mut options))?
        .iter()
        .filter_map(|entry| entry.path().ok().map(str::to_string))
        .collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// The tree of the work tree: HEAD's tree with every uncommitted path as it is on disk (a
/// deleted one left out). On a clean work tree, this is HEAD's tree.
pub(super) fn tree_of_work(
    repo: &Repository,
    project: &Path,
    head: &git2::Tree<'_>,
    uncommitted: &[String],
) -> Result<Oid, git2::Error> {
    let mut files = files_of(head)?;
    for path in uncommitted {
        let on_disk = project.join(path);
        match std::fs::symlink_metadata(&on_disk) {
            Ok(meta) if meta.is_file() => {
                let contents = std::fs::read(&on_disk)
                    .map_err(|e| git2::Error::from_str(&format!("cannot read {path}: {e}")))?;
                files.insert(
                    path.clone(),
                    (repo.blob(&contents)?, mode(is_executable(&meta))),
                );
            }
            _ => {
                files.remove(path);
            }
        }
    }
    write_tree(repo, &files)
}

/// Every entry of `tree` below its root, by path: its object and mode.
pub(super) fn files_of(tree: &git2::Tree<'_>) -> Result<BTreeMap<String, (Oid, u32)>, git2::Error> {
    let mut index = Index::new()?;
    index.read_tree(tree)?;
    Ok(index
        .iter()
        .map(|e| {
            (
                String::from_utf8_lossy(&e.path).into_owned(),
                (e.id, e.mode),
            )
        })
        .collect())
}

/// The mode of a file.
pub(super) fn mode(executable: bool) -> u32 {
    u32::from(if executable {
        FileMode::BlobExecutable
    } else {
        FileMode::Blob
    })
}

/// Writes the tree holding `files` (paths with `/`, each with its blob and mode).
pub(super) fn write_tree(
    repo: &Repository,
    files: &BTreeMap<String, (Oid, u32)>,
) -> Result<Oid, git2::Error> {
    let mut builder = repo.treebuilder(None)?;
    let mut folders: BTreeMap<&str, BTreeMap<String, (Oid, u32)>> = BTreeMap::new();
    for (path, (id, mode)) in files {
        if let Some((folder, rest)) = path.split_once('/') {
            folders
                .entry(folder)
                .or_default()
                .insert(rest.to_string(), (*id, *mode));
        } else {
            let mode = i32::try_from(*mode).expect("a git file mode fits in an i32");
            builder.insert(path, *id, mode)?;
        }
    }
    for (folder, inside) in folders {
        let id = write_tree(repo, &inside)?;
        builder.insert(folder, id, i32::from(FileMode::Tree))?;
    }
    builder.write()
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}
