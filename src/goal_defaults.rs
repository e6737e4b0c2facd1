//! Option values that follow from the team's goals. Today one: the `database` a blueprint offers
//! (`postgres` or `embedded`), preselected for goals that need a database server and kept
//! embedded for an MVP or a prototype. A flag, an answers file or a prompt always wins over it.

use crate::answers::AnswerSource;
use crate::options::{OptionKind, OptionSpec, Value};
use crate::recommend::{Goals, Scale, UseCase};

/// The option the goals shape, and its values.
pub(crate) const DATABASE_KEY: &str = "database";
const SERVER: &str = "postgres";
const EMBEDDED: &str = "embedded";

/// Use cases whose services usually outgrow a file database.
const SERVER_USE_CASES: &[UseCase] = &[
    UseCase::Enterprise,
    UseCase::Ecommerce,
    UseCase::Microservices,
];

/// The values the goals choose for `options`, each with its source (which names the goal).
/// Nothing when no goal was given.
pub(crate) fn for_goals(
    goals: &Goals,
    options: &[OptionSpec],
) -> Vec<(String, Value, AnswerSource)> {
    options
        .iter()
        .filter(|option| offers_database_choice(option))
        .filter_map(|option| {
            let (value, reason) = database_for(goals)?;
            Some((
                option.key.clone(),
                Value::String(value.to_string()),
                AnswerSource::Goal { reason },
            ))
        })
        .collect()
}

/// Whether the goals can shape this option: a `database` choice offering both kinds.
pub(crate) fn offers_database_choice(option: &OptionSpec) -> bool {
    option.key == DATABASE_KEY
        && option.kind == OptionKind::Choice
        && [SERVER, EMBEDDED]
            .iter()
            .all(|wanted| option.choices.iter().any(|c| c == wanted))
}

/// An MVP or a prototype keeps the embedded database even when another goal asks for a server:
/// it is the cheaper start, and switching later is one answer.
fn database_for(goals: &Goals) -> Option<(&'static str, String)> {
    let small_start = goals
        .use_cases
        .contains(&UseCase::Mvp)
        .then(|| "--use-case mvp".to_string())
        .or_else(|| (goals.scale == Some(Scale::Prototype)).then(|| "--scale prototype".into()));
    if let Some(goal) = small_start {
        return Some((EMBEDDED, format!("kept for {goal}")));
    }
    let server_goal = (goals.scale == Some(Scale::Large))
        .then(|| "--scale large".to_string())
        .or_else(|| {
            goals
                .use_cases
                .iter()
                .find(|u| SERVER_USE_CASES.contains(u))
                .map(|u| format!("--use-case {}", u.id()))
        })?;
    Some((SERVER, format!("chosen for {server_goal}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goals(use_cases: &[UseCase], scale: Option<Scale>) -> Goals {
        Goals {
            use_cases: use_cases.to_vec(),
            scale,
            ..Goals::default()
        }
    }

    #[test]
    fn a_large_scale_or_a_server_use_case_chooses_postgres() {
        assert_eq!(
            database_for(&goals(&[], Some(Scale::Large))),
            Some((SERVER, "chosen for --scale large".into()))
        );
        for use_case in SERVER_USE_CASES {
            assert_eq!(
                database_for(&goals(&[UseCase::Api, *use_case], Some(Scale::Medium))),
                Some((SERVER, format!("chosen for --use-case {}", use_case.id())))
            );
        }
    }

    #[test]
    fn an_mvp_or_a_prototype_keeps_embedded_even_beside_a_server_goal() {
        assert_eq!(
            database_for(&goals(
                &[UseCase::Mvp, UseCase::Enterprise],
                Some(Scale::Large)
            )),
            Some((EMBEDDED, "kept for --use-case mvp".into()))
        );
        assert_eq!(
            database_for(&goals(&[UseCase::Ecommerce], Some(Scale::Prototype))),
            Some((EMBEDDED, "kept for --scale prototype".into()))
        );
    }

    #[test]
    fn other_goals_leave_the_blueprint_default() {
        assert_eq!(database_for(&Goals::default()), None);
        assert_eq!(
            database_for(&goals(&[UseCase::Api], Some(Scale::Medium))),
            None
        );
    }
}
