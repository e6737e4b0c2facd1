//! Every embedded blueprint, rendered in strict mode with every combination of its boolean and
//! choice options, against the rules of the blueprint standard (the same check as `groundwork
//! blueprint check`, `groundwork::check`); and a reviewed snapshot of each.

use groundwork::answers::{Answers, with_defaults};
use groundwork::blueprint::{Blueprint, Catalogue};
use groundwork::options::Value;
use groundwork::render::{Environment, plan};

const ENVIRONMENT: Environment = Environment { year: 2026 };

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
    for blueprint in &catalogue().blueprints {
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

/// A reviewed snapshot of each blueprint with its defaults: paths, modes, sizes and contents.
/// After a deliberate change: `INSTA_UPDATE=always cargo test --test cli snapshot`, then review
/// the diff in `tests/cli/snapshots/`.
#[test]
fn snapshot_of_every_blueprint() {
    for blueprint in &catalogue().blueprints {
        let plan = plan(blueprint, &base_answers(blueprint), &ENVIRONMENT).unwrap();
        let mut text = String::new();
        for file in &plan.files {
            let mode = if file.executable { "755" } else { "644" };
            text.push_str(&format!(
                "{mode} {:>6} {}\n",
                file.contents.len(),
                file.path
            ));
        }
        for file in &plan.files {
            let contents = String::from_utf8_lossy(&file.contents)
                .replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
            text.push_str(&format!("\n=== {}\n{contents}", file.path));
        }
        insta::assert_snapshot!(blueprint.id(), text);
    }
}
