//! `groundwork new`: answers in, a project folder with its first commit out.

use super::{print, say};
use crate::answers::Answers;
use crate::blueprint::{Blueprint, Catalogue};
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::flow::{self, Request};
use crate::git;
use crate::prompt::{NonInteractive, Prompter, Terminal};
use crate::render::{self, Environment, Plan};
use crate::write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn run(args: &NewArgs, catalogue: &Catalogue) -> Result<()> {
    let interactive =
        !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut prompter: Box<dyn Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        Box::new(NonInteractive)
    };
    let request = flow::gather(args, catalogue, prompter.as_mut())?;
    let Request {
        blueprint,
        target,
        target_state,
        answers,
    } = request;
    let environment = Environment {
        year: crate::clock::current_year(),
    };
    let plan = render::plan(blueprint, &answers, &environment)?;

    if args.dry_run {
        return print(&dry_run_listing(&plan, &target));
    }
    if target_state == write::Target::NonEmpty {
        let existing = write::conflicts(&plan, &target);
        if !existing.is_empty() {
            return Err(Error::WouldReplace {
                path: target,
                files: existing,
            });
        }
    }
    write::apply(&plan, &target, target_state)?;

    let git_outcome = if args.no_git {
        None
    } else {
        Some(commit(blueprint, &target)?)
    };
    report(
        blueprint,
        &answers,
        &environment,
        &plan,
        &target,
        git_outcome.as_ref(),
    )
}

fn commit(blueprint: &Blueprint, target: &Path) -> Result<git::Outcome> {
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
    if let Some(root) = git::enclosing_work_tree(&absolute_or_same(&parent)) {
        return Ok(git::Outcome::InsideWorkTree { root });
    }
    let message = format!(
        "Initial commit from groundwork ({}@{})",
        blueprint.id(),
        blueprint.manifest.version
    );
    git::init_and_commit(target, &message)
}

fn absolute_or_same(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn dry_run_listing(plan: &Plan, target: &Path) -> String {
    let mut out = format!(
        "Would write {} files to {} (dry run: nothing written):\n",
        plan.files.len(),
        target.display()
    );
    for file in &plan.files {
        let mode = if file.executable { "755" } else { "644" };
        out.push_str(&format!(
            "  {mode} {:>7}  {}\n",
            file.contents.len(),
            file.path
        ));
    }
    out
}

fn report(
    blueprint: &Blueprint,
    answers: &Answers,
    environment: &Environment,
    plan: &Plan,
    target: &Path,
    git_outcome: Option<&git::Outcome>,
) -> Result<()> {
    let mut out = format!(
        "Created {} from {} {} ({} files).\n",
        target.display(),
        blueprint.id(),
        blueprint.manifest.version,
        plan.files.len()
    );
    match git_outcome {
        Some(git::Outcome::Committed {
            branch,
            commit,
            fallback_identity,
        }) => {
            out.push_str(&format!(
                "Initialised git on branch {branch} with commit {}.\n",
                &commit[..commit.len().min(7)]
            ));
            if *fallback_identity {
                out.push_str(
                    "No git identity is configured, so the commit's author is groundwork <groundwork@localhost>; set yours with git config --global user.name/user.email and amend with git commit --amend --reset-author.\n",
                );
            }
        }
        Some(git::Outcome::InsideWorkTree { root }) => out.push_str(&format!(
            "Inside the git work tree at {root}: no new repository was created.\n"
        )),
        None => {}
    }
    out.push_str("\nNext steps:\n");
    out.push_str(&format!(
        "  cd {}\n",
        shell_quote(&target.display().to_string())
    ));
    for (label, command) in render::commands(blueprint, answers, environment)? {
        out.push_str(&format!("  {command:<50}  # {label}\n"));
    }
    say(&out);
    Ok(())
}

/// Quotes a path for a POSIX shell when it needs quoting.
fn shell_quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
