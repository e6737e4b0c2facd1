//! The answers of an update: the ones the project's `.groundwork.toml` recorded, reconciled with
//! the blueprint as it is now and with the changes given (`--answers`, `--set`), all through the
//! same [`Merge`] and checks as `new`. An option the blueprint added gets its default (or is
//! asked in a terminal); one it removed is dropped with a note.

use crate::answers::{
    AnswerSource, AnswersFile, Merge, RECORD_FILE, Raw, SourcedAnswers, parse_answers_text,
};
use crate::blueprint::{Blueprint, PROJECT_KEYS};
use crate::error::{Error, Result};
use crate::prompt::Prompter;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A project's record, as read from its work tree.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub file: AnswersFile,
    pub blueprint_version: Option<String>,
    /// Answers the team's goals chose, by key: the value as the record's note shows it, and why.
    pub goal_reasons: BTreeMap<String, (String, String)>,
}

/// Reads `project/.groundwork.toml`; `Ok(None)` when there is none.
pub(crate) fn read_record(project: &Path) -> Result<Option<Recorded>> {
    let path = project.join(RECORD_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let problem = |message: String| Error::AnswersFile {
        path: path.clone(),
        message,
    };
    let mut file = parse_answers_text(&text).map_err(problem)?;
    file.path = PathBuf::from(RECORD_FILE);
    if file.blueprint.is_none() {
        return Err(problem(
            "it names no blueprint ([groundwork] blueprint = \"<id>\")".into(),
        ));
    }
    let blueprint_version = text.parse::<toml::Table>().ok().and_then(|t| {
        t.get("groundwork")?
            .get("blueprint_version")?
            .as_str()
            .map(str::to_string)
    });
    Ok(Some(Recorded {
        file,
        blueprint_version,
        goal_reasons: goal_reasons(&text),
    }))
}

/// The "#   key = value (why)" lines that `new` appends under the goals' note.
fn goal_reasons(text: &str) -> BTreeMap<String, (String, String)> {
    let mut found = BTreeMap::new();
    let mut in_note = false;
    for line in text.lines() {
        if line.starts_with("# Chosen for the team's goals") {
            in_note = true;
            continue;
        }
        let Some(choice) = line.strip_prefix("#   ").filter(|_| in_note) else {
            in_note = false;
            continue;
        };
        let parsed = choice.split_once(" = ").and_then(|(key, rest)| {
            let (value, reason) = rest.split_once(" (")?;
            Some((key, value, reason.strip_suffix(')')?))
        });
        if let Some((key, value, reason)) = parsed {
            found.insert(key.to_string(), (value.to_string(), reason.to_string()));
        }
    }
    found
}

/// One answer that differs from the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnswerChange {
    pub key: String,
    /// The recorded value; `None` for an option the blueprint added.
    pub from: Option<String>,
    pub to: String,
}

/// The answers to render with, what changed, and notes on options added or dropped.
#[derive(Debug)]
pub(crate) struct Reconciled {
    pub answers: SourcedAnswers,
    pub changes: Vec<AnswerChange>,
    pub notes: Vec<String>,
}

/// Merges the record, `file` and `sets` for `blueprint`, asking `prompter` for options the
/// blueprint added (an unattended prompter takes their defaults).
pub(crate) fn reconcile(
    blueprint: &Blueprint,
    recorded: &Recorded,
    project_name: &str,
    file: Option<&AnswersFile>,
    sets: &[(String, String)],
    prompter: &mut dyn Prompter,
) -> Result<Reconciled> {
    let given: BTreeSet<&str> = sets
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(
            file.iter()
                .flat_map(|f| f.values.keys().map(String::as_str)),
        )
        .collect();
    let kept = keep_recorded(blueprint, recorded, &given);
    let mut notes = kept.dropped;
    let mut merge = Merge::new(blueprint);
    merge.apply(
        &AnswerSource::Folder,
        [("name".into(), Raw::Text(project_name.into()))],
    )?;
    merge.apply(
        &AnswerSource::AnswersFile(recorded.file.path.clone()),
        kept.from_record,
    )?;
    for (key, reason, value) in kept.from_goals {
        merge.apply(&AnswerSource::Goal { reason }, [(key, Raw::Toml(value))])?;
    }
    merge.apply_given(file, sets)?;
    for option in &blueprint.manifest.options {
        let key = option.key.as_str();
        if recorded.file.values.contains_key(key) || given.contains(key) {
            continue;
        }
        // There is no earlier question to go back to: Esc keeps the offered value.
        merge.ask(key, |offered| {
            crate::flow::ask_option(blueprint, option, offered, prompter)
                .map(|answer| answer.unwrap_or_else(|| offered.clone()))
        })?;
    }
    let answers = merge.finish();
    let changes = changes(blueprint, recorded, &answers, &mut notes);
    Ok(Reconciled {
        answers,
        changes,
        notes,
    })
}

/// The recorded answers that still apply, by where they came from.
struct Kept {
    /// Answers the record holds as given.
    from_record: Vec<(String, Raw)>,
    /// Answers the team's goals chose, unchanged since: key, reason, value.
    from_goals: Vec<(String, String, toml::Value)>,
    /// Notes on recorded answers the blueprint no longer has an option for.
    dropped: Vec<String>,
}

/// Sorts the recorded answers: dropped when the blueprint has no such option any more, left out
/// when given again now, and otherwise kept with the source they had.
fn keep_recorded(blueprint: &Blueprint, recorded: &Recorded, given: &BTreeSet<&str>) -> Kept {
    let known = |key: &str| PROJECT_KEYS.contains(&key) || blueprint.option(key).is_some();
    let mut kept = Kept {
        from_record: Vec::new(),
        from_goals: Vec::new(),
        dropped: Vec::new(),
    };
    for (key, value) in &recorded.file.values {
        if !known(key) {
            kept.dropped.push(format!(
                "`{key}` (recorded as {value}) is not an option of {} {}: dropped",
                blueprint.id(),
                blueprint.manifest.version
            ));
            continue;
        }
        if given.contains(key.as_str()) {
            continue;
        }
        match recorded.goal_reasons.get(key) {
            Some((shown, reason)) if *shown == toml_text(value) => {
                kept.from_goals
                    .push((key.clone(), reason.clone(), value.clone()));
            }
            _ => kept
                .from_record
                .push((key.clone(), Raw::Toml(value.clone()))),
        }
    }
    kept
}

/// Every answer that differs from the record, with a note for each option the blueprint added.
fn changes(
    blueprint: &Blueprint,
    recorded: &Recorded,
    answers: &SourcedAnswers,
    notes: &mut Vec<String>,
) -> Vec<AnswerChange> {
    let mut changes = Vec::new();
    for (key, answer) in answers {
        let to = answer.value.to_toml();
        let from = recorded.file.values.get(key);
        if from == Some(&to) {
            continue;
        }
        if from.is_none() {
            notes.push(format!(
                "`{key}` is new in {} {}: {key} = {}",
                blueprint.id(),
                blueprint.manifest.version,
                toml_text(&to)
            ));
        }
        changes.push(AnswerChange {
            key: key.clone(),
            from: from.map(toml_text),
            to: toml_text(&to),
        });
    }
    changes
}

/// A value as the record's notes and messages show it: a string's own text.
fn toml_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_notes_are_read_back() {
        let text = "[answers]\ndatabase = \"postgres\"\n\n# Chosen for the team's goals (an answer or --set replaces them):\n#   database = postgres (chosen for --scale large)\n";
        let found = goal_reasons(text);
        assert_eq!(
            found.get("database"),
            Some(&(
                "postgres".to_string(),
                "chosen for --scale large".to_string()
            ))
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn comments_outside_the_note_are_not_goals() {
        assert!(goal_reasons("#   database = postgres (why)\n").is_empty());
    }
}
