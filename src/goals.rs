//! From goal flags to the recommendation's goals, and from the catalogue to its candidates.

use crate::blueprint::Catalogue;
use crate::error::{Error, Result};
use crate::recommend::{self, Candidate, Criterion, Goals, Language, Profile, Scale, UseCase};

/// The goals as typed, before they are checked.
#[derive(Debug, Default, Clone)]
pub struct GoalText {
    pub use_cases: Vec<String>,
    pub priorities: Vec<String>,
    pub languages: Vec<String>,
    pub scale: Option<String>,
    pub realtime: bool,
}

impl GoalText {
    pub fn is_empty(&self) -> bool {
        self.use_cases.is_empty()
            && self.priorities.is_empty()
            && self.languages.is_empty()
            && self.scale.is_none()
            && !self.realtime
    }
}

/// The languages of the defaults file stand in when no language was given on the command line.
/// A language the file names that groundwork does not know is an error naming the file.
pub fn with_config_languages(
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
        text.languages = config.goals.languages.clone();
    }
    Ok(text)
}

/// Checks every goal word; an unknown one is a usage error that lists the valid words.
pub fn parse(text: &GoalText) -> Result<Goals> {
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
pub fn profiles(catalogue: &Catalogue) -> Result<Vec<(String, String, Profile)>> {
    let mut out = Vec::new();
    for blueprint in &catalogue.blueprints {
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

/// Ranks the catalogue's blueprints for the goals.
pub fn rank(catalogue: &Catalogue, goals: &Goals) -> Result<Vec<recommend::Recommendation>> {
    let profiles = profiles(catalogue)?;
    let candidates: Vec<Candidate> = profiles
        .iter()
        .map(|(id, name, profile)| Candidate { id, name, profile })
        .collect();
    Ok(recommend::recommend(goals, &candidates))
}
