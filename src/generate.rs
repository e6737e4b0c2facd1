//! The pipeline of `new`, after every answer is known: plan, write, git, toolchain warnings and
//! install. It returns an [`Outcome`] (data, never text) and reports progress through the
//! caller's [`Progress`], so the command decides what the person sees.

use crate::answers::{self, RECORD_FILE, SourcedAnswers};
use crate::blueprint::Blueprint;
use crate::error::{Error, Result};
use crate::git;
use crate::install;
use crate::recommendation_record::RecommendationRecord;
use crate::render::{self, Environment, Plan, PlannedFile};
use crate::toolchain::{Probe, ToolStatus};
use crate::write;
use std::path::{Path, PathBuf};

/// What to generate, and how.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, each set from its own flag"
)]
pub(crate) struct Request<'c> {
    pub blueprint: &'c Blueprint,
    pub target: PathBuf,
    pub target_state: write::Target,
    pub answers: SourcedAnswers,
    /// Plan and check only; write nothing.
    pub dry_run: bool,
    /// Create a repository with a first commit (unless the target is inside one).
    pub git: bool,
    /// Run the blueprint's install command afterwards.
    pub install: bool,
    /// The recommendation the blueprint was picked from, for the README and the record.
    pub recommendation: Option<RecommendationRecord>,
    /// Run the tools' version commands (as `doctor` does) rather than only look for them on
    /// PATH: worth their time for a person at a terminal, or before an install.
    pub check_versions: bool,
    /// The plan already rendered for these answers (the one a person's summary counted), so
    /// that it is not rendered again; `None` to render it here.
    pub plan: Option<Plan>,
}

/// What a generation did.
#[derive(Debug)]
pub(crate) struct Outcome<'c> {
    pub blueprint: &'c Blueprint,
    pub target: PathBuf,
    pub answers: SourcedAnswers,
    pub plan: Plan,
    /// The recommendation the README and the record keep, when the blueprint was picked from one.
    pub recommendation: Option<RecommendationRecord>,
    pub dry_run: bool,
    /// The repository `new` made or found; `None` when git was not asked for, in a dry run, or
    /// when it failed (see [`Outcome::failure`]).
    pub git: Option<git::Outcome>,
    /// The tools the project's commands need that `groundwork doctor` finds missing or too old.
    pub toolchain_problems: Vec<ToolStatus>,
    pub install: Option<install::Outcome>,
    /// A step that failed after the project was written: the project is complete, and the
    /// error says how to finish the step by hand.
    pub failure: Option<Failure>,
}

#[derive(Debug)]
pub(crate) enum Failure {
    Git(Error),
    Install(Error),
}

/// What the pipeline says while it works.
pub(crate) trait Progress {
    /// The project is written (and committed); install, when asked, comes next.
    fn generated(&mut self, outcome: &Outcome<'_>);
    /// A long step begins, such as "Installing: npm install (log: groundwork-install.log)".
    fn started(&mut self, step: &str);
    /// The step ended; `message` says how, when there is something to say.
    fn finished(&mut self, message: Option<&str>);
}

/// Runs the pipeline. An `Err` means nothing usable was written; a step that fails after the
/// write is reported in [`Outcome::failure`].
pub(crate) fn generate<'c>(
    request: Request<'c>,
    progress: &mut dyn Progress,
) -> Result<Outcome<'c>> {
    let Request {
        blueprint,
        target,
        target_state,
        answers,
        dry_run,
        git,
        install,
        recommendation,
        check_versions,
        plan,
    } = request;
    let toolchain_check = start_toolchain_check(blueprint, check_versions);
    let mut plan = match plan {
        Some(plan) => plan,
        None => self::plan(blueprint, &answers, recommendation.clone())?,
    };
    note_sources_in_record(&mut plan, &answers);
    check_target(&plan, &target, target_state)?;
    let mut outcome = Outcome {
        blueprint,
        target,
        answers,
        plan,
        recommendation,
        dry_run,
        git: None,
        toolchain_problems: Vec::new(),
        install: None,
        failure: None,
    };
    if dry_run {
        outcome.toolchain_problems = toolchain_check.problems();
        return Ok(outcome);
    }
    write_and_commit(&mut outcome, target_state, git)?;
    outcome.toolchain_problems = toolchain_check.problems();
    progress.generated(&outcome);
    if install && outcome.failure.is_none() {
        run_install(&mut outcome, progress)?;
    }
    Ok(outcome)
}

/// The whole project in memory, for these answers; a render error names where each value it
/// blames came from.
pub(crate) fn plan(
    blueprint: &Blueprint,
    answers: &SourcedAnswers,
    recommendation: Option<RecommendationRecord>,
) -> Result<Plan> {
    let environment = Environment::now(answers, recommendation);
    render::plan(blueprint, &answers::values(answers), &environment)
        .map_err(|e| e.with_sources(answers))
}

/// Refuses a target the plan cannot be written to: with `--force`, one that already holds a
/// file of the plan. These are the same checks as the real write, so that a dry run that
/// succeeds means the write would.
fn check_target(plan: &Plan, target: &Path, target_state: write::Target) -> Result<()> {
    if target_state == write::Target::NonEmpty {
        let existing = write::conflicts(&plan.files, target);
        if !existing.is_empty() {
            return Err(Error::WouldReplace {
                path: target.to_path_buf(),
                files: existing,
            });
        }
    }
    write::preflight(&plan.files, target, target_state)
}

/// Writes the plan, with its first commit when `git` asks for one. The commit is made in the
/// staging folder, before the move into place: an interruption during git leaves nothing at
/// all, and once the project is in place it is complete. A git failure is the outcome's.
fn write_and_commit(
    outcome: &mut Outcome<'_>,
    target_state: write::Target,
    git: bool,
) -> Result<()> {
    let enclosing = git.then(|| enclosing_work_tree(&outcome.target)).flatten();
    let committed = write::apply(
        &outcome.plan.files,
        &outcome.target,
        target_state,
        |staging| match (&enclosing, git) {
            (Some(root), _) => Some(Ok(git::Outcome::InsideWorkTree { root: root.clone() })),
            (None, true) => Some(commit(
                outcome.blueprint,
                staging,
                &outcome.target,
                &outcome.plan.files,
            )),
            (None, false) => None,
        },
    )?;
    match committed {
        Some(Ok(mut status)) => {
            if let git::Outcome::Committed { untracked, .. } = &mut status {
                *untracked = git::untracked(&outcome.target, &outcome.plan.files);
            }
            outcome.git = Some(status);
        }
        Some(Err(e)) => outcome.failure = Some(Failure::Git(e)),
        None => {}
    }
    Ok(())
}

fn run_install(outcome: &mut Outcome<'_>, progress: &mut dyn Progress) -> Result<()> {
    let command = outcome.plan.commands.install.clone();
    // Only a repository groundwork made gets the log in its exclude file.
    let has_git = matches!(outcome.git, Some(git::Outcome::Committed { .. }));
    let installed = install::run(&outcome.target, &command, has_git, progress)?;
    if !installed.ok {
        outcome.failure = Some(Failure::Install(Error::InstallFailed {
            command,
            path: outcome.target.clone(),
            log: installed.log.clone(),
            tail: installed.tail.clone(),
        }));
    }
    outcome.install = Some(installed);
    Ok(())
}

/// The record says which answers the goals chose, and why.
pub(crate) fn note_sources_in_record(plan: &mut Plan, answers: &SourcedAnswers) {
    let notes = answers::record_notes(answers);
    if notes.is_empty() {
        return;
    }
    if let Some(record) = plan.files.iter_mut().find(|f| f.path == RECORD_FILE) {
        record.contents.extend_from_slice(notes.as_bytes());
    }
}

/// The work tree the target will be in, looked up from the target (or, when it does not exist
/// yet, the nearest folder above it), so that a bare name, `.`, or a folder that is itself a work
/// tree's root all find the enclosing tree.
fn enclosing_work_tree(target: &Path) -> Option<String> {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    git::enclosing_work_tree(&absolute)
}

/// The first commit, made in the staging folder; a failure names the target, where the project
/// will be without a repository.
fn commit(
    blueprint: &Blueprint,
    staging: &Path,
    target: &Path,
    files: &[PlannedFile],
) -> Result<git::Outcome> {
    let message = format!(
        "Initial commit from groundwork ({}@{})",
        blueprint.id(),
        blueprint.manifest.version
    );
    let outcome = git::init_and_commit(staging, &message, files).map_err(|e| match e {
        Error::Git { message, .. } => Error::Git {
            path: target.to_path_buf(),
            message,
        },
        other => other,
    })?;
    if let git::Outcome::Committed { commit, .. } = &outcome {
        // The first commit is the pristine render that `update` merges from.
        git::base::mark(staging, commit).map_err(|e| Error::Git {
            path: target.to_path_buf(),
            message: e.message().to_string(),
        })?;
    }
    Ok(outcome)
}

/// The checks of `groundwork doctor`, on a thread of their own from the start: running the
/// tools' version commands (`npm --version` takes over half a second, a pyenv shim a quarter)
/// costs more than the rest of the generation, so it overlaps the plan, the write and git.
/// Without version checks, only PATH is searched.
enum ToolchainCheck {
    Versions(std::thread::JoinHandle<Vec<ToolStatus>>),
    PathOnly(Vec<ToolStatus>),
}

fn start_toolchain_check(blueprint: &Blueprint, versions: bool) -> ToolchainCheck {
    let tools = blueprint.manifest.toolchains.clone();
    if !versions {
        return ToolchainCheck::PathOnly(crate::toolchain::missing_from_path(&tools));
    }
    ToolchainCheck::Versions(std::thread::spawn(move || {
        Probe::default()
            .check_all(&tools)
            .into_iter()
            .filter(|status| !status.ok)
            .collect()
    }))
}

impl ToolchainCheck {
    fn problems(self) -> Vec<ToolStatus> {
        match self {
            ToolchainCheck::Versions(thread) => thread.join().unwrap_or_default(),
            ToolchainCheck::PathOnly(missing) => missing,
        }
    }
}
