//! The summary shown before "Create it?": the folder, the blueprint, the goals in the order
//! given, every answer with where it came from, how many files, and whether git will run.

use crate::answers::{AnswerSource, SourcedAnswers};
use crate::blueprint::Blueprint;
use crate::goals::GoalText;
use crate::recommend::Goals;
use crate::render::Plan;
use std::path::Path;

/// What the summary describes.
pub(super) struct Facts<'a> {
    pub blueprint: &'a Blueprint,
    pub target: &'a Path,
    pub answers: &'a SourcedAnswers,
    /// The goals the framework was recommended for; `None` when `--framework` chose it.
    pub goals: Option<&'a Goals>,
    /// The project as it would be written (rendered before the person says yes, so that a
    /// template that cannot render is refused first), for its file count.
    pub plan: &'a Plan,
    pub dry_run: bool,
    pub git: bool,
}

/// The summary text.
pub(super) fn text(facts: &Facts<'_>) -> String {
    let manifest = &facts.blueprint.manifest;
    let mut out = format!(
        "\nAbout to create {} from {} {} ({}):\n",
        facts.target.display(),
        manifest.name,
        manifest.version,
        facts.blueprint.id()
    );
    if let Some(goals) = facts.goals {
        let flags = GoalText::from(goals).flags();
        let goals = if flags.is_empty() {
            "none given".to_string()
        } else {
            flags.join(" ")
        };
        out.push_str(&format!("  goals: {goals}\n"));
    }
    for (key, answer) in facts.answers {
        let source = source_text(&answer.source);
        out.push_str(&format!("  {key} = {} ({source})\n", answer.value));
    }
    out.push_str(&format!(
        "  {} files; {}\n",
        facts.plan.files.len(),
        git_text(facts)
    ));
    out
}

/// Where an answer came from, as the summary says it: "flag", "goal: chosen for --scale large".
fn source_text(source: &AnswerSource) -> String {
    match source {
        AnswerSource::AnswersFile(path) => format!("answers file {}", path.display()),
        AnswerSource::DefaultsFile(path) => format!("defaults file {}", path.display()),
        other => match other.reason() {
            Some(reason) => format!("{}: {reason}", other.tag()),
            None => other.tag().to_string(),
        },
    }
}

fn git_text(facts: &Facts<'_>) -> String {
    if facts.dry_run {
        return "--dry-run: nothing is written".into();
    }
    if !facts.git {
        return "no git repository (--no-git)".into();
    }
    let absolute = std::path::absolute(facts.target).unwrap_or_else(|_| facts.target.into());
    match crate::git::enclosing_work_tree(&absolute) {
        Some(root) => format!("no new git repository: the folder is inside the one at {root}"),
        None => "git: a new repository with one first commit".into(),
    }
}
