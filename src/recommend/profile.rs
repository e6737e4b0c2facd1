//! A blueprint's `profile.toml`: how its framework fares on the article's criteria and what it
//! is best for. Pure data, validated while it is deserialised so every error carries the line
//! and column of the offending value.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use super::values::{Criterion, Language, RatingSource, RealtimeSupport, Scale, UseCase};

/// The scoring data of one framework, parsed from `blueprints/<id>/profile.toml` by
/// [`parse_profile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Profile {
    /// The language the framework is written in (must agree with `blueprint.toml`).
    pub language: Language,
    /// Use cases from the article's headline "Best For" line (full match).
    pub best_for: Vec<UseCase>,
    /// Use cases the article names only in part (partial match): in its feature table's "Best
    /// For" row, in its prose or summary, or in a headline phrase that only touches the use case.
    pub also_for: Vec<UseCase>,
    /// For each `also_for` use case, where the article says so, as a sentence fragment.
    pub also_why: BTreeMap<UseCase, String>,
    /// Companies the article names as users.
    pub notable_users: Vec<String>,
    /// The largest scale the framework is comfortable at, and why.
    pub scale: ScaleFit,
    /// Its WebSocket/streaming support, and why.
    pub realtime: RealtimeFit,
    /// One rating per criterion.
    pub ratings: Ratings,
}

/// `[scale]` in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScaleFit {
    /// The largest scale it is comfortable at.
    pub max: Scale,
    /// The justification.
    #[serde(deserialize_with = "justification")]
    pub why: String,
}

/// `[realtime]` in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RealtimeFit {
    /// How well it supports websockets and streaming.
    pub support: RealtimeSupport,
    /// The justification.
    #[serde(deserialize_with = "justification")]
    pub why: String,
}

/// `[ratings]` in a profile: all five criteria are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ratings {
    /// Performance & scalability.
    pub performance: Rating,
    /// Security features.
    pub security: Rating,
    /// Ease of development & documentation.
    pub ease: Rating,
    /// Community support & popularity.
    pub community: Rating,
    /// Flexibility & compatibility with frontend technologies.
    pub flexibility: Rating,
}

impl Ratings {
    /// The rating for one criterion.
    #[must_use]
    pub(crate) fn get(&self, criterion: Criterion) -> &Rating {
        match criterion {
            Criterion::Performance => &self.performance,
            Criterion::Security => &self.security,
            Criterion::Ease => &self.ease,
            Criterion::Community => &self.community,
            Criterion::Flexibility => &self.flexibility,
        }
    }
}

/// A score from 1 (weak) to 5 (excellent) with its justification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rating {
    /// 1..=5.
    #[serde(deserialize_with = "rating_score")]
    pub score: u8,
    /// Whether the article sets the rating or public facts outside it do.
    pub source: RatingSource,
    /// Why; says "Not covered by the article" where the article is silent.
    #[serde(deserialize_with = "justification")]
    pub why: String,
}

/// The highest rating.
pub(crate) const MAX_RATING: u8 = 5;

fn rating_score<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let score = i64::deserialize(deserializer)?;
    match u8::try_from(score) {
        Ok(score) if (1..=MAX_RATING).contains(&score) => Ok(score),
        _ => Err(serde::de::Error::custom(format!(
            "rating score must be 1 to {MAX_RATING}, got {score}"
        ))),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    language: Language,
    #[serde(deserialize_with = "unique_use_cases")]
    best_for: Spanned<Vec<UseCase>>,
    #[serde(default, deserialize_with = "some_unique_use_cases")]
    also_for: Option<Spanned<Vec<UseCase>>>,
    #[serde(default)]
    also_why: Option<Spanned<BTreeMap<UseCase, String>>>,
    #[serde(default)]
    notable_users: Vec<String>,
    scale: ScaleFit,
    realtime: RealtimeFit,
    ratings: Ratings,
}

fn unique_use_cases<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Spanned<Vec<UseCase>>, D::Error> {
    let list = Spanned::<Vec<UseCase>>::deserialize(deserializer)?;
    for (i, u) in list.get_ref().iter().enumerate() {
        if list.get_ref()[..i].contains(u) {
            return Err(serde::de::Error::custom(format!(
                "use case `{u}` is listed twice"
            )));
        }
    }
    Ok(list)
}

fn some_unique_use_cases<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Spanned<Vec<UseCase>>>, D::Error> {
    unique_use_cases(deserializer).map(Some)
}

fn justification<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let why = String::deserialize(deserializer)?;
    if why.trim().is_empty() {
        return Err(serde::de::Error::custom("`why` must not be empty"));
    }
    Ok(why)
}

/// Why a `profile.toml` was rejected, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileError {
    /// 1-based line of the offending value.
    pub line: usize,
    /// 1-based column (in characters) of the offending value.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl ProfileError {
    fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        ProfileError {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ProfileError {}

/// Parses and validates a `profile.toml`.
///
/// # Errors
///
/// A [`ProfileError`] with the line and column of the first bad value: a TOML syntax error, an
/// unknown or missing field, an unknown id, a rating outside 1..=5, an empty `why`, a use case
/// listed twice, or an `also_for` use case without its `also_why` (or the reverse).
pub(crate) fn parse_profile(text: &str) -> Result<Profile, ProfileError> {
    let raw: RawProfile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |span| span.start);
        ProfileError::at(text, offset, e.message().trim_end())
    })?;
    if raw.best_for.get_ref().is_empty() {
        return Err(ProfileError::at(
            text,
            raw.best_for.span().start,
            "`best_for` must name at least one use case",
        ));
    }
    let best_for = raw.best_for.into_inner();
    let (also_for, also_for_at) = also_for(text, &best_for, raw.also_for)?;
    let also_why = also_why(text, &also_for, raw.also_why)?;
    if let Some(unexplained) = also_for.iter().find(|u| !also_why.contains_key(u)) {
        return Err(ProfileError::at(
            text,
            also_for_at,
            format!(
                "`also_for` lists `{unexplained}` but `also_why` does not say where the article names it; add `{unexplained} = \"...\"` under `[also_why]`"
            ),
        ));
    }
    Ok(Profile {
        language: raw.language,
        best_for,
        also_for,
        also_why,
        notable_users: raw.notable_users,
        scale: raw.scale,
        realtime: raw.realtime,
        ratings: raw.ratings,
    })
}

/// The `also_for` use cases, none of them also in `best_for`, and where the list starts.
fn also_for(
    text: &str,
    best_for: &[UseCase],
    raw: Option<Spanned<Vec<UseCase>>>,
) -> Result<(Vec<UseCase>, usize), ProfileError> {
    let Some(spanned) = raw else {
        return Ok((Vec::new(), 0));
    };
    let at = spanned.span().start;
    if let Some(both) = spanned.get_ref().iter().find(|u| best_for.contains(u)) {
        return Err(ProfileError::at(
            text,
            at,
            format!("`{both}` is in both `best_for` and `also_for`; keep it in `best_for` only"),
        ));
    }
    Ok((spanned.into_inner(), at))
}

/// The `also_why` table: an explanation, not empty, for use cases of `also_for` only.
fn also_why(
    text: &str,
    also_for: &[UseCase],
    raw: Option<Spanned<BTreeMap<UseCase, String>>>,
) -> Result<BTreeMap<UseCase, String>, ProfileError> {
    let Some(spanned) = raw else {
        return Ok(BTreeMap::new());
    };
    let at = spanned.span().start;
    if let Some(extra) = spanned.get_ref().keys().find(|u| !also_for.contains(u)) {
        return Err(ProfileError::at(
            text,
            at,
            format!("`also_why` explains `{extra}`, which is not in `also_for`"),
        ));
    }
    if let Some((use_case, _)) = spanned
        .get_ref()
        .iter()
        .find(|(_, why)| why.trim().is_empty())
    {
        return Err(ProfileError::at(
            text,
            at,
            format!("`also_why` for `{use_case}` must not be empty"),
        ));
    }
    Ok(spanned.into_inner())
}
