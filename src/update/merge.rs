//! The three-way merge of an update, in memory: the base (what groundwork rendered before), the
//! project as it is (ours) and the new render (theirs), merged by git's own tree merge with
//! renames followed. The result is the list of files that differ from the project, each with
//! what happened to it and its new contents; conflicts carry git's markers.

use super::worktree::files_of;
use crate::answers::RECORD_FILE;
use git2::{
    FileMode, Index, MergeFileInput, MergeFileOptions, MergeOptions, Oid, Repository, Tree,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What an update does to one file of the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    /// New in the blueprint (or its new name, after a rename).
    Added,
    /// The blueprint changed it and the team had not: the blueprint's version.
    Updated,
    /// Both changed it, in different lines: merged.
    Merged,
    /// Both changed it in the same lines, or one side removed it: see [`Conflict`].
    Conflict,
    /// The blueprint removed (or renamed) it, and the team had not changed it.
    Removed,
}

impl Status {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Updated => "updated",
            Status::Merged => "merged",
            Status::Conflict => "conflict",
            Status::Removed => "removed",
        }
    }
}

/// Why a file is in conflict, and what the work tree holds for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Conflict {
    /// Both sides changed the same lines: the file has `<<<<<<<` markers.
    SameLines,
    /// The team deleted the file and the blueprint changed it: the blueprint's version is
    /// written; delete it again if it is still not wanted.
    DeletedByTeam,
    /// The blueprint removed the file and the team changed it: the team's version stays.
    RemovedByBlueprint,
    /// A binary file both changed: the team's version stays.
    Binary,
}

impl Conflict {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Conflict::SameLines => "both changed the same lines",
            Conflict::DeletedByTeam => {
                "you deleted it and the blueprint changed it: the blueprint's version is back"
            }
            Conflict::RemovedByBlueprint => {
                "the blueprint removed it and you changed it: your version stays"
            }
            Conflict::Binary => "a binary file both changed: your version stays",
        }
    }
}

/// One file the update changes.
#[derive(Debug, Clone)]
pub(crate) struct FileChange {
    pub path: String,
    pub status: Status,
    pub conflict: Option<Conflict>,
    /// The new contents; `None` when the file is removed.
    pub contents: Option<Vec<u8>>,
    pub executable: bool,
}

/// Labels for conflict markers.
pub(crate) struct Labels {
    pub ours: String,
    pub theirs: String,
}

/// Merges `base` → `theirs` into `ours` and returns the files that change in the project, sorted
/// by path. `.groundwork.toml` is groundwork's own: it always takes the new render's version.
pub(crate) fn three_way(
    repo: &Repository,
    base: &Tree<'_>,
    ours: &Tree<'_>,
    theirs: &Tree<'_>,
    labels: &Labels,
) -> Result<Vec<FileChange>, git2::Error> {
    let mut options = MergeOptions::new();
    options.find_renames(true);
    let index = repo.merge_trees(base, ours, theirs, Some(&options))?;
    let our_files = files_of(ours)?;
    let their_files = files_of(theirs)?;
    let merged = merged_files(repo, &index, labels, &their_files)?;
    let mut changes = Vec::new();
    for (path, (contents, mode, conflict)) in &merged {
        let id = Oid::hash_object(git2::ObjectType::Blob, contents)?;
        let same_as = |files: &Files| {
            files
                .get(path)
                .is_some_and(|(held, held_mode)| *held == id && held_mode == mode)
        };
        let status = match (conflict, our_files.get(path)) {
            (Some(_), _) => Status::Conflict,
            (None, _) if same_as(&our_files) => continue,
            (None, None) if same_as(&their_files) => Status::Added,
            (None, Some(_)) if same_as(&their_files) => Status::Updated,
            (None, _) => Status::Merged,
        };
        // A conflict in a file the team left as it was on disk: listed, not written.
        let kept = conflict.is_some() && same_as(&our_files);
        changes.push(FileChange {
            path: path.clone(),
            status,
            conflict: *conflict,
            contents: (!kept).then(|| contents.clone()),
            executable: !kept && *mode == u32::from(FileMode::BlobExecutable),
        });
    }
    for path in our_files.keys() {
        if !merged.contains_key(path) {
            changes.push(FileChange {
                path: path.clone(),
                status: Status::Removed,
                conflict: None,
                contents: None,
                executable: false,
            });
        }
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(changes)
}

/// Files by path, each with its object and mode.
type Files = BTreeMap<String, (Oid, u32)>;

/// Merged files by path, each with its contents, its mode and its conflict if it has one.
type Merged = BTreeMap<String, (Vec<u8>, u32, Option<Conflict>)>;

/// Every file of the merged index; a conflicted one holds the conflict markers. The record is
/// the new render's.
fn merged_files(
    repo: &Repository,
    index: &git2::Index,
    labels: &Labels,
    their_files: &Files,
) -> Result<Merged, git2::Error> {
    let mut merged = BTreeMap::new();
    for entry in index.iter() {
        if stage(&entry) != 0 {
            continue;
        }
        let path = String::from_utf8_lossy(&entry.path).into_owned();
        let contents = repo.find_blob(entry.id)?.content().to_vec();
        merged.insert(path, (contents, entry.mode, None));
    }
    for resolved in conflicts(repo, index, labels)? {
        let Resolved {
            path,
            contents,
            mode,
            conflict,
        } = resolved;
        merged.insert(path, (contents, mode, Some(conflict)));
    }
    if let Some((id, mode)) = their_files.get(RECORD_FILE) {
        let contents = repo.find_blob(*id)?.content().to_vec();
        merged.insert(RECORD_FILE.to_string(), (contents, *mode, None));
    }
    Ok(merged)
}

fn stage(entry: &git2::IndexEntry) -> u16 {
    (entry.flags >> 12) & 0x3
}

/// A conflict as the file the work tree gets: its path, contents, mode and why.
struct Resolved {
    path: String,
    contents: Vec<u8>,
    mode: u32,
    conflict: Conflict,
}

/// Each conflict as the file the work tree gets.
fn conflicts(
    repo: &Repository,
    index: &Index,
    labels: &Labels,
) -> Result<Vec<Resolved>, git2::Error> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for conflict in index.conflicts()? {
        let conflict = conflict?;
        let content = |entry: &Option<git2::IndexEntry>| -> Result<Option<Vec<u8>>, git2::Error> {
            entry
                .as_ref()
                .map(|e| Ok(repo.find_blob(e.id)?.content().to_vec()))
                .transpose()
        };
        let path_of = |entry: &git2::IndexEntry| String::from_utf8_lossy(&entry.path).into_owned();
        let ancestor = content(&conflict.ancestor)?;
        let ours = content(&conflict.our)?;
        let theirs = content(&conflict.their)?;
        let resolved = match (&conflict.our, &conflict.their) {
            (Some(our), Some(their)) => {
                let (ours, theirs) = (ours.unwrap_or_default(), theirs.unwrap_or_default());
                let ancestor = ancestor.unwrap_or_default();
                if [&ancestor, &ours, &theirs].iter().any(|c| is_binary(c)) {
                    (path_of(our), ours, our.mode, Conflict::Binary)
                } else {
                    let merged = merge_text(&ancestor, &ours, &theirs, &path_of(their), labels)?;
                    (path_of(their), merged, their.mode, Conflict::SameLines)
                }
            }
            (None, Some(their)) => (
                path_of(their),
                theirs.unwrap_or_default(),
                their.mode,
                Conflict::DeletedByTeam,
            ),
            (Some(our), None) => (
                path_of(our),
                ours.unwrap_or_default(),
                our.mode,
                Conflict::RemovedByBlueprint,
            ),
            (None, None) => continue,
        };
        let (path, contents, mode, conflict) = resolved;
        if seen.insert(path.clone()) {
            out.push(Resolved {
                path,
                contents,
                mode,
                conflict,
            });
        }
    }
    Ok(out)
}

fn merge_text(
    ancestor: &[u8],
    ours: &[u8],
    theirs: &[u8],
    path: &str,
    labels: &Labels,
) -> Result<Vec<u8>, git2::Error> {
    let input = |content| {
        let mut input = MergeFileInput::new();
        input.content(content).path(path);
        input
    };
    let mut options = MergeFileOptions::new();
    options.our_label(labels.ours.as_str());
    options.their_label(labels.theirs.as_str());
    let merged = git2::merge_file(
        &input(ancestor),
        &input(ours),
        &input(theirs),
        Some(&mut options),
    )?;
    Ok(merged.content().to_vec())
}

/// As git decides it: a NUL byte in the first 8000 bytes.
fn is_binary(contents: &[u8]) -> bool {
    contents.iter().take(8000).any(|&b| b == 0)
}
