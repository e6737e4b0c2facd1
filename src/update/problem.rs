//! What stops an update, as data: each problem knows its exit code and the next step to take.

use crate::error::exit;
use crate::text::visible;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Problem {
    /// The folder holds no `.groundwork.toml`.
    NotAProject { path: PathBuf },
    /// The folder is not the root of a git work tree, or its history is empty.
    NoRepository { path: PathBuf, message: String },
    /// Uncommitted changes or untracked files, without `--allow-dirty`.
    DirtyWorkTree { path: PathBuf, files: Vec<String> },
    /// No base ref, no first commit of groundwork's, no `--base`.
    NoBase { path: PathBuf },
    /// `--base` names nothing git can resolve to a commit.
    BadBase { given: String, message: String },
    /// The merge left conflicts; they are in the files, with markers, and listed.
    Conflicts { files: Vec<String> },
    /// git failed; `written` says whether the work tree was already written.
    Git {
        path: PathBuf,
        message: String,
        written: bool,
    },
}

impl Problem {
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            Problem::Conflicts { .. } | Problem::Git { .. } => exit::FAILURE,
            Problem::NotAProject { .. }
            | Problem::NoRepository { .. }
            | Problem::DirtyWorkTree { .. }
            | Problem::NoBase { .. }
            | Problem::BadBase { .. } => exit::USAGE,
        }
    }

    pub(crate) fn hint(&self) -> String {
        match self {
            Problem::NotAProject { .. } => {
                "run it in a project made by groundwork new, or name that project's folder: groundwork update DIR".into()
            }
            Problem::NoRepository { .. } => {
                "update merges with git: run it at the root of the project's repository, with at least one commit".into()
            }
            Problem::DirtyWorkTree { .. } => {
                "commit or stash them first (git stash -u), or pass --allow-dirty to merge into the files as they are; nothing was written".into()
            }
            Problem::NoBase { .. } => {
                "pass --base COMMIT, the commit that holds the files exactly as groundwork wrote them; nothing was written".into()
            }
            Problem::BadBase { .. } => {
                "pass a commit id, tag or branch that names the files as groundwork wrote them".into()
            }
            Problem::Conflicts { .. } => {
                "fix the lines between <<<<<<< and >>>>>>> in each file, then commit; git diff shows every change".into()
            }
            Problem::Git { written: false, .. } => "nothing was written".into(),
            Problem::Git { written: true, .. } => format!(
                "the files were written but {} was not moved; git diff shows the changes",
                crate::git::base::REF
            ),
        }
    }
}

fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotAProject { path } => write!(
                f,
                "{} has no {}: it was not made by groundwork new",
                shown(path),
                crate::answers::RECORD_FILE
            ),
            Problem::NoRepository { path, message } => {
                write!(
                    f,
                    "{} is not a git project update can use: {message}",
                    shown(path)
                )
            }
            Problem::DirtyWorkTree { path, files } => write!(
                f,
                "{} has changes that are not committed: {}",
                shown(path),
                files
                    .iter()
                    .map(|f| visible(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::NoBase { path } => write!(
                f,
                "cannot find what groundwork rendered for {}: no {} ref and no \"{}...\" commit in its history",
                shown(path),
                crate::git::base::REF,
                crate::git::base::FIRST_COMMIT_PREFIX.trim_end_matches(" (")
            ),
            Problem::BadBase { given, message } => {
                write!(f, "--base {}: {message}", visible(given))
            }
            Problem::Git { path, message, .. } => {
                write!(f, "git failed in {}: {message}", shown(path))
            }
            Problem::Conflicts { files } => write!(
                f,
                "{} file{} with conflicts, marked in place: {}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                files
                    .iter()
                    .map(|f| visible(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}
