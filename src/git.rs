//! git: a new repository on the user's default branch, every file added, one first commit. No
//! network features: groundwork never talks to a remote.

use crate::error::{Error, Result};
use git2::{Config, IndexAddOption, Repository, RepositoryInitOptions, Signature, Time};
use std::path::Path;

/// What the git step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Committed {
        branch: String,
        commit: String,
        /// True when no identity was configured and the commit was made as groundwork.
        fallback_identity: bool,
    },
    /// The target lies inside an existing work tree, which is left alone (as `cargo new` does).
    InsideWorkTree { root: String },
}

/// The identity git would use, for the templates' author fields.
pub fn configured_identity() -> (Option<String>, Option<String>) {
    let Ok(config) = Config::open_default() else {
        return (None, None);
    };
    let get = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    (get("user.name"), get("user.email"))
}

/// The work tree containing `path`, if there is one.
pub fn enclosing_work_tree(path: &Path) -> Option<String> {
    let start = path.ancestors().find(|p| p.exists())?;
    let repo = Repository::discover(start).ok()?;
    repo.workdir().map(|w| w.display().to_string())
}

/// Makes the repository and its first commit. On failure, a `.git` folder that this call created
/// is removed again, so the project is left as with `--no-git` and the error's hint (the commands
/// to commit by hand) applies as it stands.
pub fn init_and_commit(project: &Path, message: &str) -> Result<Outcome> {
    let dot_git = project.join(".git");
    let existed = std::fs::symlink_metadata(&dot_git).is_ok();
    let outcome = try_init_and_commit(project, message);
    if outcome.is_err() && !existed {
        let _ = std::fs::remove_dir_all(&dot_git);
    }
    outcome
}

fn try_init_and_commit(project: &Path, message: &str) -> Result<Outcome> {
    let fail = |e: git2::Error| Error::Git {
        path: project.to_path_buf(),
        message: e.message().to_string(),
    };
    let config = Config::open_default().map_err(fail)?;
    let branch = config
        .get_string("init.defaultBranch")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "main".to_string());
    let mut options = RepositoryInitOptions::new();
    options.initial_head(&branch);
    let repo = Repository::init_opts(project, &options).map_err(fail)?;
    let mut index = repo.index().map_err(fail)?;
    index
        .add_all(["*"], IndexAddOption::DEFAULT, None)
        .map_err(fail)?;
    index.write().map_err(fail)?;
    let tree_id = index.write_tree().map_err(fail)?;
    let tree = repo.find_tree(tree_id).map_err(fail)?;
    let (signature, fallback_identity) = match repo.signature() {
        Ok(signature) => (with_fixed_time(&signature).map_err(fail)?, false),
        Err(_) => (
            with_fixed_time(&Signature::now("groundwork", "groundwork@localhost").map_err(fail)?)
                .map_err(fail)?,
            true,
        ),
    };
    let commit = repo
        .commit(Some("HEAD"), &signature, &signature, message, &tree, &[])
        .map_err(fail)?;
    Ok(Outcome::Committed {
        branch,
        commit: commit.to_string(),
        fallback_identity,
    })
}

/// Honours SOURCE_DATE_EPOCH, the reproducible-builds convention, so that the same answers and the
/// same time give the same commit id.
fn with_fixed_time(
    signature: &Signature<'_>,
) -> std::result::Result<Signature<'static>, git2::Error> {
    let name = signature.name().unwrap_or("groundwork");
    let email = signature.email().unwrap_or("groundwork@localhost");
    match crate::clock::source_date_epoch() {
        Some(seconds) => Signature::new(name, email, &Time::new(seconds, 0)),
        None => Signature::new(name, email, &signature.when()),
    }
}
