//! `groundwork new`: answers in, a project folder with its first commit out.

use super::{print, say, to_json};
use crate::blueprint::Catalogue;
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::flow::{self, Request};
use crate::git;
use crate::install;
use crate::prompt::{NonInteractive, Prompter, Terminal};
use crate::render::{self, Environment, Plan};
use crate::style::{Paint, Stream, paint};
use crate::write;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What `new --json` prints.
#[derive(Serialize)]
struct Summary {
    path: String,
    blueprint: String,
    blueprint_version: String,
    dry_run: bool,
    files: Vec<FileSummary>,
    git: GitSummary,
    commands: NextSteps,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    install: Option<install::Outcome>,
}

#[derive(Serialize)]
struct FileSummary {
    path: String,
    size: usize,
    mode: &'static str,
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
enum GitSummary {
    Committed { branch: String, commit: String },
    InsideWorkTree { root: String },
    Skipped,
}

#[derive(Serialize)]
struct NextSteps {
    cd: String,
    #[serde(flatten)]
    commands: crate::blueprint::Commands,
}

pub fn run(args: &NewArgs, catalogue: &Catalogue) -> Result<()> {
    let interactive =
        !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut prompter: Box<dyn Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        Box::new(NonInteractive)
    };
    let Request {
        blueprint,
        target,
        target_state,
        answers,
    } = flow::gather(args, catalogue, prompter.as_mut())?;
    // A blueprint from a folder is data, never code: groundwork runs none of its commands.
    if let (true, crate::blueprint::Source::Folder(path)) = (args.install, &blueprint.source) {
        return Err(Error::BlueprintFolder {
            path: path.clone(),
            message: "--install runs only an embedded blueprint's install command; a blueprint from a folder is data, so run its install command yourself".into(),
        });
    }
    let environment = Environment {
        year: crate::clock::current_year(),
    };
    let plan = render::plan(blueprint, &answers, &environment)?;
    let mut summary = Summary {
        path: target.display().to_string(),
        blueprint: blueprint.id().to_string(),
        blueprint_version: blueprint.manifest.version.clone(),
        dry_run: args.dry_run,
        files: files_of(&plan),
        git: GitSummary::Skipped,
        commands: NextSteps {
            cd: format!("cd {}", super::shell_quote(&target.display().to_string())),
            commands: plan.commands.clone(),
        },
        warnings: Vec::new(),
        install: None,
    };

    if target_state == write::Target::NonEmpty {
        let existing = write::conflicts(&plan.files, &target);
        if !existing.is_empty() {
            return Err(Error::WouldReplace {
                path: target,
                files: existing,
            });
        }
    }
    // The same checks as the real write, so that a dry run that succeeds means the write would.
    write::preflight(&plan.files, &target, target_state)?;
    if args.dry_run {
        return if args.json {
            print(&to_json(&summary))
        } else {
            print(&dry_run_listing(&summary))
        };
    }
    write::apply(&plan.files, &target, target_state)?;

    let mut notes = Vec::new();
    // A git failure still leaves a complete project: report it (with its next steps) first, then
    // the error, whose hint says how to commit by hand.
    let mut git_failure = None;
    if !args.no_git {
        match commit(blueprint.id(), &blueprint.manifest.version, &target, &plan) {
            Err(e) => git_failure = Some(e),
            Ok(git::Outcome::Committed {
                branch,
                commit,
                fallback_identity,
                untracked,
            }) => {
                if !untracked.is_empty() {
                    notes.push(format!(
                        "Left out of the first commit (they were already in the folder): {}.",
                        untracked.join(", ")
                    ));
                }
                if fallback_identity {
                    notes.push("No git identity is configured, so the commit's author is groundwork <groundwork@localhost>; set yours with git config --global user.name/user.email and amend with git commit --amend --reset-author.".to_string());
                }
                summary.git = GitSummary::Committed { branch, commit };
            }
            Ok(git::Outcome::InsideWorkTree { root }) => {
                notes.push(format!(
                    "Inside the git work tree at {root}: no new repository was created."
                ));
                summary.git = GitSummary::InsideWorkTree { root };
            }
        }
    }
    // Only a look along PATH here, not a version check: running a tool (a pyenv or nvm shim
    // can take a quarter of a second) would cost more than the whole generation.
    for tool in &blueprint.manifest.toolchains {
        if !crate::toolchain::on_path(&tool.command) {
            summary.warnings.push(format!(
                "{} not found: the project's commands need it{} (see `groundwork doctor {}`)",
                tool.command,
                tool.min_version
                    .as_ref()
                    .map(|v| format!(", version {v} or newer"))
                    .unwrap_or_default(),
                blueprint.id()
            ));
        }
    }
    say(&human_report(&summary, &plan, &notes));
    if let Some(error) = git_failure {
        return Err(error);
    }
    if args.install {
        let outcome = install::run(
            &target,
            &summary.commands.commands.install,
            // Only a repository groundwork made gets the log in its exclude file.
            matches!(summary.git, GitSummary::Committed { .. }),
        )?;
        let failed = !outcome.ok;
        let failure = failed.then(|| Error::InstallFailed {
            command: summary.commands.commands.install.clone(),
            path: target.clone(),
            log: outcome.log.clone(),
            tail: outcome.tail.clone(),
        });
        summary.install = Some(outcome);
        if args.json {
            print(&to_json(&summary))?;
        }
        return match failure {
            Some(error) => Err(error),
            None => Ok(()),
        };
    }
    if args.json {
        print(&to_json(&summary))?;
    }
    Ok(())
}

fn commit(id: &str, version: &str, target: &Path, plan: &Plan) -> Result<git::Outcome> {
    // Looked up from the project folder itself (now written, with no .git of its own), so that a
    // bare name, `.`, or a folder that is itself a work tree's root all find the enclosing tree.
    if let Some(root) = git::enclosing_work_tree(&absolute_or_same(target)) {
        return Ok(git::Outcome::InsideWorkTree { root });
    }
    git::init_and_commit(
        target,
        &format!("Initial commit from groundwork ({id}@{version})"),
        &plan.files,
    )
}

fn absolute_or_same(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn files_of(plan: &Plan) -> Vec<FileSummary> {
    plan.files
        .iter()
        .map(|f| FileSummary {
            path: f.path.clone(),
            size: f.contents.len(),
            mode: if f.executable { "755" } else { "644" },
        })
        .collect()
}

fn dry_run_listing(summary: &Summary) -> String {
    let mut out = format!(
        "Would write {} files to {} (dry run: nothing written):\n",
        summary.files.len(),
        summary.path
    );
    for file in &summary.files {
        out.push_str(&format!(
            "  {} {:>7}  {}\n",
            file.mode, file.size, file.path
        ));
    }
    out
}

fn human_report(summary: &Summary, plan: &Plan, notes: &[String]) -> String {
    let mut out = format!(
        "{} {} from {} {} ({} files).\n",
        paint(Stream::Stderr, Paint::Green, "Created"),
        summary.path,
        summary.blueprint,
        summary.blueprint_version,
        plan.files.len()
    );
    if let GitSummary::Committed { branch, commit } = &summary.git {
        out.push_str(&format!(
            "Initialised git on branch {branch} with commit {}.\n",
            &commit[..commit.len().min(7)]
        ));
    }
    for note in notes {
        out.push_str(note);
        out.push('\n');
    }
    for warning in &summary.warnings {
        out.push_str(&format!(
            "{} {warning}\n",
            paint(Stream::Stderr, Paint::Yellow, "warning:")
        ));
    }
    let c = &summary.commands;
    out.push_str(&format!(
        "\n{}\n",
        paint(Stream::Stderr, Paint::Bold, "Next steps:")
    ));
    if c.cd != "cd ." {
        out.push_str(&format!("  {}\n", c.cd));
    }
    for (label, command) in c.commands.labelled() {
        out.push_str(&format!("  {command:<50}  # {label}\n"));
    }
    out
}
