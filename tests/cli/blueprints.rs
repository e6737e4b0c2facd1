//! Every embedded blueprint, rendered in strict mode with every combination of its boolean and
//! choice options, against the rules of the blueprint standard (the same check as `groundwork
//! blueprint check`, `groundwork::check`); and a reviewed snapshot of each.

use crate::support::{ENVIRONMENT, answers_for, catalogue};
use groundwork::answers::Answers;
use groundwork::blueprint::Blueprint;
use groundwork::combinations;
use groundwork::options::{OptionKind, Value};
use groundwork::render::{Plan, plan};
use std::collections::BTreeSet;

fn base_answers(blueprint: &Blueprint) -> Answers {
    answers_for(blueprint, "snapshot-app")
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
    let axes = combinations::axes(blueprint);
    let others: Vec<usize> = axes
        .iter()
        .map(|axis| usize::from(axis.values.len() > 1))
        .collect();
    let mut answers = combinations::answers(&axes, &base_answers(blueprint), &others);
    if blueprint
        .option("port")
        .is_some_and(|o| matches!(o.kind, OptionKind::Int))
    {
        answers.insert("port".into(), Value::Int(9099));
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

/// A reviewed snapshot of each blueprint over every combination of its bool and choice options:
/// the files each one adds to (`+`) or drops from (`-`) the default file list, so that what any
/// combination writes is reviewed, not only the defaults and the other answers above.
#[test]
fn snapshot_of_the_files_every_option_combination_adds_or_drops() {
    for blueprint in catalogue().blueprints().unwrap() {
        let axes = combinations::axes(blueprint);
        let paths = |answers: &Answers| -> BTreeSet<String> {
            let plan = plan(blueprint, answers, &ENVIRONMENT).unwrap();
            plan.files.into_iter().map(|f| f.path).collect()
        };
        let defaults = paths(&base_answers(blueprint));
        let mut text = String::new();
        for answers in combinations::cross_product(&axes, &base_answers(blueprint)) {
            let files = paths(&answers);
            let changes: Vec<String> = defaults
                .difference(&files)
                .map(|path| format!("-{path}"))
                .chain(files.difference(&defaults).map(|path| format!("+{path}")))
                .collect();
            let changes = if changes.is_empty() {
                "the default files".to_string()
            } else {
                changes.join(" ")
            };
            text.push_str(&format!(
                "{}: {changes}\n",
                combinations::describe(&axes, &answers)
            ));
        }
        insta::assert_snapshot!(format!("{}-combinations", blueprint.id()), text);
    }
}
