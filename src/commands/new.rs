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
    install: String,
    test: String,
    run: String,
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
    let environment = Environment {
        year: crate::clock::current_year(),
    };
    let plan = render::plan(blueprint, &answers, &environment)?;
    let commands = render::commands(blueprint, &answers, &environment)?;
    let command = |label: &str| {
        commands
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    };
    let mut summary = Summary {
        path: target.display().to_string(),
        blueprint: blueprint.id().to_string(),
        blueprint_version: blueprint.manifest.version.clone(),
        dry_run: args.dry_run,
        files: files_of(&plan),
        git: GitSummary::Skipped,
        commands: NextSteps {
            cd: format!("cd {}", shell_quote(&target.display().to_string())),
            install: command("install"),
            test: command("test"),
            run: command("run"),
        },
        warnings: Vec::new(),
        install: None,
    };

    if args.dry_run {
        return if args.json {
            print(&to_json(&summary))
        } else {
            print(&dry_run_listing(&summary))
        };
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

    let mut notes = Vec::new();
    if !args.no_git {
        match commit(blueprint.id(), &blueprint.manifest.version, &target)? {
            git::Outcome::Committed {
                branch,
                commit,
                fallback_identity,
            } => {
                if fallback_identity {
                    notes.push("No git identity is configured, so the commit's author is groundwork <groundwork@localhost>; set yours with git config --global user.name/user.email and amend with git commit --amend --reset-author.".to_string());
                }
                summary.git = GitSummary::Committed { branch, commit };
            }
            git::Outcome::InsideWorkTree { root } => {
                notes.push(format!(
                    "Inside the git work tree at {root}: no new repository was created."
                ));
                summary.git = GitSummary::InsideWorkTree { root };
            }
        }
    }
    let mut probe = crate::toolchain::Probe::default();
    for tool in probe.check_blueprint(blueprint) {
        if let Some(problem) = tool.problem {
            summary.warnings.push(format!(
                "{problem}: the project's commands need {}{} (see `groundwork doctor {}`)",
                tool.command,
                tool.min_version
                    .map(|v| format!(" {v} or newer"))
                    .unwrap_or_default(),
                blueprint.id()
            ));
        }
    }
    say(&human_report(&summary, &plan, &notes));
    if args.install {
        let outcome = install::run(
            &target,
            &summary.commands.install,
            !matches!(summary.git, GitSummary::Skipped),
        )?;
        let failed = !outcome.ok;
        let failure = failed.then(|| Error::InstallFailed {
            command: summary.commands.install.clone(),
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

fn commit(id: &str, version: &str, target: &Path) -> Result<git::Outcome> {
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
    if let Some(root) = git::enclosing_work_tree(&absolute_or_same(&parent)) {
        return Ok(git::Outcome::InsideWorkTree { root });
    }
    git::init_and_commit(
        target,
        &format!("Initial commit from groundwork ({id}@{version})"),
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
    out.push_str(&format!("  {}\n", c.cd));
    for (label, command) in [("install", &c.install), ("test", &c.test), ("run", &c.run)] {
        out.push_str(&format!("  {command:<50}  # {label}\n"));
    }
    out
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
