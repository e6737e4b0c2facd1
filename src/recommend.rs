//! Recommends a framework: goals in, ranked frameworks with their reasons out.
//!
//! Pure and deterministic: no I/O, no clock, no randomness, no floating-point ranking. The same
//! goals and candidates give the same output byte for byte, whatever order the candidates come
//! in. The data lives in each blueprint's `profile.toml` ([`Profile`]); the rules live here and
//! are documented for users in `docs/recommend.md`.
//!
//! # The formula
//!
//! A candidate's score (0-100) is a weighted sum of *parts*. Only the parts for goals that were
//! given take part, and their weights are scaled so they add up to 100:
//!
//! | part | weight | fit of one candidate |
//! | --- | --- | --- |
//! | criteria | 40, always | per criterion: rating / 5, weighted by priority (below) |
//! | use cases | 40 if any named | per use case, split evenly: 1 if in `best_for`, 2/3 if in `also_for`, else 0 |
//! | language | 20 if any named | 1 if written in a named language, else 0 |
//! | scale | 10 if named | 1 if `scale.max` >= the goal, 1/2 if one step short, else 0 |
//! | real-time | 10 if `realtime` or use case `realtime` | native 1, good 2/3, limited 1/3 |
//!
//! Criterion weights: each priority named weighs twice the next one: 16, 8, 4, 2 and 1 for the
//! first to fifth; a criterion not named weighs 1. With no priorities all five weigh the same.
//!
//! # Ranking
//!
//! 1. Frameworks in a named language come first (a hard tier, not a weight).
//! 2. Higher exact score (an exact fraction, before rounding to 0-100).
//! 3. Higher community rating (more help when you are stuck).
//! 4. Id, alphabetically.
//!
//! That is [`Order::LanguageFirst`]; [`Order::ScoreFirst`] puts rule 2 before rule 1, for a list
//! that shows languages beside scores. Frameworks with the same rounded score are a tie: each
//! names the others (`tied_with`) and the rules that ordered them (`tie_break`).
//!
//! # Reasons
//!
//! Every goal produces a [`Reason`] on every recommendation: a [`ReasonKind::Match`] when the
//! framework meets it, a [`ReasonKind::Caveat`] when it does not (a priority rated 3/5 or less is
//! a caveat). The top pick also gets a [`ReasonKind::TradeOff`] for each goal it misses that a
//! lower-ranked framework meets, saying why that one ranks lower. A reason built on a rating
//! the article does not set ([`RatingSource::Outside`]) says "(not from the article)". [`ReasonKind::General`]
//! reasons are tied to no goal (notable users; the article's "best for" when no use case was
//! named; the strongest criteria when no goal at all was given).

mod profile;
mod values;

#[cfg(test)]
mod tests;

pub(crate) use profile::{Profile, Rating};
pub(crate) use values::{
    Criterion, Goals, Language, RatingSource, RealtimeSupport, Scale, UnknownValue, UseCase,
};

pub(crate) use profile::parse_profile;

pub(crate) use profile::MAX_RATING;

use std::cmp::Ordering;

use serde::Serialize;

/// The note shown above a general ranking.
pub(crate) const NO_GOALS_NOTE: &str = "No goals given: this is a general ranking; --use-case, --priority, --language and --scale sharpen it.";

/// The note on every JavaScript recommendation when the team named TypeScript.
pub(crate) const TYPESCRIPT_NOTE: &str = "generates JavaScript, not TypeScript: groundwork has no TypeScript blueprint, so TypeScript counts as JavaScript here";

/// One framework to rank: a blueprint's id and display name with its parsed profile.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    /// The blueprint id, e.g. `fastapi`.
    pub id: &'a str,
    /// The display name, e.g. `FastAPI`.
    pub name: &'a str,
    /// Its scoring data.
    pub profile: &'a Profile,
}

/// One ranked framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Recommendation {
    /// Blueprint id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Language id, e.g. `python`.
    pub language: String,
    /// Fit to the goals, 0..=100 (the exact score rounded half up).
    pub score: u8,
    /// Why it ranks where it does: matches, caveats, trade-offs, then general facts.
    pub reasons: Vec<Reason>,
    /// Every criterion's and goal's share of the score, for `--explain`.
    pub contributions: Vec<Contribution>,
    /// The ids of the other frameworks with the same (rounded) score, in ranking order.
    pub tied_with: Vec<String>,
    /// With a tie: "tied with Spring Boot at 99; ordered by ..." naming the rules that ordered
    /// the tied frameworks.
    pub tie_break: Option<String>,
    /// Notes on the blueprint itself rather than on a goal (e.g. [`TYPESCRIPT_NOTE`]).
    pub notes: Vec<String>,
}

/// One reason, tied to the goal that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Reason {
    /// What sort of reason this is.
    pub kind: ReasonKind,
    /// The goal that caused it, e.g. `use case: realtime`; `None` for general facts.
    pub goal: Option<String>,
    /// A sentence fragment, lowercase start, no final full stop.
    pub text: String,
}

/// The sort of a [`Reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ReasonKind {
    /// The framework meets a goal.
    Match,
    /// The framework falls short of a goal.
    Caveat,
    /// The ranking gave up one goal for others (top pick only).
    TradeOff,
    /// A fact tied to no goal.
    General,
}

/// One term of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Contribution {
    /// What is scored: a criterion id (`performance`), `use case: <id>`, `language`, `scale` or
    /// `realtime`.
    pub factor: String,
    /// The goal that made it count or weigh more; `None` for a criterion not named.
    pub goal: Option<String>,
    /// Points earned, rounded to 0.1 (the score is rounded from the exact sum).
    pub points: f64,
    /// Points available, rounded to 0.1.
    pub max_points: f64,
    /// How the points were earned.
    pub detail: String,
}

/// A note to show above the ranking, if the goals call for one.
#[must_use]
pub(crate) fn general_note(goals: &Goals) -> Option<String> {
    goals.is_empty().then(|| NO_GOALS_NOTE.to_string())
}

/// The weight of the criteria part.
const CRITERIA_WEIGHT: u64 = 40;
/// The weight of the use-case part, when any use case is named.
const USE_CASE_WEIGHT: u64 = 40;
/// The weight of the language part, when any language is named.
const LANGUAGE_WEIGHT: u64 = 20;
/// The weight of the scale part, when a scale is named.
const SCALE_WEIGHT: u64 = 10;
/// The weight of the real-time part, when real-time support is wanted.
const REALTIME_WEIGHT: u64 = 10;

/// How a ranking orders the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Frameworks in a named language first, then by score: `groundwork recommend`.
    LanguageFirst,
    /// By score alone, the language only breaking ties: a list that shows each framework's
    /// language and score side by side, where an order against the scores would mislead.
    ScoreFirst,
}

impl Order {
    /// The rules of this order, the decisive one first.
    fn rules(self) -> [TieBreak; 4] {
        use TieBreak::{Community, ExactScore, Id, Language};
        match self {
            Order::LanguageFirst => [Language, ExactScore, Community, Id],
            Order::ScoreFirst => [ExactScore, Language, Community, Id],
        }
    }
}

/// A rule that orders two candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TieBreak {
    /// A framework in a named language comes first.
    Language,
    /// The exact score, before rounding.
    ExactScore,
    /// The higher community rating.
    Community,
    /// The id, alphabetically.
    Id,
}

impl TieBreak {
    /// `Less` when `a` comes before `b`.
    fn compare(self, a: &Scored<'_, '_>, b: &Scored<'_, '_>) -> Ordering {
        let community = |s: &Scored<'_, '_>| s.candidate.profile.ratings.community.score;
        match self {
            TieBreak::Language => b.in_tier.cmp(&a.in_tier),
            TieBreak::ExactScore => b.total.cmp(&a.total),
            TieBreak::Community => community(b).cmp(&community(a)),
            TieBreak::Id => a
                .candidate
                .id
                .cmp(b.candidate.id)
                .then(a.candidate.name.cmp(b.candidate.name)),
        }
    }

    fn label(self, tied: &[&Scored<'_, '_>]) -> &'static str {
        match self {
            TieBreak::Language => "language (a language you named comes first)",
            TieBreak::ExactScore => "the unrounded score",
            TieBreak::Community
                if tied.iter().any(|s| {
                    s.candidate.profile.ratings.community.source == RatingSource::Outside
                }) =>
            {
                "community rating (not from the article)"
            }
            TieBreak::Community => "community rating",
            TieBreak::Id => "id, alphabetically",
        }
    }
}

/// Ranks every candidate against the goals in the given order, best first. Every
/// recommendation names the others it ties with (same rounded score) and the rules that
/// ordered them.
#[must_use]
pub(crate) fn rank(
    goals: &Goals,
    candidates: &[Candidate<'_>],
    order: Order,
) -> Vec<Recommendation> {
    let plan = Plan::new(goals);
    let mut scored: Vec<Scored<'_, '_>> = candidates.iter().map(|c| plan.score(c)).collect();
    let rules = order.rules();
    scored.sort_by(|a, b| {
        rules.iter().fold(Ordering::Equal, |o, rule| {
            o.then_with(|| rule.compare(a, b))
        })
    });
    let trade_offs = match scored.split_first() {
        Some((top, rest)) => plan.trade_offs(top, rest, order),
        None => Vec::new(),
    };
    scored
        .iter()
        .enumerate()
        .map(|(rank, s)| {
            let (tied_with, tie_break) = plan.tie(s, &scored, order);
            let mut reasons = plan.reasons(s);
            if rank == 0 {
                // Trade-offs sit after the caveats and before the general facts.
                let at = reasons
                    .iter()
                    .position(|r| r.kind == ReasonKind::General)
                    .unwrap_or(reasons.len());
                reasons.splice(at..at, trade_offs.iter().cloned());
            }
            Recommendation {
                id: s.candidate.id.to_string(),
                name: s.candidate.name.to_string(),
                language: s.candidate.profile.language.id().to_string(),
                score: plan.score_0_100(s.total),
                reasons,
                contributions: s.contributions.clone(),
                tied_with,
                tie_break,
                notes: Vec::new(),
            }
        })
        .collect()
}

/// Adds [`TYPESCRIPT_NOTE`] to every JavaScript recommendation: for a team that named
/// TypeScript, which groundwork ranks as JavaScript.
pub(crate) fn note_typescript(ranking: &mut [Recommendation]) {
    for r in ranking
        .iter_mut()
        .filter(|r| r.language == Language::JavaScript.id())
    {
        r.notes.push(TYPESCRIPT_NOTE.to_string());
    }
}

/// The rule that put `a` and `b` in their order.
fn deciding_rule(order: Order, a: &Scored<'_, '_>, b: &Scored<'_, '_>) -> TieBreak {
    order
        .rules()
        .into_iter()
        .find(|rule| rule.compare(a, b) != Ordering::Equal)
        .unwrap_or(TieBreak::Id)
}

/// " (not from the article)" for a rating the article does not set.
fn source_note(rating: &Rating) -> String {
    match rating.source {
        RatingSource::Article => String::new(),
        source @ RatingSource::Outside => format!(" ({})", source.label()),
    }
}

/// Keeps the first mention of each value.
fn dedup<T: PartialEq + Copy>(values: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

/// The weight of a criterion: each priority weighs twice the next one, the fifth (like a
/// criterion not named) 1: 16, 8, 4, 2, 1.
fn weight_of(priorities: &[Criterion], criterion: Criterion) -> u64 {
    match priorities.iter().position(|c| *c == criterion) {
        Some(index) => 1 << (4 - index.min(4)),
        None => 1,
    }
}

/// How well a candidate meets one use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UseCaseFit {
    Best,
    Also,
    No,
}

fn use_case_fit(profile: &Profile, use_case: UseCase) -> UseCaseFit {
    if profile.best_for.contains(&use_case) {
        UseCaseFit::Best
    } else if profile.also_for.contains(&use_case) {
        UseCaseFit::Also
    } else {
        UseCaseFit::No
    }
}

/// How many steps `goal` is above `max` (0 when it fits).
fn scale_shortfall(max: Scale, goal: Scale) -> usize {
    let position = |s: Scale| Scale::all().iter().position(|x| *x == s).unwrap_or(0);
    position(goal).saturating_sub(position(max))
}

fn realtime_thirds(support: RealtimeSupport) -> u64 {
    match support {
        RealtimeSupport::Native => 3,
        RealtimeSupport::Good => 2,
        RealtimeSupport::Limited => 1,
    }
}

fn ordinal(index: usize) -> &'static str {
    ["first", "second", "third", "fourth", "fifth"]
        .get(index)
        .copied()
        .unwrap_or("next")
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn use_case_reason(profile: &Profile, use_case: UseCase) -> Reason {
    let label = use_case.label();
    let (kind, text) = match use_case_fit(profile, use_case) {
        UseCaseFit::Best => (
            ReasonKind::Match,
            format!("best for {label}, which you named"),
        ),
        UseCaseFit::Also => {
            let why = profile
                .also_why
                .get(&use_case)
                .map_or("the article names it in part", String::as_str);
            (
                ReasonKind::Match,
                format!("partly suited to {label}, which you named: {why}"),
            )
        }
        UseCaseFit::No => (
            ReasonKind::Caveat,
            format!("not among the article's picks for {label}, which you named"),
        ),
    };
    Reason {
        kind,
        goal: Some(format!("use case: {}", use_case.id())),
        text,
    }
}

/// A priority rated 4 or 5 is a match; 3 or less is a caveat.
fn priority_reason(profile: &Profile, index: usize, criterion: Criterion) -> Reason {
    let rating = profile.ratings.get(criterion);
    let score = rating.score;
    let (label, which, source) = (criterion.label(), ordinal(index), source_note(rating));
    let (kind, text) = if score >= 4 {
        (
            ReasonKind::Match,
            format!("rated {score}/{MAX_RATING} for {label}{source}, your {which} priority"),
        )
    } else {
        (
            ReasonKind::Caveat,
            format!("rated only {score}/{MAX_RATING} for {label}{source}, your {which} priority"),
        )
    };
    Reason {
        kind,
        goal: Some(format!("priority: {}", criterion.id())),
        text,
    }
}

fn scale_reason(candidate: &Candidate<'_>, goal: Scale) -> Reason {
    let max = candidate.profile.scale.max;
    let (kind, text) = if scale_shortfall(max, goal) == 0 {
        (
            ReasonKind::Match,
            format!("comfortable at {} scale, which you need", goal.id()),
        )
    } else {
        (
            ReasonKind::Caveat,
            format!(
                "{} is comfortable up to {} scale; you said {}",
                candidate.name,
                max.id(),
                goal.id()
            ),
        )
    };
    Reason {
        kind,
        goal: Some(format!("scale: {}", goal.id())),
        text,
    }
}

fn realtime_reason(profile: &Profile, goal: &str) -> Reason {
    let support = profile.realtime.support;
    Reason {
        kind: if support == RealtimeSupport::Limited {
            ReasonKind::Caveat
        } else {
            ReasonKind::Match
        },
        goal: Some(goal.to_string()),
        text: format!(
            "{} (not rated by the article), which you need",
            support.label()
        ),
    }
}

/// The goals, deduplicated, with the common denominator of all score fractions.
struct Plan {
    use_cases: Vec<UseCase>,
    priorities: Vec<Criterion>,
    languages: Vec<Language>,
    scale: Option<Scale>,
    /// The label of the goal that asked for real-time support, if any.
    realtime_goal: Option<String>,
    empty: bool,
    /// The sum of the active parts' weights.
    total_weight: u64,
    /// The sum of the criterion weights.
    criterion_weights: u64,
    /// Every score is an integer number of 1/`denominator` points.
    denominator: u64,
}

/// One term of a score, before it is weighed: `part` of the 100 points times `got / den`, of at
/// most `max / den`, with `fraction` = `(got, max, den)`.
struct Term {
    factor: String,
    goal: Option<String>,
    part: u64,
    fraction: (u64, u64, u64),
    detail: String,
}

/// One candidate's exact score.
struct Scored<'c, 'p> {
    candidate: &'c Candidate<'p>,
    in_tier: bool,
    /// In 1/`Plan::denominator` points.
    total: u64,
    contributions: Vec<Contribution>,
}

impl Plan {
    fn new(goals: &Goals) -> Self {
        let use_cases = dedup(&goals.use_cases);
        let priorities = dedup(&goals.priorities);
        let languages = dedup(&goals.languages);
        let realtime_goal = if use_cases.contains(&UseCase::Realtime) {
            Some(format!("use case: {}", UseCase::Realtime.id()))
        } else if goals.realtime {
            Some("realtime".to_string())
        } else {
            None
        };
        let mut total_weight = CRITERIA_WEIGHT;
        if !use_cases.is_empty() {
            total_weight += USE_CASE_WEIGHT;
        }
        if !languages.is_empty() {
            total_weight += LANGUAGE_WEIGHT;
        }
        if goals.scale.is_some() {
            total_weight += SCALE_WEIGHT;
        }
        if realtime_goal.is_some() {
            total_weight += REALTIME_WEIGHT;
        }
        let criterion_weights = Criterion::all()
            .iter()
            .map(|c| weight_of(&priorities, *c))
            .sum::<u64>();
        // Every fraction below has a denominator dividing this one.
        let denominator = total_weight
            * u64::from(MAX_RATING)
            * criterion_weights
            * 3
            * (use_cases.len().max(1) as u64)
            * 2;
        Plan {
            use_cases,
            priorities,
            languages,
            scale: goals.scale,
            realtime_goal,
            empty: goals.is_empty(),
            total_weight,
            criterion_weights,
            denominator,
        }
    }

    /// `part_weight` of 100 points, times `num / den`, in 1/denominator points.
    fn points(&self, part_weight: u64, num: u64, den: u64) -> u64 {
        debug_assert_eq!(self.denominator % (self.total_weight * den), 0);
        100 * part_weight * num * (self.denominator / (self.total_weight * den))
    }

    fn tenths(&self, units: u64) -> f64 {
        // Round half up to a tenth of a point.
        let tenths = (20 * units + self.denominator) / (2 * self.denominator);
        f64::from(u32::try_from(tenths).unwrap_or(u32::MAX)) / 10.0
    }

    fn score_0_100(&self, units: u64) -> u8 {
        let rounded = (2 * units + self.denominator) / (2 * self.denominator);
        u8::try_from(rounded.min(100)).unwrap_or(100)
    }

    fn priority_goal(&self, criterion: Criterion) -> Option<String> {
        self.priorities
            .contains(&criterion)
            .then(|| format!("priority: {}", criterion.id()))
    }

    fn language_goal(&self) -> String {
        let ids: Vec<&str> = self.languages.iter().map(Language::id).collect();
        format!("language: {}", ids.join(", "))
    }

    fn in_tier(&self, profile: &Profile) -> bool {
        self.languages.contains(&profile.language)
    }

    fn score<'c, 'p>(&self, candidate: &'c Candidate<'p>) -> Scored<'c, 'p> {
        let profile = candidate.profile;
        let terms = self
            .criterion_terms(profile)
            .into_iter()
            .chain(self.use_case_terms(profile))
            .chain(self.language_term(profile))
            .chain(self.scale_term(profile))
            .chain(self.realtime_term(profile));
        let mut total = 0;
        let mut contributions = Vec::new();
        for term in terms {
            let (got, max, den) = term.fraction;
            let points = self.points(term.part, got, den);
            total += points;
            contributions.push(Contribution {
                factor: term.factor,
                goal: term.goal,
                points: self.tenths(points),
                max_points: self.tenths(self.points(term.part, max, den)),
                detail: term.detail,
            });
        }
        Scored {
            candidate,
            in_tier: self.in_tier(profile),
            total,
            contributions,
        }
    }

    /// One term per criterion, weighted by the priorities.
    fn criterion_terms(&self, profile: &Profile) -> Vec<Term> {
        let rating_den = u64::from(MAX_RATING) * self.criterion_weights;
        Criterion::all()
            .iter()
            .map(|&criterion| {
                let weight = self.criterion_weight(criterion);
                let rating = profile.ratings.get(criterion);
                Term {
                    factor: criterion.id().to_string(),
                    goal: self.priority_goal(criterion),
                    part: CRITERIA_WEIGHT,
                    fraction: (
                        weight * u64::from(rating.score),
                        weight * u64::from(MAX_RATING),
                        rating_den,
                    ),
                    detail: format!(
                        "rated {}/{MAX_RATING}, weight {weight} of {}: {}",
                        rating.score, self.criterion_weights, rating.why
                    ),
                }
            })
            .collect()
    }

    /// One term per use case named, in thirds: the headline line, the feature table, or neither.
    fn use_case_terms(&self, profile: &Profile) -> Vec<Term> {
        let thirds_den = 3 * self.use_cases.len() as u64;
        self.use_cases
            .iter()
            .map(|&use_case| {
                let (thirds, detail) = match use_case_fit(profile, use_case) {
                    UseCaseFit::Best => (3, "in the article's headline \"Best For\" line"),
                    UseCaseFit::Also => {
                        (2, "only in the article's feature table: 2/3 of the points")
                    }
                    UseCaseFit::No => (0, "not in the article's \"Best For\" lists"),
                };
                let goal = format!("use case: {}", use_case.id());
                Term {
                    factor: goal.clone(),
                    goal: Some(goal),
                    part: USE_CASE_WEIGHT,
                    fraction: (thirds, 3, thirds_den),
                    detail: detail.to_string(),
                }
            })
            .collect()
    }

    /// All or nothing: written in a named language, when any is named.
    fn language_term(&self, profile: &Profile) -> Option<Term> {
        if self.languages.is_empty() {
            return None;
        }
        let in_tier = self.in_tier(profile);
        let language = profile.language.label();
        let detail = if in_tier {
            format!("written in {language}")
        } else {
            format!("written in {language}, not a named language")
        };
        Some(Term {
            factor: "language".to_string(),
            goal: Some(self.language_goal()),
            part: LANGUAGE_WEIGHT,
            fraction: (u64::from(in_tier), 1, 1),
            detail,
        })
    }

    /// In halves: comfortable at the scale named, one step short, or further.
    fn scale_term(&self, profile: &Profile) -> Option<Term> {
        let goal = self.scale?;
        let halves = match scale_shortfall(profile.scale.max, goal) {
            0 => 2,
            1 => 1,
            _ => 0,
        };
        Some(Term {
            factor: "scale".to_string(),
            goal: Some(format!("scale: {}", goal.id())),
            part: SCALE_WEIGHT,
            fraction: (halves, 2, 2),
            detail: format!(
                "comfortable up to {} scale: {}",
                profile.scale.max.id(),
                profile.scale.why
            ),
        })
    }

    /// In thirds of how well the framework supports websockets and streaming, when wanted.
    fn realtime_term(&self, profile: &Profile) -> Option<Term> {
        let goal = self.realtime_goal.as_ref()?;
        let support = profile.realtime.support;
        Some(Term {
            factor: "realtime".to_string(),
            goal: Some(goal.clone()),
            part: REALTIME_WEIGHT,
            fraction: (realtime_thirds(support), 3, 3),
            detail: format!("{} support: {}", support.id(), profile.realtime.why),
        })
    }

    fn criterion_weight(&self, criterion: Criterion) -> u64 {
        weight_of(&self.priorities, criterion)
    }

    /// Match, caveat and general reasons of one candidate: matches, then caveats, each in goal
    /// order (language, use cases, priorities, scale, real-time), then general facts.
    fn reasons(&self, scored: &Scored<'_, '_>) -> Vec<Reason> {
        let profile = scored.candidate.profile;
        let mut reasons = Vec::new();
        if !self.languages.is_empty() {
            reasons.push(self.language_reason(profile, scored.in_tier));
        }
        for &use_case in &self.use_cases {
            reasons.push(use_case_reason(profile, use_case));
        }
        for (index, &criterion) in self.priorities.iter().enumerate() {
            reasons.push(priority_reason(profile, index, criterion));
        }
        if let Some(goal) = self.scale {
            reasons.push(scale_reason(scored.candidate, goal));
        }
        if let Some(goal) = &self.realtime_goal {
            reasons.push(realtime_reason(profile, goal));
        }
        // Stable: goal order is kept within each kind.
        reasons.sort_by_key(|r| r.kind != ReasonKind::Match);
        reasons.extend(self.general_reasons(profile));
        reasons
    }

    fn language_reason(&self, profile: &Profile, in_tier: bool) -> Reason {
        let language = profile.language.label();
        let (kind, text) = if in_tier {
            (
                ReasonKind::Match,
                format!("written in {language}, a language you named"),
            )
        } else {
            let named: Vec<&str> = self.languages.iter().map(Language::label).collect();
            (
                ReasonKind::Caveat,
                format!(
                    "written in {language}, not a language you named ({})",
                    named.join(", ")
                ),
            )
        };
        Reason {
            kind,
            goal: Some(self.language_goal()),
            text,
        }
    }

    fn general_reasons(&self, profile: &Profile) -> Vec<Reason> {
        let mut texts = Vec::new();
        if self.empty {
            let ratings = |c: &&Criterion| profile.ratings.get(**c).score;
            let best = Criterion::all()
                .iter()
                .map(|c| ratings(&c))
                .max()
                .unwrap_or(0);
            let strongest: Vec<String> = Criterion::all()
                .iter()
                .filter(|c| ratings(c) == best)
                .map(|c| c.label().to_string())
                .collect();
            let outside: Vec<String> = Criterion::all()
                .iter()
                .filter(|c| ratings(c) == best)
                .filter(|c| profile.ratings.get(**c).source == RatingSource::Outside)
                .map(|c| c.label().to_string())
                .collect();
            let source = if outside.is_empty() {
                String::new()
            } else {
                format!("; not from the article: {}", join_and(&outside))
            };
            texts.push(format!(
                "strongest on {} ({best}/{MAX_RATING}{source})",
                join_and(&strongest)
            ));
        }
        if self.use_cases.is_empty() {
            let best_for: Vec<String> = profile
                .best_for
                .iter()
                .map(|u| u.label().to_string())
                .collect();
            texts.push(format!(
                "the article names it best for {}",
                join_and(&best_for)
            ));
        }
        if !profile.notable_users.is_empty() {
            texts.push(format!("used by {}", join_and(&profile.notable_users)));
        }
        texts
            .into_iter()
            .map(|text| Reason {
                kind: ReasonKind::General,
                goal: None,
                text,
            })
            .collect()
    }

    /// For each goal the top pick misses, the best-ranked lower candidate that meets it.
    fn trade_offs(
        &self,
        top: &Scored<'_, '_>,
        rest: &[Scored<'_, '_>],
        order: Order,
    ) -> Vec<Reason> {
        let profile = top.candidate.profile;
        let mut out = Vec::new();
        let mut trade =
            |goal: String, meets: &dyn Fn(&Profile) -> bool, what: &dyn Fn(&Profile) -> String| {
                if let Some(other) = rest.iter().find(|s| meets(s.candidate.profile)) {
                    out.push(Reason {
                        kind: ReasonKind::TradeOff,
                        goal: Some(goal),
                        text: format!(
                            "{} is {}, but ranks lower because {}",
                            other.candidate.name,
                            what(other.candidate.profile),
                            self.why_lower(top, other, order)
                        ),
                    });
                }
            };

        for &use_case in &self.use_cases {
            if use_case_fit(profile, use_case) == UseCaseFit::No {
                trade(
                    format!("use case: {}", use_case.id()),
                    &|p| use_case_fit(p, use_case) != UseCaseFit::No,
                    &|_| format!("one of the article's picks for {}", use_case.label()),
                );
            }
        }
        for (index, &criterion) in self.priorities.iter().enumerate() {
            if profile.ratings.get(criterion).score < 4 {
                trade(
                    format!("priority: {}", criterion.id()),
                    &|p| p.ratings.get(criterion).score == MAX_RATING,
                    &|p| {
                        format!(
                            "rated {MAX_RATING}/{MAX_RATING} for {}{}, your {} priority",
                            criterion.label(),
                            source_note(p.ratings.get(criterion)),
                            ordinal(index)
                        )
                    },
                );
            }
        }
        let short_of = |goal: Scale| scale_shortfall(profile.scale.max, goal) > 0;
        if let Some(goal_scale) = self.scale.filter(|goal| short_of(*goal)) {
            trade(
                format!("scale: {}", goal_scale.id()),
                &|p| scale_shortfall(p.scale.max, goal_scale) == 0,
                &|_| format!("comfortable at {} scale", goal_scale.id()),
            );
        }
        let limited = profile.realtime.support == RealtimeSupport::Limited;
        if let Some(goal) = self.realtime_goal.as_ref().filter(|_| limited) {
            trade(
                goal.clone(),
                &|p| p.realtime.support != RealtimeSupport::Limited,
                &|_| "better prepared for real-time work".to_string(),
            );
        }
        out
    }

    fn why_lower(&self, top: &Scored<'_, '_>, other: &Scored<'_, '_>, order: Order) -> String {
        let rule = deciding_rule(order, top, other);
        if rule == TieBreak::Language {
            return format!(
                "it is written in {}, not a language you named",
                other.candidate.profile.language.label()
            );
        }
        let (mine, theirs) = (self.score_0_100(top.total), self.score_0_100(other.total));
        if mine == theirs {
            format!(
                "it ties at {mine} and loses the tie-break on {}",
                rule.label(&[top, other])
            )
        } else {
            format!("it fits your goals as a whole less well ({theirs} vs {mine})")
        }
    }

    /// The others with the same rounded score as `me`, and the sentence that announces the tie.
    fn tie(
        &self,
        me: &Scored<'_, '_>,
        ranked: &[Scored<'_, '_>],
        order: Order,
    ) -> (Vec<String>, Option<String>) {
        let score = self.score_0_100(me.total);
        let others: Vec<&Scored<'_, '_>> = ranked
            .iter()
            .filter(|s| !std::ptr::eq(*s, me) && self.score_0_100(s.total) == score)
            .collect();
        if others.is_empty() {
            return (Vec::new(), None);
        }
        let mut group = others.clone();
        group.push(me);
        let used: Vec<TieBreak> = order
            .rules()
            .into_iter()
            .filter(|rule| others.iter().any(|o| deciding_rule(order, me, o) == *rule))
            .collect();
        let rules: Vec<&str> = used.iter().map(|rule| rule.label(&group)).collect();
        let names: Vec<String> = others
            .iter()
            .map(|o| o.candidate.name.to_string())
            .collect();
        let ids = others.iter().map(|o| o.candidate.id.to_string()).collect();
        let sentence = format!(
            "tied with {} at {score}; ordered by {}",
            join_and(&names),
            rules.join(", then ")
        );
        (ids, Some(sentence))
    }
}
