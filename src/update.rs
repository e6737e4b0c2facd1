//! The pipeline of `update`: bring a generated project up to date with the blueprint as it is now
//! and with changed answers, by a three-way merge from the pristine render it was made from
//! (`refs/groundwork/base`) to a new pristine render, into the project as the team has edited it.
//! Everything is computed in memory first; then files are written, and the base ref moves last.
//! It returns an [`Outcome`] (data, never text).

pub(crate) mod answers;
mod apply;
pub(crate) mod merge;
pub(crate) mod problem;
mod worktree;

use crate::answers::{AnswersFile, values};
use crate::blueprint::{Blueprint, Catalogue};
use crate::error::{Error, Result};
use crate::git::base::{self, Origin};
use crate::prompt::Prompter;
use crate::render::{self, Environment, PlannedFile};
use answers::AnswerChange;
use git2::{Oid, Repository};
pub(crate) use merge::{Conflict, FileChange, Status};
pub(crate) use problem::Problem;
use std::path::{Path, PathBuf};

/// What to update, and how.
#[derive(Debug)]
pub(crate) struct Request<'c> {
    pub project: PathBuf,
    pub catalogue: &'c Catalogue,
    pub answers_file: Option<AnswersFile>,
    pub sets: Vec<(String, String)>,
    /// `--base COMMIT`: the pristine render, when the project has no base ref.
    pub base: Option<String>,
    pub allow_dirty: bool,
    /// Compute and report; write nothing, move nothing.
    pub dry_run: bool,
    /// Commit the result when there is no conflict.
    pub commit: bool,
}

/// What an update did (or, in a dry run, would do).
#[derive(Debug)]
pub(crate) struct Outcome<'c> {
    pub project: PathBuf,
    pub blueprint: &'c Blueprint,
    /// The blueprint version the record named.
    pub from_version: Option<String>,
    pub answer_changes: Vec<AnswerChange>,
    /// Options the blueprint added or removed.
    pub notes: Vec<String>,
    pub files: Vec<FileChange>,
    pub base_from: String,
    pub base_origin: Origin,
    /// The new pristine render's commit; `None` when it is the same as the base.
    pub base_to: Option<String>,
    pub dry_run: bool,
    /// The commit `--commit` made.
    pub committed: Option<String>,
}

impl Outcome<'_> {
    pub(crate) fn conflicts(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|f| f.status == Status::Conflict)
            .map(|f| f.path.clone())
            .collect()
    }
}

/// Runs an update. An `Err` before the write means nothing was written.
pub(crate) fn update<'c>(
    request: &Request<'c>,
    prompter: &mut dyn Prompter,
) -> Result<Outcome<'c>> {
    let project = &request.project;
    let recorded = answers::read_record(project)?.ok_or_else(|| {
        Error::Update(Problem::NotAProject {
            path: project.clone(),
        })
    })?;
    let (repo, uncommitted) = open_checked(request)?;
    let id = recorded.file.blueprint.clone().unwrap_or_default();
    let blueprint = request.catalogue.find(&id)?;
    let head = repo
        .head()
        .and_then(|h| h.peel_to_tree())
        .map_err(|e| no_repository(project, &e))?;
    let (base_id, base_origin) = find_base(&repo, project, request.base.as_deref())?;
    let reconciled = answers::reconcile(
        blueprint,
        &recorded,
        &folder_name(project),
        request.answers_file.as_ref(),
        &request.sets,
        prompter,
    )?;
    let plan = new_render(blueprint, &recorded, &reconciled.answers)?;

    let fail = git_error(project, false);
    let ours_id = worktree::tree_of_work(&repo, project, &head, &uncommitted).map_err(&fail)?;
    let theirs_id = tree_of_plan(&repo, &plan.files).map_err(&fail)?;
    let base_tree = repo
        .find_commit(base_id)
        .and_then(|commit| commit.tree())
        .map_err(&fail)?;
    let version = &blueprint.manifest.version;
    let labels = merge::Labels {
        ours: "yours".into(),
        theirs: format!("groundwork {id} {version}"),
    };
    let files = merge_trees(&repo, &base_tree, ours_id, theirs_id, &labels).map_err(&fail)?;
    let base_to = if base_tree.id() == theirs_id && base_origin == Origin::Ref {
        None
    } else {
        let message = format!("groundwork base: {id}@{version}");
        Some(base::commit(&repo, theirs_id, base_id, &message).map_err(&fail)?)
    };

    let mut outcome = Outcome {
        project: project.clone(),
        blueprint,
        from_version: recorded.blueprint_version.clone(),
        answer_changes: reconciled.changes,
        notes: reconciled.notes,
        files,
        base_from: base_id.to_string(),
        base_origin,
        base_to: base_to.map(|id| id.to_string()),
        dry_run: request.dry_run,
        committed: None,
    };
    if !request.dry_run {
        outcome.committed = write(&repo, request.commit, &outcome, base_to)?;
    }
    Ok(outcome)
}

/// A git failure as the update's problem, saying whether files were written by then.
fn git_error(project: &Path, written: bool) -> impl Fn(git2::Error) -> Error {
    let path = project.to_path_buf();
    move |e: git2::Error| {
        Error::Update(Problem::Git {
            path: path.clone(),
            message: e.message().to_string(),
            written,
        })
    }
}

/// The project's repository, refused when its work tree has changes that `--allow-dirty` does
/// not allow, with the paths that differ from its last commit. In a dry run, objects the merge
/// computes stay in memory, so .git stays as it was.
fn open_checked(request: &Request<'_>) -> Result<(Repository, Vec<String>)> {
    let project = &request.project;
    let repo = open(project)?;
    if request.dry_run {
        repo.odb()
            .and_then(|odb| odb.add_new_mempack_backend(1000).map(|_| ()))
            .map_err(git_error(project, false))?;
    }
    let uncommitted = worktree::uncommitted(&repo).map_err(git_error(project, false))?;
    if !uncommitted.is_empty() && !request.allow_dirty {
        return Err(Error::Update(Problem::DirtyWorkTree {
            path: project.clone(),
            files: uncommitted,
        }));
    }
    Ok((repo, uncommitted))
}

/// The pristine render of the blueprint as it is now, with the reconciled answers. Why the
/// framework was picked stays as the project recorded it.
fn new_render(
    blueprint: &Blueprint,
    recorded: &answers::Recorded,
    answers: &crate::answers::SourcedAnswers,
) -> Result<render::Plan> {
    let recommendation = crate::recommendation_record::RecommendationRecord::carried(
        Some(&recorded.file),
        blueprint,
    );
    let environment = Environment::now(answers, recommendation);
    let mut plan = render::plan(blueprint, &values(answers), &environment)?;
    crate::generate::note_sources_in_record(&mut plan, answers);
    Ok(plan)
}

/// The three-way merge of the base, the work tree and the new render, by file.
fn merge_trees(
    repo: &Repository,
    base: &git2::Tree<'_>,
    ours: Oid,
    theirs: Oid,
    labels: &merge::Labels,
) -> Result<Vec<FileChange>, git2::Error> {
    let ours = repo.find_tree(ours)?;
    let theirs = repo.find_tree(theirs)?;
    merge::three_way(repo, base, &ours, &theirs, labels)
}

/// Writes the merged files, moves the base ref to `base_to`, and commits when asked and there
/// is no conflict; returns the commit made.
fn write(
    repo: &Repository,
    commit: bool,
    outcome: &Outcome<'_>,
    base_to: Option<Oid>,
) -> Result<Option<String>> {
    let wants_commit = commit && outcome.conflicts().is_empty() && !outcome.files.is_empty();
    let message = commit_message(outcome, &outcome.blueprint.manifest.version);
    let project = &outcome.project;
    apply::write(project, &outcome.files, || {
        if let Some(to) = base_to {
            base::advance(repo, to).map_err(git_error(project, true))?;
        }
        if !wants_commit {
            return Ok(None);
        }
        let id = commit_work(repo, &outcome.files, &message).map_err(git_error(project, true))?;
        Ok(Some(id.to_string()))
    })
}

/// The repository whose work tree's root is `project`.
fn open(project: &Path) -> Result<Repository> {
    let repo = Repository::open(project).map_err(|e| no_repository(project, &e))?;
    let root = repo.workdir().map(std::fs::canonicalize);
    let here = std::fs::canonicalize(project).ok();
    match root {
        Some(Ok(root)) if Some(&root) == here.as_ref() => Ok(repo),
        _ => Err(Error::Update(Problem::NoRepository {
            path: project.to_path_buf(),
            message: "it is not the root of a git work tree".into(),
        })),
    }
}

fn no_repository(project: &Path, error: &git2::Error) -> Error {
    let message = match error.code() {
        git2::ErrorCode::NotFound => "there is no git repository here".to_string(),
        git2::ErrorCode::UnbornBranch => "the repository has no commit yet".to_string(),
        _ => error.message().to_string(),
    };
    Error::Update(Problem::NoRepository {
        path: project.to_path_buf(),
        message,
    })
}

fn find_base(repo: &Repository, project: &Path, given: Option<&str>) -> Result<(Oid, Origin)> {
    match base::find(repo, given) {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(Error::Update(Problem::NoBase {
            path: project.to_path_buf(),
        })),
        Err(e) => Err(Error::Update(match given {
            Some(given) => Problem::BadBase {
                given: given.to_string(),
                message: e.message().to_string(),
            },
            None => Problem::Git {
                path: project.to_path_buf(),
                message: e.message().to_string(),
                written: false,
            },
        })),
    }
}

/// The tree of a new render, built in memory.
fn tree_of_plan(repo: &Repository, files: &[PlannedFile]) -> Result<Oid, git2::Error> {
    let mut tree = std::collections::BTreeMap::new();
    for file in files {
        let blob = repo.blob(&file.contents)?;
        tree.insert(file.path.clone(), (blob, worktree::mode(file.executable)));
    }
    worktree::write_tree(repo, &tree)
}

fn folder_name(project: &Path) -> String {
    std::path::absolute(project)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

fn commit_message(outcome: &Outcome<'_>, version: &str) -> String {
    let id = outcome.blueprint.id();
    let mut message = match &outcome.from_version {
        Some(from) if from != version => {
            format!("Update from groundwork ({id} {from} -> {version})")
        }
        _ => format!("Update from groundwork ({id}@{version})"),
    };
    if !outcome.answer_changes.is_empty() {
        message.push_str("\n\n");
        for change in &outcome.answer_changes {
            let from = change.from.as_deref().unwrap_or("(new)");
            message.push_str(&format!("{}: {from} -> {}\n", change.key, change.to));
        }
    }
    message
}

/// Stages the changed paths as they now are on disk and commits them on HEAD.
fn commit_work(repo: &Repository, files: &[FileChange], message: &str) -> Result<Oid, git2::Error> {
    let mut index = repo.index()?;
    for file in files {
        let path = Path::new(&file.path);
        if file.status == Status::Removed {
            index.remove_path(path)?;
        } else {
            index.add_path(path)?;
        }
    }
    index.write()?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let parent = repo.head()?.peel_to_commit()?;
    let signature = base::signature(repo)?;
    repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &[&parent],
    )
}
