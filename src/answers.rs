//! Answers: the values a project is generated with. They arrive from `--set key=value`, `--name`,
//! an answers file (such as a project's own `.groundwork.toml`), prompts and defaults; this module
//! validates every one of them the same way, whatever its source.

use crate::blueprint::{Blueprint, Commands, PROJECT_KEYS, closest_of};
use crate::error::{Error, Result};
use crate::options::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the record every generated project keeps of how it was made.
pub const RECORD_FILE: &str = ".groundwork.toml";

/// Every answer for one project, by key: `name`, `author_name`, `author_email` and each option.
pub type Answers = BTreeMap<String, Value>;

/// An answers file, read but not yet checked against a blueprint.
#[derive(Debug, Clone, Default)]
pub struct AnswersFile {
    pub path: PathBuf,
    pub blueprint: Option<String>,
    pub values: BTreeMap<String, toml::Value>,
}

/// Reads an answers file: an optional `[groundwork]` table naming the `blueprint`, and an
/// `[answers]` table of values.
pub fn read_answers_file(path: &Path) -> Result<AnswersFile> {
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
            (other, _) => {
                return Err(format!(
                    "unexpected `{}`; the file holds a [groundwork] table (blueprint = \"<id>\") and an [answers] table",
                    crate::error::printable(other)
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

/// What the user gave before any question is asked: answers file values, then `--set` values
/// (later ones win), each checked against the blueprint.
pub fn given_answers(
    blueprint: &Blueprint,
    file: Option<&AnswersFile>,
    sets: &[(String, String)],
) -> Result<Answers> {
    let mut answers = Answers::new();
    if let Some(file) = file {
        for (key, value) in &file.values {
            let checked = check_toml(blueprint, key, value).map_err(|e| match e {
                Error::InvalidValue { key, value, rule } => Error::AnswersFile {
                    path: file.path.clone(),
                    message: format!(
                        "invalid value `{}` for `{key}`: {rule}",
                        crate::error::printable(&value)
                    ),
                },
                Error::UnknownOption {
                    blueprint,
                    key,
                    valid,
                    closest,
                } => {
                    let listed = valid.join(", ");
                    let unknown = Error::UnknownOption {
                        blueprint,
                        key,
                        valid,
                        closest,
                    };
                    Error::AnswersFile {
                        path: file.path.clone(),
                        message: format!("{unknown}; valid options: {listed}"),
                    }
                }
                other => other,
            })?;
            answers.insert(key.clone(), checked);
        }
    }
    for (key, text) in sets {
        answers.insert(key.clone(), check_text(blueprint, key, text)?);
    }
    Ok(answers)
}

/// Validates one typed answer (from `--set` or a prompt).
pub fn check_text(blueprint: &Blueprint, key: &str, text: &str) -> Result<Value> {
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
        let mut valid: Vec<String> = PROJECT_KEYS.iter().map(|k| k.to_string()).collect();
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

/// Fills every answer not given with its default.
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
pub fn record(blueprint: &Blueprint, answers: &Answers, commands: &Commands) -> String {
    let mut meta = toml::Table::new();
    meta.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    meta.insert("blueprint".into(), blueprint.id().into());
    meta.insert(
        "blueprint_version".into(),
        blueprint.manifest.version.as_str().into(),
    );
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
}
