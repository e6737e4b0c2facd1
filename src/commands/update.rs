//! `groundwork update`: arguments in, an update request out, and its outcome as text (stderr; the
//! dry run's listing on stdout) or JSON (stdout). Conflicts end in an error (exit 1) after the
//! report, so every conflict is both in the files and listed.

use super::{print, say, to_json};
use crate::answers::{parse_set, read_answers_file};
use crate::blueprint::Catalogue;
use crate::cli::UpdateArgs;
use crate::error::{Error, Result};
use crate::git::base::{Origin, REF};
use crate::prompt::{self, Mode};
use crate::ui::{Paint, Stream, paint};
use crate::update::{self, Conflict, Outcome, Problem, Status};
use serde::Serialize;
use std::io::IsTerminal;

/// What `update --json` prints.
#[derive(Serialize)]
struct Summary {
    path: String,
    blueprint: String,
    from_version: Option<String>,
    to_version: String,
    dry_run: bool,
    answers: Vec<AnswerChange>,
    notes: Vec<String>,
    files: Vec<FileSummary>,
    conflicts: Vec<String>,
    base: BaseSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
}

#[derive(Serialize)]
struct AnswerChange {
    key: String,
    from: Option<String>,
    to: String,
}

#[derive(Serialize)]
struct FileSummary {
    path: String,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict: Option<Conflict>,
}

#[derive(Serialize)]
struct BaseSummary {
    #[serde(rename = "ref")]
    name: &'static str,
    from: String,
    /// Where the base was found: "ref", "first-commit" or "given".
    found: &'static str,
    to: Option<String>,
}

pub(crate) fn run(args: &UpdateArgs, catalogue: &Catalogue) -> Result<()> {
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let sets = args
        .set
        .iter()
        .map(|raw| parse_set(raw))
        .collect::<Result<Vec<_>>>()?;
    let answers_file = args.answers.as_deref().map(read_answers_file).transpose()?;
    let mode = match (args.yes, terminal) {
        (true, _) => Mode::Defaults,
        (false, true) => Mode::Ask,
        (false, false) => Mode::Never,
    };
    let mut prompter = prompt::for_mode(mode);
    let request = update::Request {
        project: args.dir.clone(),
        catalogue,
        answers_file,
        sets,
        base: args.base.clone(),
        allow_dirty: args.allow_dirty,
        dry_run: args.dry_run,
        commit: args.commit,
    };
    let outcome = update::update(&request, prompter.as_mut())?;
    let summary = summary(&outcome);
    if args.json {
        print(&to_json(&summary))?;
    } else if outcome.dry_run {
        print(&report(&summary))?;
    } else {
        say(&report(&summary));
    }
    let conflicts = outcome.conflicts();
    if conflicts.is_empty() || outcome.dry_run {
        Ok(())
    } else {
        Err(Error::Update(Problem::Conflicts { files: conflicts }))
    }
}

fn summary(outcome: &Outcome<'_>) -> Summary {
    Summary {
        path: outcome.project.display().to_string(),
        blueprint: outcome.blueprint.id().to_string(),
        from_version: outcome.from_version.clone(),
        to_version: outcome.blueprint.manifest.version.clone(),
        dry_run: outcome.dry_run,
        answers: outcome
            .answer_changes
            .iter()
            .map(|c| AnswerChange {
                key: c.key.clone(),
                from: c.from.clone(),
                to: c.to.clone(),
            })
            .collect(),
        notes: outcome.notes.clone(),
        files: outcome
            .files
            .iter()
            .map(|f| FileSummary {
                path: f.path.clone(),
                status: f.status,
                conflict: f.conflict,
            })
            .collect(),
        conflicts: outcome.conflicts(),
        base: BaseSummary {
            name: REF,
            from: outcome.base_from.clone(),
            found: match outcome.base_origin {
                Origin::Ref => "ref",
                Origin::FirstCommit => "first-commit",
                Origin::Given => "given",
            },
            to: outcome.base_to.clone(),
        },
        commit: outcome.committed.clone(),
    }
}

fn short(id: &str) -> &str {
    &id[..id.len().min(7)]
}

fn report(summary: &Summary) -> String {
    let mut out = String::new();
    let versions = match &summary.from_version {
        Some(from) if *from != summary.to_version => format!("{from} -> {}", summary.to_version),
        _ => summary.to_version.clone(),
    };
    let verb = if summary.dry_run {
        "Would update"
    } else {
        "Updated"
    };
    out.push_str(&format!(
        "{} {} from {} {versions}",
        paint(Stream::Stderr, Paint::Green, verb),
        summary.path,
        summary.blueprint,
    ));
    if summary.files.is_empty() {
        out.push_str(": already up to date");
    }
    out.push_str(if summary.dry_run {
        " (dry run: nothing written).\n"
    } else {
        ".\n"
    });
    for change in &summary.answers {
        let from = change.from.as_deref().unwrap_or("(new)");
        out.push_str(&format!("  {} = {from} -> {}\n", change.key, change.to));
    }
    for note in &summary.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for file in &summary.files {
        out.push_str(&format!("  {:<9} {}", file.status.label(), file.path));
        if let Some(conflict) = file.conflict {
            out.push_str(&format!(" ({})", conflict.describe()));
        }
        out.push('\n');
    }
    let base = &summary.base;
    match (&base.to, summary.dry_run) {
        (Some(to), false) => out.push_str(&format!(
            "{REF} moved from {} to {}.\n",
            short(&base.from),
            short(to)
        )),
        (Some(_), true) => out.push_str(&format!(
            "{REF} would move from {} to the new render.\n",
            short(&base.from)
        )),
        (None, _) => {}
    }
    if let Some(commit) = &summary.commit {
        out.push_str(&format!("Committed {}.\n", short(commit)));
    } else if !summary.dry_run && !summary.files.is_empty() && summary.conflicts.is_empty() {
        out.push_str("Review with git diff, then commit: git add -A && git commit\n");
    }
    out
}
