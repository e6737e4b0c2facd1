//! Properties: for any input, derived names obey their ecosystem's rules or the input is refused,
//! no rendered path leaves the target, and parsing answers never panics.

use crate::oracles::{
    RUBY_KEYWORDS, csharp_namespace_ok, java_package_ok, npm_name_problem, php_namespace_ok,
    python_module_ok, ruby_constant_ok,
};
use crate::support::{ENVIRONMENT, HOSTILE_MANIFEST};
use groundwork::answers::{given_answers, parse_answers_text, parse_set, with_defaults};
use groundwork::blueprint::{Blueprint, Source, TemplateFile};
use groundwork::names;
use groundwork::options::Value;
use groundwork::render::{Plan, check_path, plan};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::borrow::Cow;
use std::path::{Component, Path};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text made of the pieces that break names and paths, mixed with arbitrary characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        1 => Just("..".to_string()),
        1 => Just(".".to_string()),
        1 => Just("/".to_string()),
        1 => Just("\\".to_string()),
        1 => Just(":".to_string()),
        1 => Just("C:".to_string()),
        1 => Just(".git".to_string()),
        1 => Just("\0".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\u{1b}".to_string()),
        1 => Just(" ".to_string()),
        1 => Just("-".to_string()),
        1 => Just("_".to_string()),
        1 => Just("class".to_string()),
        1 => Just("new".to_string()),
        1 => Just("123".to_string()),
        1 => Just("é".to_string()),
        1 => Just("ß".to_string()),
        1 => Just("日本".to_string()),
        // Plain words weigh most, so that a real share of the texts is a usable name or path
        // and the properties test what is accepted, not only what is refused.
        12 => "[a-zA-Z0-9]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

/// True when `path`, joined to a folder, names something inside that folder (lexically, on both
/// Unix and Windows readings of the path).
fn stays_inside(path: &str) -> bool {
    !path.contains('\\')
        && !path.contains(':')
        && !path.chars().any(char::is_control)
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && Path::new(path).components().next().is_some()
}

/// The hostile blueprint's plan with `value` as its `dir` option, or None when it is refused.
fn plan_with_dir(blueprint: &Blueprint, value: &str) -> Option<Plan> {
    let sets = [("dir".to_string(), value.to_string())];
    let mut answers = given_answers(blueprint, None, &sets).ok()?;
    answers.insert("name".into(), Value::String("svc".into()));
    let answers = with_defaults(blueprint, answers);
    plan(blueprint, &answers, &ENVIRONMENT).ok()
}

/// How many of `samples` inputs drawn from `hostile_text()` (with a fixed seed) `accepts` takes.
fn accepted_count(samples: usize, accepts: impl Fn(&str) -> bool) -> usize {
    let mut runner = TestRunner::deterministic();
    let strategy = hostile_text();
    (0..samples)
        .filter(|_| accepts(&strategy.new_tree(&mut runner).unwrap().current()))
        .count()
}

/// The properties above hold trivially if every input is refused: a real share of the inputs
/// they draw (as many as their cases) must be accepted, so that the "accepted" branch is what
/// they exercise.
#[test]
fn the_properties_draw_inputs_that_are_accepted() {
    let cases = config().cases as usize;
    let blueprint = hostile_in_memory_blueprint();
    let shares = [
        (
            "names::derive",
            accepted_count(cases, |n| names::derive(n).is_ok()),
        ),
        (
            "check_path",
            accepted_count(cases, |p| check_path(p).is_ok()),
        ),
        (
            "a dir option",
            accepted_count(cases, |v| plan_with_dir(&blueprint, v).is_some()),
        ),
    ];
    println!("accepted of {cases}: {shares:?}");
    // A tenth is the floor; with this seed, 64, 56 and 42 of 256 are accepted.
    for (what, accepted) in shares {
        assert!(
            accepted * 10 >= cases,
            "{what} accepted only {accepted} of {cases}"
        );
    }
}

fn hostile_in_memory_blueprint() -> Blueprint {
    let file = |path: &str| TemplateFile {
        path: path.to_string(),
        contents: Cow::Borrowed(b"x\n"),
        executable: false,
    };
    Blueprint::new(
        "hostile",
        HOSTILE_MANIFEST,
        vec![
            file("{{dir}}/x.txt"),
            file("nested/{{dir}}.txt"),
            file("java/{{package_path dir}}/Y.java"),
        ],
        None,
        Source::Embedded,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn derived_names_obey_their_rules_or_the_name_is_refused(name in hostile_text()) {
        if let Ok(n) = names::derive(&name) {
            prop_assert_eq!(npm_name_problem(&n.project_slug), None, "{:?}", n);
            prop_assert!(python_module_ok(&n.package_name), "{:?}", n);
            prop_assert!(!n.package_name.contains('-'), "{:?}", n);
            prop_assert!(!RUBY_KEYWORDS.contains(&n.package_name.as_str()), "{:?}", n);
            prop_assert!(ruby_constant_ok(&n.class_name), "{:?}", n);
            prop_assert!(csharp_namespace_ok(&n.class_name), "{:?}", n);
            prop_assert!(php_namespace_ok(&n.class_name), "{:?}", n);
            prop_assert!(java_package_ok(&n.class_name), "{:?}", n);
            prop_assert!(java_package_ok(&n.java_segment), "{:?}", n);
            prop_assert!(
                n.java_segment.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{:?}", n
            );
        } else {
            // Refusing is right only for a name that is empty, too long, has a control
            // character or a path separator, or has no ASCII letter or digit once folded.
            let acceptable = name.chars().count() <= names::MAX_NAME_CHARS
                && !name.chars().any(char::is_control)
                && !name.contains(['/', '\\'])
                && name.chars().any(|c| c.is_ascii_alphanumeric());
            prop_assert!(!acceptable, "refused a usable name {:?}", name);
        }
    }

    #[test]
    fn a_path_the_check_accepts_stays_inside_the_target(path in hostile_text()) {
        if check_path(&path).is_ok() {
            prop_assert!(stays_inside(&path), "accepted {:?}", path);
        }
    }

    #[test]
    fn no_option_value_renders_a_path_outside_the_target(value in hostile_text()) {
        let blueprint = hostile_in_memory_blueprint();
        if let Some(plan) = plan_with_dir(&blueprint, &value) {
            for file in &plan.files {
                prop_assert!(stays_inside(&file.path), "{:?} gave {:?}", value, file.path);
            }
        }
    }

    #[test]
    fn parsing_answers_and_set_never_panics(text in any::<String>(), toml_like in hostile_text()) {
        let _ = parse_set(&text);
        let _ = parse_answers_text(&text);
        let _ = parse_answers_text(&format!("[answers]\nname = \"{toml_like}\"\n"));
        let _ = parse_answers_text(&format!("[groundwork]\nblueprint = {toml_like}\n"));
    }
}
