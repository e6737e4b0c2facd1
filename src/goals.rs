//! From goal flags to the recommendation's goals, and from the catalogue to its candidates.

use crate::blueprint::Catalogue;
use crate::error::{Error, Result};
use crate::recommend::{self, Candidate, Criterion, Goals, Language, Profile, Scale, UseCase};

/// The goals as typed, before they are checked.
#[derive(Debug, Default, Clone)]
pub(crate) struct GoalText {
    pub use_cases: Vec<String>,
    pub priorities: Vec<String>,
    pub languages: Vec<String>,
    pub scale: Option<String>,
    pub realtime: bool,
}

impl GoalText {
    /// True when a language word names TypeScript, which is ranked as JavaScript.
    pub(crate) fn names_typescript(&self) -> bool {
        self.languages.iter().any(|l| Language::names_typescript(l))
    }

    /// The goals as command-line flags, words as typed: `--use-case mvp,api --realtime`.
    pub(crate) fn flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        let mut list = |flag: &str, values: &[String]| {
            let words: Vec<&str> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            if !words.is_empty() {
                flags.push(format!("{flag} {}", shell_word(&words.join(","))));
            }
        };
        list("--use-case", &self.use_cases);
        list("--priority", &self.priorities);
        list("--language", &self.languages);
        if let Some(scale) = &self.scale {
            list("--scale", std::slice::from_ref(scale));
        }
        if self.realtime {
            flags.push("--realtime".to_string());
        }
        flags
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.use_cases.is_empty()
            && self.priorities.is_empty()
            && self.languages.is_empty()
            && self.scale.is_none()
            && !self.realtime
    }
}

impl From<&Goals> for GoalText {
    /// The goals in their canonical words, e.g. for goals answered in a prompt.
    fn from(goals: &Goals) -> Self {
        let ids = |ids: Vec<&str>| ids.into_iter().map(str::to_string).collect();
        GoalText {
            use_cases: ids(goals.use_cases.iter().map(UseCase::id).collect()),
            priorities: ids(goals.priorities.iter().map(Criterion::id).collect()),
            languages: ids(goals.languages.iter().map(Language::id).collect()),
            scale: goals.scale.map(|s| s.id().to_string()),
            realtime: goals.realtime,
        }
    }
}

/// A word as a shell reads it: as is when it holds only safe characters, else single-quoted.
pub(crate) fn shell_word(word: &str) -> String {
    let safe =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | '#' | '+' | '/');
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The languages of the defaults file stand in when no language was given on the command line.
/// A language the file names that groundwork does not know is an error naming the file.
pub(crate) fn with_config_languages(
    mut text: GoalText,
    config: &crate::config::Config,
) -> Result<GoalText> {
    if text.languages.is_empty() {
        for language in &config.goals.languages {
            Language::parse(language).map_err(|e| Error::ConfigFile {
                path: crate::config::path(),
                message: format!("[goals] languages: {e}"),
            })?;
        }
        text.languages.clone_from(&config.goals.languages);
    }
    Ok(text)
}

/// Checks every goal word; an unknown one is a usage error that lists the valid words.
pub(crate) fn parse(text: &GoalText) -> Result<Goals> {
    let bad = |e: recommend::UnknownValue| Error::Goal(e.to_string());
    let nonempty = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    };
    Ok(Goals {
        use_cases: nonempty(&text.use_cases)
            .iter()
            .map(|v| UseCase::parse(v))
            .collect::<Result<_, _>>()
            .map_err(bad)?,
        priorities: nonempty(&text.priorities)
            .iter()
            .map(|v| Criterion::parse(v))
            .collect::<Result<_, _>>()
            .map_err(bad)?,
        languages: nonempty(&text.languages)
            .iter()
            .map(|v| Language::parse(v))
            .collect::<Result<_, _>>()
            .map_err(bad)?,
        scale: text
            .scale
            .as_deref()
            .map(Scale::parse)
            .transpose()
            .map_err(bad)?,
        realtime: text.realtime,
    })
}

/// The parsed profile of every blueprint that carries one.
pub(crate) fn profiles(catalogue: &Catalogue) -> Result<Vec<(String, String, Profile)>> {
    let mut out = Vec::new();
    for blueprint in catalogue.blueprints()? {
        let Some(text) = &blueprint.profile else {
            continue;
        };
        let profile = recommend::parse_profile(text).map_err(|e| Error::Manifest {
            blueprint: blueprint.id().to_string(),
            message: format!("profile.toml: {e}"),
        })?;
        out.push((
            blueprint.id().to_string(),
            blueprint.manifest.name.clone(),
            profile,
        ));
    }
    Ok(out)
}

/// Ranks the catalogue's blueprints for the goals, frameworks in a named language first.
pub(crate) fn rank(catalogue: &Catalogue, goals: &Goals) -> Result<Vec<recommend::Recommendation>> {
    rank_in(catalogue, goals, recommend::Order::LanguageFirst)
}

/// Ranks the catalogue's blueprints for the goals in the given order.
pub(crate) fn rank_in(
    catalogue: &Catalogue,
    goals: &Goals,
    order: recommend::Order,
) -> Result<Vec<recommend::Recommendation>> {
    let profiles = profiles(catalogue)?;
    let candidates: Vec<Candidate> = profiles
        .iter()
        .map(|(id, name, profile)| Candidate { id, name, profile })
        .collect();
    Ok(recommend::rank(goals, &candidates, order))
}

/// The frameworks as a person picks from them: the recommendation (the top of `recommend`,
/// which puts a language you named first) leads, then every other framework by score
/// ([`recommend::Order::ScoreFirst`]), so the scores read down the list beside each language.
pub(crate) fn menu(catalogue: &Catalogue, goals: &Goals) -> Result<Vec<recommend::Recommendation>> {
    let recommended = rank(catalogue, goals)?.into_iter().next();
    let mut by_score = rank_in(catalogue, goals, recommend::Order::ScoreFirst)?;
    if let Some(top) = recommended {
        by_score.retain(|r| r.id != top.id);
        by_score.insert(0, top);
    }
    Ok(by_score)
}

/// One line per framework of a [`menu`]: name, language, score, the recommendation marked (and
/// why it leads when another scores higher), and a tie with its tie-break.
pub(crate) fn menu_lines(menu: &[recommend::Recommendation]) -> Vec<String> {
    let best = menu.iter().map(|r| r.score).max().unwrap_or(0);
    menu.iter()
        .enumerate()
        .map(|(i, r)| {
            let mark = match (i, r.score < best) {
                (0, true) => ", recommended: the top in a language you named",
                (0, false) => ", recommended",
                _ => "",
            };
            let tie = match &r.tie_break {
                Some(tie) => format!(" = {tie}"),
                None => String::new(),
            };
            format!("{} ({}, score {}{mark}){tie}", r.name, r.language, r.score)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_repeat_the_goals_as_typed() {
        let text = GoalText {
            use_cases: vec!["mvp".into(), " api ".into()],
            priorities: vec![],
            languages: vec!["c#".into(), "Type Script".into()],
            scale: Some("large".into()),
            realtime: true,
        };
        assert_eq!(
            text.flags(),
            [
                "--use-case mvp,api",
                "--language 'c#,Type Script'",
                "--scale large",
                "--realtime"
            ]
        );
        assert!(text.names_typescript());
        assert!(GoalText::default().flags().is_empty());
        assert!(!GoalText::default().names_typescript());
    }

    #[test]
    fn goals_read_back_as_their_canonical_words() {
        let goals = Goals {
            use_cases: vec![UseCase::Mvp],
            priorities: vec![Criterion::Security, Criterion::Ease],
            languages: vec![Language::Ruby],
            scale: Some(Scale::Small),
            realtime: false,
        };
        assert_eq!(
            GoalText::from(&goals).flags(),
            [
                "--use-case mvp",
                "--priority security,ease",
                "--language ruby",
                "--scale small"
            ]
        );
        assert_eq!(parse(&GoalText::from(&goals)).unwrap(), goals);
    }
}
