//! `groundwork new`: validated options in, a request for the pipeline out, and its outcome as
//! text (stderr) or JSON (stdout).

use super::{print, say, to_json, visible};
use crate::answers::SourcedAnswers;
use crate::blueprint::{Blueprint, Catalogue, Proof, Source};
use crate::cli::NewArgs;
use crate::error::Result;
use crate::flow;
use crate::generate::{self, Failure, Outcome, Progress};
use crate::git;
use crate::install;
use crate::new_options::NewOptions;
use crate::prompt;
use crate::recommendation_record::RecommendationRecord;
use crate::toolchain::Fault;
use crate::ui::{Paint, Spinner, Stream, paint};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::IsTerminal;

/// What `new --json` prints.
#[derive(Serialize)]
struct Summary {
    path: String,
    blueprint: String,
    blueprint_version: String,
    dry_run: bool,
    files: Vec<FileSummary>,
    /// Every answer, with where it came from.
    answers: BTreeMap<String, AnswerSummary>,
    git: GitSummary,
    commands: NextSteps,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    install: Option<install::Outcome>,
    /// The recommendation the blueprint was picked from, as the record keeps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    recommendation: Option<RecommendationRecord>,
}

#[derive(Serialize)]
struct FileSummary {
    path: String,
    size: usize,
    mode: &'static str,
}

#[derive(Serialize)]
struct AnswerSummary {
    value: serde_json::Value,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
enum GitSummary {
    Committed {
        branch: String,
        commit: String,
    },
    InsideWorkTree {
        root: String,
    },
    Skipped,
    /// The project was written, and git failed: `error` is git's message.
    Failed {
        error: String,
    },
}

#[derive(Serialize)]
struct NextSteps {
    cd: String,
    #[serde(flatten)]
    commands: crate::blueprint::Commands,
}

pub(crate) fn run(args: &NewArgs, catalogue: &Catalogue) -> Result<()> {
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let options = NewOptions::from_args(args, catalogue, terminal)?;
    let mut prompter = prompt::for_mode(options.mode);
    let gathered = flow::gather(&options, catalogue, prompter.as_mut(), |ranking| {
        super::recommend::table(ranking, false)
    })?;
    for note in &gathered.notes {
        say(&format!("{note}\n"));
    }
    let request = generate::Request {
        blueprint: gathered.blueprint,
        target: gathered.target,
        target_state: gathered.target_state,
        answers: gathered.answers,
        dry_run: options.dry_run,
        git: options.git,
        install: options.install,
        recommendation: gathered.recommendation,
        // A person, an install about to run, or a dry run asking what would happen: worth the
        // tools' start-up time. Other unattended runs only search PATH.
        check_versions: options.mode == prompt::Mode::Ask || options.install || options.dry_run,
        plan: gathered.plan,
    };
    let mut reporter = Reporter { spinner: None };
    let outcome = generate::generate(request, &mut reporter)?;
    if outcome.dry_run {
        let summary = summary(&outcome);
        return if options.json {
            print(&to_json(&summary))
        } else {
            say(&warning_lines(&summary.warnings));
            print(&dry_run_listing(&summary))
        };
    }
    // After a git failure the summary names it, and the error's hint says how to commit by hand.
    if options.json {
        print(&to_json(&summary(&outcome)))?;
    }
    match outcome.failure {
        Some(Failure::Git(error) | Failure::Install(error)) => Err(error),
        None => Ok(()),
    }
}

/// Prints the pipeline's progress on stderr.
struct Reporter {
    spinner: Option<Spinner>,
}

impl Progress for Reporter {
    fn generated(&mut self, outcome: &Outcome<'_>) {
        say(&human_report(outcome));
    }

    fn started(&mut self, step: &str) {
        self.spinner = Some(Spinner::start(step));
    }

    fn finished(&mut self, message: Option<&str>) {
        if let Some(spinner) = self.spinner.take() {
            spinner.stop();
        }
        if let Some(message) = message {
            say(&format!("{message}\n"));
        }
    }
}

fn summary(outcome: &Outcome<'_>) -> Summary {
    let target = outcome.target.display().to_string();
    Summary {
        path: target.clone(),
        blueprint: outcome.blueprint.id().to_string(),
        blueprint_version: outcome.blueprint.manifest.version.clone(),
        dry_run: outcome.dry_run,
        files: outcome
            .plan
            .files
            .iter()
            .map(|f| FileSummary {
                path: f.path.clone(),
                size: f.contents.len(),
                mode: if f.executable { "755" } else { "644" },
            })
            .collect(),
        answers: answer_summaries(&outcome.answers),
        git: match (&outcome.git, &outcome.failure) {
            (_, Some(Failure::Git(error))) => GitSummary::Failed {
                error: error.to_string(),
            },
            (Some(git::Outcome::Committed { branch, commit, .. }), _) => GitSummary::Committed {
                branch: branch.clone(),
                commit: commit.clone(),
            },
            (Some(git::Outcome::InsideWorkTree { root }), _) => {
                GitSummary::InsideWorkTree { root: root.clone() }
            }
            (None, _) => GitSummary::Skipped,
        },
        commands: NextSteps {
            cd: format!("cd {}", super::shell_quote(&target)),
            commands: outcome.plan.commands.clone(),
        },
        warnings: warnings(outcome),
        install: outcome.install.clone(),
        recommendation: outcome.recommendation.clone(),
    }
}

fn answer_summaries(answers: &SourcedAnswers) -> BTreeMap<String, AnswerSummary> {
    answers
        .iter()
        .map(|(key, answer)| {
            let summary = AnswerSummary {
                value: answer.value.to_json(),
                source: answer.source.tag(),
                reason: answer.source.reason().map(str::to_string),
            };
            (key.clone(), summary)
        })
        .collect()
}

/// What the person should know before trusting the project: how far groundwork proves the
/// blueprint, and each tool `groundwork doctor` would fail on. Each is said once.
fn warnings(outcome: &Outcome<'_>) -> Vec<String> {
    let blueprint = outcome.blueprint;
    let id = blueprint.id();
    let mut warnings: Vec<String> = proof_warning(blueprint).into_iter().collect();
    if let Some(git::Outcome::Committed {
        refused_branch: Some((name, problem)),
        ..
    }) = &outcome.git
    {
        warnings.push(format!(
            "init.defaultBranch `{}` is not a branch name git accepts ({problem}), so the branch is main; fix it with git config --global init.defaultBranch <name>",
            crate::text::excerpt(name)
        ));
    }
    for tool in &outcome.toolchain_problems {
        let needs = tool
            .min_version
            .as_ref()
            .map(|v| format!(", version {v} or newer"))
            .unwrap_or_default();
        let found = tool.found.as_deref().unwrap_or("?");
        warnings.push(match tool.fault {
            Some(Fault::Missing) => format!(
                "{} not found: the project's commands need it{needs} (see `groundwork doctor {id}`)",
                tool.command
            ),
            Some(Fault::TooOld) => format!(
                "{} {found} is too old: the project's commands need it{needs} (see `groundwork doctor {id}`)",
                tool.command
            ),
            // The problem names the command: "python3 printed no version".
            _ => format!(
                "{} (see `groundwork doctor {id}`)",
                tool.problem.as_deref().unwrap_or("not usable")
            ),
        });
    }
    warnings
}

/// Said for a blueprint whose proof level is not end to end; a blueprint from a folder states
/// its own level, which groundwork's CI never checked.
fn proof_warning(blueprint: &Blueprint) -> Option<String> {
    let id = blueprint.id();
    match (blueprint.manifest.proof, &blueprint.source) {
        (Proof::EndToEnd, _) => None,
        (Proof::Syntax, Source::Embedded) => Some(format!(
            "{id}: syntax only here: groundwork's CI parses every generated file but never installs, builds or runs the project (see `groundwork show {id}`)"
        )),
        (Proof::Syntax, Source::Folder(path)) => Some(format!(
            "{id}: syntax only, as its blueprint.toml in {} says: the project it makes was not installed or run by its author's checks",
            path.display()
        )),
        (Proof::DebianPackages, Source::Embedded) => Some(format!(
            "{id}: proven here on Debian's packages of its framework, not on the versions its own files pin (see `groundwork show {id}`)"
        )),
        (Proof::DebianPackages, Source::Folder(path)) => Some(format!(
            "{id}: proven on Debian's packages of its framework, as its blueprint.toml in {} says; groundwork's CI never checked it",
            path.display()
        )),
    }
}

/// The answers the goals chose, one line each: "  database = postgres (chosen for --scale large)".
fn goal_choices(answers: &BTreeMap<String, AnswerSummary>) -> String {
    let mut out = String::new();
    for (key, answer) in answers {
        if let Some(reason) = &answer.reason {
            let value = match &answer.value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            out.push_str(&format!(
                "  {} = {} ({})\n",
                visible(key),
                visible(&value),
                visible(reason)
            ));
        }
    }
    out
}

fn dry_run_listing(summary: &Summary) -> String {
    let mut out = format!(
        "Would write {} files to {} (dry run: nothing written):\n",
        summary.files.len(),
        visible(&summary.path)
    );
    for file in &summary.files {
        out.push_str(&format!(
            "  {} {:>7}  {}\n",
            file.mode,
            file.size,
            visible(&file.path)
        ));
    }
    let chosen = goal_choices(&summary.answers);
    if !chosen.is_empty() {
        out.push_str(&format!("Chosen for your goals:\n{chosen}"));
    }
    out
}

fn git_lines(git: Option<&git::Outcome>) -> String {
    match git {
        Some(git::Outcome::Committed {
            branch,
            commit,
            fallback_identity,
            untracked,
            ..
        }) => {
            let mut out = format!(
                "Initialised git on branch {} with commit {}.\n",
                visible(branch),
                &commit[..commit.len().min(7)]
            );
            if !untracked.is_empty() {
                let names: Vec<_> = untracked.iter().map(|name| visible(name)).collect();
                out.push_str(&format!(
                    "Left out of the first commit (they were already in the folder): {}.\n",
                    names.join(", ")
                ));
            }
            if *fallback_identity {
                out.push_str("No git identity is configured, so the commit's author is groundwork <groundwork@localhost>; set yours with git config --global user.name/user.email and amend with git commit --amend --reset-author.\n");
            }
            out
        }
        Some(git::Outcome::InsideWorkTree { root }) => {
            format!(
                "Inside the git work tree at {}: no new repository was created.\n",
                visible(root)
            )
        }
        None => String::new(),
    }
}

fn warning_lines(warnings: &[String]) -> String {
    let mut lines = String::new();
    for warning in warnings {
        lines.push_str(&format!(
            "{} {}\n",
            paint(Stream::Stderr, Paint::Yellow, "warning:"),
            visible(warning)
        ));
    }
    lines
}

fn human_report(outcome: &Outcome<'_>) -> String {
    let summary = summary(outcome);
    let mut out = format!(
        "{} {} from {} {} ({} files).\n",
        paint(Stream::Stderr, Paint::Green, "Created"),
        visible(&summary.path),
        visible(&summary.blueprint),
        visible(&summary.blueprint_version),
        summary.files.len()
    );
    out.push_str(&git_lines(outcome.git.as_ref()));
    let chosen = goal_choices(&summary.answers);
    if !chosen.is_empty() {
        out.push_str(&format!("Chosen for your goals:\n{chosen}"));
    }
    out.push_str(&warning_lines(&summary.warnings));
    let c = &summary.commands;
    out.push_str(&format!(
        "\n{}\n",
        paint(Stream::Stderr, Paint::Bold, "Next steps:")
    ));
    if c.cd != "cd ." {
        out.push_str(&format!("  {}\n", visible(&c.cd)));
    }
    for (label, command) in c.commands.labelled() {
        out.push_str(&format!("  {:<50}  # {label}\n", visible(command)));
    }
    out
}
