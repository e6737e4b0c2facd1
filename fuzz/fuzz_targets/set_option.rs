//! Any bytes as a `--set KEY=VALUE` argument: splitting it, checking it against every embedded
//! blueprint and, when it is accepted, rendering the whole project with it must return an error
//! or a plan whose paths all stay inside the project, never panic.
#![no_main]

use groundwork::answers::{given_answers, parse_set, with_defaults};
use groundwork::blueprint::Catalogue;
use groundwork::options::Value;
use groundwork::render::{Environment, check_path, plan};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::embedded().expect("the embedded blueprints load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((key, value)) = parse_set(text) else {
        return;
    };
    for blueprint in CATALOGUE.blueprints().expect("the embedded blueprints parse") {
        let Ok(mut answers) = given_answers(blueprint, None, &[(key.clone(), value.clone())])
        else {
            continue;
        };
        answers
            .entry("name".into())
            .or_insert_with(|| Value::String("fuzz".into()));
        let answers = with_defaults(blueprint, answers);
        if let Ok(plan) = plan(blueprint, &answers, &Environment {
    year: 2026,
    goal_choices: Vec::new(),
    recommendation: None,
}) {
            for file in &plan.files {
                assert!(check_path(&file.path).is_ok(), "{}", file.path);
            }
        }
    }
});
