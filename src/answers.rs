//! Answers: the values a project is generated with, and where each came from. They arrive in
//! layers (`--set`/`--name`, an answers file such as a project's own `.groundwork.toml`, prompts,
//! the team's goals, the defaults file, git's identity, the folder's name, the blueprint's
//! defaults); `Merge` applies them in one place, validates every value the same way whatever its
//! layer, and tags it with an `AnswerSource` that error messages, the summary and `--json` read.

use crate::blueprint::{Blueprint, Commands, PROJECT_KEYS, closest_of};
use crate::error::{Error, Result};
use crate::options::Value;
use crate::recommendation_record::RecommendationRecord;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the record every generated project keeps of how it was made.
pub(crate) const RECORD_FILE: &str = ".groundwork.toml";

/// Every answer for one project, by key: `name`, `author_name`, `author_email` and each option.
pub type Answers = BTreeMap<String, Value>;

/// An answers file, read but not yet checked against a blueprint.
#[derive(Debug, Clone, Default)]
pub struct AnswersFile {
    pub(crate) path: PathBuf,
    pub(crate) blueprint: Option<String>,
    pub(crate) values: BTreeMap<String, toml::Value>,
    /// A project's record keeps the recommendation it was made through; a rebuild keeps it too.
    pub(crate) recommendation: Option<RecommendationRecord>,
}

/// Reads an answers file: an optional `[groundwork]` table naming the `blueprint`, and an
/// `[answers]` table of values.
pub(crate) fn read_answers_file(path: &Path) -> Result<AnswersFile> {
    let problem = |message: String| Error::AnswersFile {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| problem(e.to_string()))?;
    let mut file = parse_answers_text(&text).map_err(problem)?;
    file.path = path.to_path_buf();
    Ok(file)
}

/// Parses the text of an answers file (its `path` is left empty); the error says what is wrong,
/// with the line and column for TOML syntax. Never panics, whatever the text (see `fuzz/`).
pub fn parse_answers_text(text: &str) -> Result<AnswersFile, String> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| e.to_string().trim_end().replace('\n', "\n  "))?;
    let mut file = AnswersFile::default();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("groundwork", toml::Value::Table(meta)) => {
                if let Some(id) = meta.get("blueprint") {
                    let id = id
                        .as_str()
                        .ok_or_else(|| "`groundwork.blueprint` must be a string".to_string())?;
                    file.blueprint = Some(id.to_string());
                }
            }
            ("answers", toml::Value::Table(values)) => file.values = values.into_iter().collect(),
            // A project's record also lists its commands; they are output, not answers.
            ("commands", toml::Value::Table(_)) => {}
            ("recommendation", value) => {
                file.recommendation = Some(RecommendationRecord::from_toml(value)?);
            }
            (other, _) => {
                return Err(format!(
                    "unexpected `{}`; the file holds a [groundwork] table (blueprint = \"<id>\") and an [answers] table",
                    crate::text::visible(other)
                ));
            }
        }
    }
    Ok(file)
}

/// Splits `key=value`.
pub fn parse_set(raw: &str) -> Result<(String, String)> {
    match raw.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.to_string()))
        }
        _ => Err(Error::MalformedSet {
            given: raw.to_string(),
        }),
    }
}

/// Where an answer came from. The order of the variants is their precedence, highest first: a
/// value from an earlier layer replaces one from a later layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AnswerSource {
    /// `--set key=value` or `--name`.
    Flag,
    /// An answers file (`--answers FILE`).
    AnswersFile(PathBuf),
    /// Typed or picked at a prompt.
    Prompt,
    /// Chosen for the team's goals; the reason names the goal ("chosen for --scale large").
    Goal { reason: String },
    /// The defaults file (`[author]` or `[defaults]`).
    DefaultsFile(PathBuf),
    /// git's author identity: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else the configuration.
    GitConfig,
    /// The project folder's name.
    Folder,
    /// A stand-in for an answer nobody gave (the author when git knows none).
    Placeholder,
    /// The blueprint's own default.
    BlueprintDefault,
}

impl AnswerSource {
    fn precedence(&self) -> u8 {
        match self {
            AnswerSource::Flag => 0,
            AnswerSource::AnswersFile(_) => 1,
            AnswerSource::Prompt => 2,
            AnswerSource::Goal { .. } => 3,
            AnswerSource::DefaultsFile(_) => 4,
            AnswerSource::GitConfig => 5,
            AnswerSource::Folder => 6,
            AnswerSource::Placeholder => 7,
            AnswerSource::BlueprintDefault => 8,
        }
    }

    /// Whether the value was given before any question: it is never asked again.
    pub(crate) fn is_given(&self) -> bool {
        matches!(self, AnswerSource::Flag | AnswerSource::AnswersFile(_))
    }

    /// A short tag for summaries and JSON: "flag", "answers file", "goal", ...
    pub(crate) fn tag(&self) -> &'static str {
        match self {
            AnswerSource::Flag => "flag",
            AnswerSource::AnswersFile(_) => "answers file",
            AnswerSource::Prompt => "prompt",
            AnswerSource::Goal { .. } => "goal",
            AnswerSource::DefaultsFile(_) => "defaults file",
            AnswerSource::GitConfig => "git config",
            AnswerSource::Folder => "folder name",
            AnswerSource::Placeholder => "placeholder",
            AnswerSource::BlueprintDefault => "blueprint default",
        }
    }

    /// Why this value, when there is more to say than the tag.
    pub(crate) fn reason(&self) -> Option<&str> {
        match self {
            AnswerSource::Goal { reason } => Some(reason),
            _ => None,
        }
    }

    /// An error about a value from this source, reworded to say where the value came from and
    /// how to give another.
    fn explain(&self, key: &str, raw: &Raw, error: Error) -> Error {
        match (self, error) {
            (AnswerSource::AnswersFile(path), Error::InvalidValue { key, value, rule }) => {
                Error::AnswersFile {
                    path: path.clone(),
                    message: format!(
                        "invalid value `{}` for `{key}`: {rule}",
                        crate::text::excerpt(&value)
                    ),
                }
            }
            (AnswerSource::AnswersFile(path), unknown @ Error::UnknownOption { .. }) => {
                let listed = match &unknown {
                    Error::UnknownOption { valid, .. } => valid.join(", "),
                    _ => unreachable!("matched above"),
                };
                Error::AnswersFile {
                    path: path.clone(),
                    message: format!("{unknown}; valid options: {listed}"),
                }
            }
            (AnswerSource::DefaultsFile(path), Error::InvalidValue { rule, .. })
                if !PROJECT_KEYS.contains(&key) =>
            {
                Error::ConfigFile {
                    path: path.clone(),
                    message: format!(
                        "[defaults] {key} = {}: {rule}",
                        crate::text::excerpt(&raw.as_toml().to_string())
                    ),
                }
            }
            (
                AnswerSource::DefaultsFile(_) | AnswerSource::GitConfig,
                Error::InvalidValue { key, value, rule },
            ) => Error::InvalidValue {
                rule: format!(
                    "{rule} (it comes from your git configuration or defaults file; pass --set {key}=<value> to choose another)"
                ),
                key,
                value,
            },
            (AnswerSource::Folder, Error::InvalidName { name, rule }) => Error::InvalidName {
                name,
                rule: format!(
                    "{rule} (the name comes from the folder; pass --name to choose another)"
                ),
            },
            (_, other) => other,
        }
    }
}

/// One value as its layer holds it, before it is checked.
#[derive(Debug, Clone)]
pub(crate) enum Raw {
    /// Typed text: `--set`, a prompt, git's configuration, a folder's name.
    Text(String),
    /// A TOML value: an answers file or the defaults file.
    Toml(toml::Value),
    /// A value already of the option's type (a goal's choice, a blueprint's default).
    Checked(Value),
}

impl Raw {
    fn as_toml(&self) -> toml::Value {
        match self {
            Raw::Text(text) => toml::Value::String(text.clone()),
            Raw::Toml(value) => value.clone(),
            Raw::Checked(value) => value.to_toml(),
        }
    }
}

/// A checked value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) value: Value,
    pub(crate) source: AnswerSource,
}

/// Every answer for one project, with its source.
pub(crate) type SourcedAnswers = BTreeMap<String, Answer>;

/// The values of sourced answers, as templates see them.
pub(crate) fn values(answers: &SourcedAnswers) -> Answers {
    answers
        .iter()
        .map(|(key, answer)| (key.clone(), answer.value.clone()))
        .collect()
}

/// The author answers when nobody gave one: the only place these stand-ins are written.
pub(crate) const PLACEHOLDER_AUTHOR_NAME: &str = "Your Name";
pub(crate) const PLACEHOLDER_AUTHOR_EMAIL: &str = "you@example.com";

/// The one place answers are merged. Layers are applied in any order; for each key the value of
/// the layer with the highest precedence is kept, and each value that could be kept is checked as
/// it is applied (an error names its layer). Questions go through [`Merge::ask`], which offers the best value so
/// far; [`Merge::finish`] fills what is left from the blueprint's defaults.
#[derive(Debug)]
pub(crate) struct Merge<'b> {
    blueprint: &'b Blueprint,
    answers: SourcedAnswers,
}

impl<'b> Merge<'b> {
    /// A merge for `blueprint`, holding the author stand-ins.
    pub(crate) fn new(blueprint: &'b Blueprint) -> Self {
        let mut merge = Merge {
            blueprint,
            answers: SourcedAnswers::new(),
        };
        for (key, placeholder) in [
            ("author_name", PLACEHOLDER_AUTHOR_NAME),
            ("author_email", PLACEHOLDER_AUTHOR_EMAIL),
        ] {
            merge.keep(
                key,
                Answer {
                    value: Value::String(placeholder.into()),
                    source: AnswerSource::Placeholder,
                },
            );
        }
        merge
    }

    pub(crate) fn blueprint(&self) -> &'b Blueprint {
        self.blueprint
    }

    /// Checks and applies every value of one layer.
    pub(crate) fn apply(
        &mut self,
        source: &AnswerSource,
        values: impl IntoIterator<Item = (String, Raw)>,
    ) -> Result<()> {
        for (key, raw) in values {
            // A value that loses to one already held is never used, so it is not judged either
            // (a broken git identity does not matter when --set gives the author).
            let outranked = self
                .answers
                .get(&key)
                .is_some_and(|held| held.source.precedence() < source.precedence());
            if outranked {
                continue;
            }
            let text = match &raw {
                Raw::Text(text) | Raw::Toml(toml::Value::String(text)) => Some(text),
                _ => None,
            };
            if let Some(found) = text.and_then(|t| crate::options::find_hidden_character(t)) {
                let source = source.tag();
                return Err(Error::HiddenCharacter { key, source, found });
            }
            let value = match &raw {
                Raw::Text(text) => check_text(self.blueprint, &key, text),
                Raw::Toml(value) => check_toml(self.blueprint, &key, value),
                Raw::Checked(value) => Ok(value.clone()),
            }
            .map_err(|e| source.explain(&key, &raw, e))?;
            self.keep(
                &key,
                Answer {
                    value,
                    source: source.clone(),
                },
            );
        }
        Ok(())
    }

    /// Applies the layers given before any question: the answers file, then `--set`/`--name`.
    pub(crate) fn apply_given(
        &mut self,
        file: Option<&AnswersFile>,
        sets: &[(String, String)],
    ) -> Result<()> {
        if let Some(file) = file {
            let values = file
                .values
                .iter()
                .map(|(k, v)| (k.clone(), Raw::Toml(v.clone())));
            self.apply(&AnswerSource::AnswersFile(file.path.clone()), values)?;
        }
        let sets = sets.iter().map(|(k, v)| (k.clone(), Raw::Text(v.clone())));
        self.apply(&AnswerSource::Flag, sets)
    }

    fn keep(&mut self, key: &str, answer: Answer) {
        let replaces = self
            .answers
            .get(key)
            .is_none_or(|held| answer.source.precedence() <= held.source.precedence());
        if replaces {
            self.answers.insert(key.to_string(), answer);
        }
    }

    /// Whether `key` was given before any question (so it is not asked).
    pub(crate) fn is_given(&self, key: &str) -> bool {
        self.answers.get(key).is_some_and(|a| a.source.is_given())
    }

    /// Settles option `key`: a given value stays; otherwise `ask` gets the best value so far (or
    /// the blueprint's default) and returns the answer to keep, which is checked like any other.
    pub(crate) fn ask(
        &mut self,
        key: &str,
        ask: impl FnOnce(&Answer) -> Result<Answer>,
    ) -> Result<()> {
        if self.is_given(key) {
            return Ok(());
        }
        let offered = match self.answers.get(key) {
            Some(held) => held.clone(),
            None => self.blueprint_default(key),
        };
        let answer = ask(&offered)?;
        if answer != offered {
            let raw = Raw::Text(answer.value.to_string());
            self.apply(&answer.source, [(key.to_string(), raw)])?;
        }
        self.answers.insert(key.to_string(), answer);
        Ok(())
    }

    fn blueprint_default(&self, key: &str) -> Answer {
        let option = self
            .blueprint
            .option(key)
            .expect("only a blueprint's options are asked");
        Answer {
            value: option
                .default_value()
                .expect("defaults are validated when the manifest is loaded"),
            source: AnswerSource::BlueprintDefault,
        }
    }

    /// Every answer: the merged ones, and the blueprint's default for each option not answered.
    pub(crate) fn finish(mut self) -> SourcedAnswers {
        for option in &self.blueprint.manifest.options {
            if !self.answers.contains_key(&option.key) {
                let default = self.blueprint_default(&option.key);
                self.answers.insert(option.key.clone(), default);
            }
        }
        self.answers
    }
}

/// What the user gave before any question is asked (answers file values, then `--set` values,
/// later ones winning), each checked against the blueprint: the given layers of a `Merge`.
pub fn given_answers(
    blueprint: &Blueprint,
    file: Option<&AnswersFile>,
    sets: &[(String, String)],
) -> Result<Answers> {
    let mut merge = Merge::new(blueprint);
    merge.apply_given(file, sets)?;
    Ok(merge
        .answers
        .into_iter()
        .filter(|(_, answer)| answer.source.is_given())
        .map(|(key, answer)| (key, answer.value))
        .collect())
}

/// Validates one typed answer (from `--set` or a prompt).
pub(crate) fn check_text(blueprint: &Blueprint, key: &str, text: &str) -> Result<Value> {
    if PROJECT_KEYS.contains(&key) {
        return check_project_value(key, text);
    }
    let option = find_option(blueprint, key)?;
    option.parse_text(text).map_err(|rule| Error::InvalidValue {
        key: key.to_string(),
        value: text.to_string(),
        rule,
    })
}

fn check_toml(blueprint: &Blueprint, key: &str, value: &toml::Value) -> Result<Value> {
    if PROJECT_KEYS.contains(&key) {
        let text = value.as_str().ok_or_else(|| Error::InvalidValue {
            key: key.to_string(),
            value: toml_text(value),
            rule: "expected a string".into(),
        })?;
        return check_project_value(key, text);
    }
    let option = find_option(blueprint, key)?;
    option
        .parse_toml(value)
        .map_err(|rule| Error::InvalidValue {
            key: key.to_string(),
            value: toml_text(value),
            rule,
        })
}

/// A TOML value as a message shows it: a string's own text (escaped when shown), not TOML's
/// quoting of it, which for a string with a newline is a `"""` block.
fn toml_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn find_option<'a>(blueprint: &'a Blueprint, key: &str) -> Result<&'a crate::options::OptionSpec> {
    blueprint.option(key).ok_or_else(|| {
        let mut valid: Vec<String> = PROJECT_KEYS
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        valid.extend(blueprint.manifest.options.iter().map(|o| o.key.clone()));
        Error::UnknownOption {
            blueprint: blueprint.id().to_string(),
            key: key.to_string(),
            closest: closest_of(key, valid.iter().map(String::as_str)),
            valid,
        }
    })
}

fn check_project_value(key: &str, text: &str) -> Result<Value> {
    if key == "name" {
        crate::names::derive(text).map_err(|rule| Error::InvalidName {
            name: text.to_string(),
            rule,
        })?;
        return Ok(Value::String(text.to_string()));
    }
    let bad = |rule: &str| Error::InvalidValue {
        key: key.to_string(),
        value: text.to_string(),
        rule: rule.to_string(),
    };
    if text.chars().any(char::is_control) {
        return Err(bad("it must be one line of text"));
    }
    if text.chars().count() > 200 {
        return Err(bad("the limit is 200 characters"));
    }
    Ok(Value::String(text.to_string()))
}

/// Fills every option not answered with its blueprint's default (for checks that render every
/// combination without a merge).
///
/// # Panics
///
/// Not for a blueprint made by [`Blueprint::new`], which refuses a manifest whose defaults do
/// not fit their options.
pub fn with_defaults(blueprint: &Blueprint, mut answers: Answers) -> Answers {
    for option in &blueprint.manifest.options {
        if !answers.contains_key(&option.key) {
            let default = option
                .default_value()
                .expect("defaults are validated when the manifest is loaded");
            answers.insert(option.key.clone(), default);
        }
    }
    answers
}

/// The `.groundwork.toml` text: enough to rebuild the same tree with
/// `groundwork new DIR --answers .groundwork.toml --yes`, and the project's three commands.
pub(crate) fn record(blueprint: &Blueprint, answers: &Answers, commands: &Commands) -> String {
    let mut meta = toml::Table::new();
    meta.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    meta.insert("blueprint".into(), blueprint.id().into());
    meta.insert(
        "blueprint_version".into(),
        blueprint.manifest.version.as_str().into(),
    );
    meta.insert("base".into(), crate::git::base::REF.into());
    let values: toml::Table = answers
        .iter()
        .map(|(k, v)| (k.clone(), v.to_toml()))
        .collect();
    let commands: toml::Table = commands
        .labelled()
        .into_iter()
        .map(|(label, command)| (label.to_string(), command.into()))
        .collect();
    let mut doc = toml::Table::new();
    doc.insert("groundwork".into(), toml::Value::Table(meta));
    doc.insert("answers".into(), toml::Value::Table(values));
    doc.insert("commands".into(), toml::Value::Table(commands));
    format!(
        "# How this project was generated. Rebuild the same tree with:\n#   groundwork new <dir> --answers {RECORD_FILE} --yes\n\n{}",
        toml::to_string(&doc).expect("answers serialize to TOML")
    )
}

/// An answers file holding `answers` and, when known, the blueprint: what `--answers` reads.
pub(crate) fn answers_file_text(blueprint: Option<&str>, answers: &Answers) -> String {
    let mut doc = toml::Table::new();
    if let Some(id) = blueprint {
        let mut meta = toml::Table::new();
        meta.insert("blueprint".into(), id.into());
        doc.insert("groundwork".into(), toml::Value::Table(meta));
    }
    let values: toml::Table = answers
        .iter()
        .map(|(k, v)| (k.clone(), v.to_toml()))
        .collect();
    doc.insert("answers".into(), toml::Value::Table(values));
    toml::to_string(&doc).expect("answers serialize to TOML")
}

/// Comment lines for the record naming the answers the goals chose, and why; empty when none.
pub(crate) fn record_notes(answers: &SourcedAnswers) -> String {
    let choices = goal_choices(answers);
    if choices.is_empty() {
        return String::new();
    }
    let mut notes =
        String::from("\n# Chosen for the team's goals (an answer or --set replaces them):\n");
    for choice in choices {
        notes.push_str(&format!("#   {choice}\n"));
    }
    notes
}

/// The answers that the team's goals chose, each as "key = value (why)".
pub(crate) fn goal_choices(answers: &SourcedAnswers) -> Vec<String> {
    answers
        .iter()
        .filter_map(|(key, answer)| match &answer.source {
            AnswerSource::Goal { reason } => Some(format!("{key} = {} ({reason})", answer.value)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_needs_an_equals_sign() {
        assert!(matches!(parse_set("port"), Err(Error::MalformedSet { .. })));
        assert_eq!(
            parse_set("description=a=b").unwrap(),
            ("description".into(), "a=b".into())
        );
    }

    fn fastapi() -> Blueprint {
        crate::blueprint::Catalogue::embedded()
            .unwrap()
            .find("fastapi")
            .unwrap()
            .clone()
    }

    fn text(key: &str, value: &str) -> (String, Raw) {
        (key.to_string(), Raw::Text(value.to_string()))
    }

    #[test]
    fn the_layer_of_highest_precedence_wins_whatever_the_order() {
        let blueprint = fastapi();
        let mut merge = Merge::new(&blueprint);
        merge
            .apply(&AnswerSource::Flag, [text("port", "7000")])
            .unwrap();
        let defaults = AnswerSource::DefaultsFile(PathBuf::from("config.toml"));
        merge
            .apply(
                &defaults,
                [text("port", "9000"), text("author_name", "Ada")],
            )
            .unwrap();
        // Outranked by the flag, so never used and never judged.
        merge
            .apply(
                &AnswerSource::GitConfig,
                [text("port", "0"), text("author_name", "Bob")],
            )
            .unwrap();
        let answers = merge.finish();
        assert_eq!(
            answers["port"],
            Answer {
                value: Value::Int(7000),
                source: AnswerSource::Flag
            }
        );
        assert_eq!(answers["author_name"].value, Value::String("Ada".into()));
        assert_eq!(answers["author_name"].source, defaults);
        assert_eq!(answers["author_email"].source, AnswerSource::Placeholder);
        assert_eq!(
            answers["author_email"].value,
            Value::String(PLACEHOLDER_AUTHOR_EMAIL.into())
        );
        assert_eq!(answers["docker"].source, AnswerSource::BlueprintDefault);
    }

    #[test]
    fn an_error_names_the_layer_its_value_came_from() {
        let blueprint = fastapi();
        let bad_port = || [text("port", "0")];
        let message = |source: AnswerSource| {
            Merge::new(&blueprint)
                .apply(&source, bad_port())
                .unwrap_err()
                .to_string()
        };
        let rule = "expected a whole number from 1 to 65535";
        assert_eq!(
            message(AnswerSource::Flag),
            format!("invalid value `0` for `port`: {rule}")
        );
        assert_eq!(
            message(AnswerSource::AnswersFile("a.toml".into())),
            format!("cannot use answers file a.toml: invalid value `0` for `port`: {rule}")
        );
        assert_eq!(
            message(AnswerSource::DefaultsFile("c.toml".into())),
            format!("cannot use the defaults file c.toml: [defaults] port = \"0\": {rule}")
        );
        let folder = Merge::new(&blueprint)
            .apply(&AnswerSource::Folder, [text("name", "___")])
            .unwrap_err()
            .to_string();
        assert!(
            folder.ends_with("(the name comes from the folder; pass --name to choose another)"),
            "{folder}"
        );
    }

    #[test]
    fn an_unchanged_answer_keeps_its_source_and_a_new_one_is_the_prompts() {
        let blueprint = fastapi();
        let mut merge = Merge::new(&blueprint);
        merge.ask("port", |offered| Ok(offered.clone())).unwrap();
        merge
            .ask("docker", |_| {
                Ok(Answer {
                    value: Value::Bool(false),
                    source: AnswerSource::Prompt,
                })
            })
            .unwrap();
        merge
            .apply(&AnswerSource::Flag, [text("ci", "false")])
            .unwrap();
        merge
            .ask("ci", |_| panic!("a given answer is not asked"))
            .unwrap();
        let answers = merge.finish();
        assert_eq!(answers["port"].source, AnswerSource::BlueprintDefault);
        assert_eq!(answers["docker"].source, AnswerSource::Prompt);
        assert_eq!(answers["ci"].source, AnswerSource::Flag);
    }
}

#[cfg(test)]
mod rules_tests;
