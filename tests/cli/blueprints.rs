//! Every embedded blueprint, rendered in strict mode with every combination of its boolean and
//! choice options, against the rules of the blueprint standard (the same check as `groundwork
//! blueprint check`, `groundwork::check`); and a reviewed snapshot of each.

use groundwork::answers::{Answers, with_defaults};
use groundwork::blueprint::{Blueprint, Catalogue};
use groundwork::options::{OptionKind, Value};
use groundwork::render::{Environment, Plan, plan};

const ENVIRONMENT: Environment = Environment {
    year: 2026,
    goal_choices: Vec::new(),
    recommendation: None,
};

fn base_answers(blueprint: &Blueprint) -> Answers {
    let mut answers = Answers::new();
    answers.insert("name".into(), Value::String("snapshot-app".into()));
    answers.insert("author_name".into(), Value::String("Ada Lovelace".into()));
    answers.insert(
        "author_email".into(),
        Value::String("ada@example.com".into()),
    );
    with_defaults(blueprint, answers)
}

fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("every embedded blueprint loads")
}

/// One definition of a valid blueprint: the embedded ones must pass `groundwork blueprint check`
/// with no problem and no warning.
#[test]
fn every_blueprint_renders_with_every_option_combination() {
    for blueprint in catalogue().blueprints().unwrap() {
        let report = groundwork::check::check(blueprint);
        assert!(
            report.problems.is_empty() && report.warnings.is_empty(),
            "{}: {:#?}",
            blueprint.id(),
            report
        );
        assert_eq!(
            report.combinations as u64,
            report.total_combinations,
            "{}: too many combinations to render them all",
            blueprint.id()
        );
    }
}

/// The list of files in a plan: mode, size and path, one a line.
fn listing(plan: &Plan) -> String {
    let mut text = String::new();
    for file in &plan.files {
        let mode = if file.executable { "755" } else { "644" };
        text.push_str(&format!(
            "{mode} {:>6} {}\n",
            file.contents.len(),
            file.path
        ));
    }
    text
}

fn contents(file: &groundwork::render::PlannedFile) -> String {
    String::from_utf8_lossy(&file.contents).replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

/// A reviewed snapshot of each blueprint with its defaults: paths, modes, sizes and contents.
/// After a deliberate change: `INSTA_UPDATE=always cargo test --test cli snapshot`, then review
/// the diff in `tests/cli/snapshots/`.
#[test]
fn snapshot_of_every_blueprint() {
    for blueprint in catalogue().blueprints().unwrap() {
        let plan = plan(blueprint, &base_answers(blueprint), &ENVIRONMENT).unwrap();
        let mut text = listing(&plan);
        for file in &plan.files {
            text.push_str(&format!("\n=== {}\n{}", file.path, contents(file)));
        }
        insta::assert_snapshot!(blueprint.id(), text);
    }
}

/// The defaults with every switch turned the other way (docker and ci off), every choice on
/// another value and the port moved: the answers furthest from the default snapshot.
fn non_default_answers(blueprint: &Blueprint) -> Answers {
    let mut answers = base_answers(blueprint);
    for option in &blueprint.manifest.options {
        let default = option.default_value().unwrap();
        let other = match option.kind {
            OptionKind::Bool => Value::Bool(!default.as_bool().unwrap()),
            OptionKind::Choice => option
                .choices
                .iter()
                .find(|c| Value::String(c.to_string()) != default)
                .map(|c| Value::String(c.clone()))
                .unwrap_or(default),
            OptionKind::Int if option.key == "port" => Value::Int(9099),
            _ => continue,
        };
        answers.insert(option.key.clone(), other);
    }
    answers
}

/// A reviewed snapshot of each blueprint with its non-default answers: the answers, the whole
/// file list, and the contents of each file that differs from the default snapshot (which holds
/// the rest), so a combination that drops, adds or changes a file shows in the diff.
#[test]
fn snapshot_of_every_blueprint_with_other_answers() {
    for blueprint in catalogue().blueprints().unwrap() {
        let defaults = plan(blueprint, &base_answers(blueprint), &ENVIRONMENT).unwrap();
        let answers = non_default_answers(blueprint);
        let other = plan(blueprint, &answers, &ENVIRONMENT).unwrap();
        let mut text = String::from("answers:\n");
        for (key, value) in &answers {
            if blueprint
                .option(key)
                .is_some_and(|o| o.default_value().as_ref() != Ok(value))
            {
                text.push_str(&format!("  {key} = {value}\n"));
            }
        }
        assert_ne!(
            text,
            "answers:\n",
            "{}: no option to change",
            blueprint.id()
        );
        text.push('\n');
        text.push_str(&listing(&other));
        for file in &other.files {
            let same = defaults
                .files
                .iter()
                .any(|d| d.path == file.path && d.contents == file.contents);
            if !same {
                text.push_str(&format!("\n=== {}\n{}", file.path, contents(file)));
            }
        }
        insta::assert_snapshot!(format!("{}-other-answers", blueprint.id()), text);
    }
}
