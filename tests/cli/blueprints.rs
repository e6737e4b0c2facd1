//! Every embedded blueprint, rendered in strict mode with every combination of its boolean and
//! choice options, against the rules of the blueprint standard; and a reviewed snapshot of each.

use groundwork::answers::{Answers, with_defaults};
use groundwork::blueprint::{Blueprint, Catalogue};
use groundwork::options::{OptionKind, Value};
use groundwork::render::{Environment, Plan, TEMPLATE_SUFFIX, plan};

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

/// Every combination of the blueprint's bool and choice options, the rest at their defaults.
fn combinations(blueprint: &Blueprint) -> Vec<Answers> {
    let mut all = vec![base_answers(blueprint)];
    for option in &blueprint.manifest.options {
        let values: Vec<Value> = match option.kind {
            OptionKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
            OptionKind::Choice => option.choices.iter().cloned().map(Value::String).collect(),
            _ => continue,
        };
        all = all
            .into_iter()
            .flat_map(|answers| {
                values.iter().map(move |v| {
                    let mut next = answers.clone();
                    next.insert(option.key.clone(), v.clone());
                    next
                })
            })
            .collect();
    }
    all
}

fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("every embedded blueprint loads")
}

/// Rendered text with GitHub Actions expressions (`${{ ... }}`) taken out.
fn without_actions_expressions(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        match rest[start..].find("}}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn rendered_paths(blueprint: &Blueprint) -> Vec<String> {
    blueprint
        .files
        .iter()
        .filter_map(|f| f.path.strip_suffix(TEMPLATE_SUFFIX))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_blueprint_renders_with_every_option_combination() {
    for blueprint in &catalogue().blueprints {
        let templates = rendered_paths(blueprint);
        let combos = combinations(blueprint);
        assert!(
            combos.len() <= 256,
            "{}: too many combinations",
            blueprint.id()
        );
        for answers in combos {
            let plan = plan(blueprint, &answers, &ENVIRONMENT)
                .unwrap_or_else(|e| panic!("{} with {answers:?}: {e}", blueprint.id()));
            for file in &plan.files {
                if !templates
                    .iter()
                    .any(|t| file.path.ends_with(t.rsplit('/').next().unwrap()))
                {
                    continue;
                }
                let text = String::from_utf8_lossy(&file.contents);
                let left = without_actions_expressions(&text);
                assert!(
                    !left.contains("{{") && !left.contains("}}"),
                    "{}: {} keeps a `{{{{` or `}}}}` after rendering",
                    blueprint.id(),
                    file.path
                );
            }
            check_standard(blueprint, &answers, &plan);
        }
    }
}

/// What `BLUEPRINT-STANDARD.md` says every generated project holds.
fn check_standard(blueprint: &Blueprint, answers: &Answers, plan: &Plan) {
    let id = blueprint.id();
    let file = |path: &str| plan.files.iter().find(|f| f.path == path);
    let text = |path: &str| {
        file(path)
            .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
            .unwrap_or_else(|| panic!("{id}: no {path}"))
    };
    for required in [
        "README.md",
        ".gitignore",
        ".editorconfig",
        ".env.example",
        ".groundwork.toml",
    ] {
        assert!(file(required).is_some(), "{id}: no {required}");
    }
    assert!(
        text(".gitignore").lines().any(|l| l.trim() == ".env"),
        "{id}: .gitignore does not ignore .env"
    );
    assert!(file(".env").is_none(), "{id}: a .env file is generated");
    let flag = |key: &str| answers.get(key).and_then(Value::as_bool);
    match flag("docker") {
        Some(true) => {
            let dockerfile = text("Dockerfile");
            let user = dockerfile
                .lines()
                .rfind(|l| l.trim_start().starts_with("USER "))
                .unwrap_or_else(|| panic!("{id}: the Dockerfile never sets USER"));
            assert!(!user.contains("root"), "{id}: the Dockerfile runs as root");
            assert!(file(".dockerignore").is_some(), "{id}: no .dockerignore");
        }
        Some(false) => {
            assert!(
                file("Dockerfile").is_none(),
                "{id}: Dockerfile with docker=false"
            );
            assert!(
                file(".dockerignore").is_none(),
                "{id}: .dockerignore with docker=false"
            );
        }
        None => panic!("{id}: no docker option"),
    }
    let workflow = file(".github/workflows/ci.yml");
    match flag("ci") {
        Some(true) => assert!(workflow.is_some(), "{id}: no CI workflow"),
        Some(false) => assert!(
            !plan.files.iter().any(|f| f.path.starts_with(".github/")),
            "{id}: .github with ci=false"
        ),
        None => panic!("{id}: no ci option"),
    }
    assert!(blueprint.option("port").is_some(), "{id}: no port option");
    let readme = text("README.md");
    for command in [
        &blueprint.manifest.commands.install,
        &blueprint.manifest.commands.test,
        &blueprint.manifest.commands.run,
    ] {
        if !command.contains("{{") {
            assert!(
                readme.contains(command.as_str()),
                "{id}: README lacks `{command}`"
            );
        }
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
