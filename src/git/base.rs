//! The base of a generated project: a commit whose tree is exactly what groundwork rendered, kept
//! on a ref of its own (`refs/groundwork/base`) that is never checked out and that `git push`
//! leaves alone unless asked. `new` points it at the first commit; `update` merges from it and
//! moves it to the next pristine render, parented on the one before.

use git2::{Oid, Repository, Signature};
use std::path::Path;

/// The ref that holds the base.
pub(crate) const REF: &str = "refs/groundwork/base";

/// The message of the first commit `new` makes starts with this; projects made before the ref
/// existed fall back to that commit.
pub(crate) const FIRST_COMMIT_PREFIX: &str = "Initial commit from groundwork (";

/// Where a base was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `--base COMMIT`.
    Given,
    /// `refs/groundwork/base`.
    Ref,
    /// The first commit groundwork made, found in the history (no ref yet).
    FirstCommit,
}

/// Points the base ref of the repository at `project` at `commit` (the first commit `new` made).
pub(crate) fn mark(project: &Path, commit: &str) -> Result<(), git2::Error> {
    let repo = Repository::open(project)?;
    let id = Oid::from_str(commit)?;
    repo.reference(REF, id, true, "groundwork new: the pristine render")?;
    Ok(())
}

/// The base commit: `given` (any revision git understands) when there is one, else the ref, else
/// the first commit groundwork made. `Ok(None)` when there is none of them.
pub(crate) fn find(
    repo: &Repository,
    given: Option<&str>,
) -> Result<Option<(Oid, Origin)>, git2::Error> {
    if let Some(given) = given {
        let commit = repo.revparse_single(given)?.peel_to_commit()?;
        return Ok(Some((commit.id(), Origin::Given)));
    }
    if let Ok(reference) = repo.find_reference(REF) {
        return Ok(Some((reference.peel_to_commit()?.id(), Origin::Ref)));
    }
    let mut walk = repo.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(None);
    }
    for id in walk {
        let id = id?;
        let commit = repo.find_commit(id)?;
        if commit
            .message_bytes()
            .starts_with(FIRST_COMMIT_PREFIX.as_bytes())
        {
            return Ok(Some((id, Origin::FirstCommit)));
        }
    }
    Ok(None)
}

/// Writes the commit of the next pristine render (`tree`, parented on `parent`) without moving any
/// ref: the ref moves last, once the work tree is written ([`advance`]).
pub(crate) fn commit(
    repo: &Repository,
    tree: Oid,
    parent: Oid,
    message: &str,
) -> Result<Oid, git2::Error> {
    let tree = repo.find_tree(tree)?;
    let parent = repo.find_commit(parent)?;
    let signature = signature(repo)?;
    repo.commit(None, &signature, &signature, message, &tree, &[&parent])
}

/// Moves the base ref to `commit`.
pub(crate) fn advance(repo: &Repository, commit: Oid) -> Result<(), git2::Error> {
    repo.reference(REF, commit, true, "groundwork update: the pristine render")?;
    Ok(())
}

/// The user's identity, else groundwork's own, with `SOURCE_DATE_EPOCH` honoured as in `new`.
pub(crate) fn signature(repo: &Repository) -> Result<Signature<'static>, git2::Error> {
    let found = repo
        .signature()
        .or_else(|_| Signature::now("groundwork", "groundwork@localhost"))?;
    let name = found.name().unwrap_or("groundwork");
    let email = found.email().unwrap_or("groundwork@localhost");
    match crate::clock::source_date_epoch() {
        Some(seconds) => Signature::new(name, email, &git2::Time::new(seconds, 0)),
        None => Signature::new(name, email, &found.when()),
    }
}
