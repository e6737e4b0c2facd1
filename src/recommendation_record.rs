//! What a project keeps of the recommendation it was made through: the team's goals in their
//! order, the pick, its score and its reasons. The generated README shows it (the `recommendation`
//! template variable) and `.groundwork.toml` keeps it as a `[recommendation]` table, which an
//! answers file carries over, so a rebuild from the record makes the same README. A project made
//! with `--framework` has none.

use crate::answers::AnswersFile;
use crate::blueprint::Blueprint;
use crate::goals::GoalText;
use crate::recommend::{Goals, ReasonKind, Recommendation};
use serde::{Deserialize, Serialize};

/// The recommendation behind a project, as recorded when it was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationRecord {
    /// The groundwork version that ranked the frameworks: a later one may rank them otherwise.
    pub groundwork_version: String,
    /// The blueprint id picked.
    pub pick: String,
    /// Its display name.
    pub name: String,
    /// Its score for the goals, 0 to 100.
    pub score: u8,
    /// Its place in the ranking, 1 for the top recommendation.
    pub rank: usize,
    /// How many frameworks were ranked.
    pub ranked: usize,
    /// Notes on the blueprint (`!`), then the reasons, each marked `+` (meets a goal), `-` (falls
    /// short), `~` (a trade-off) or `·` (a general fact), as `groundwork recommend` prints them.
    pub reasons: Vec<String>,
    /// The other frameworks with the same score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tied_with: Vec<String>,
    /// With a tie, how the tied frameworks were ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<String>,
    /// The goals, in the order the team gave them.
    pub goals: RecordedGoals,
}

/// The goals in their canonical words; an empty list is a goal not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedGoals {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub use_cases: Vec<String>,
    /// Most important first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub realtime: bool,
}

impl RecommendationRecord {
    /// The record of picking `ranking[picked]` for `goals`.
    #[must_use]
    pub(crate) fn new(goals: &Goals, ranking: &[Recommendation], picked: usize) -> Self {
        let pick = &ranking[picked];
        let notes = pick.notes.iter().map(|note| format!("! {note}"));
        let reasons = pick
            .reasons
            .iter()
            .map(|reason| format!("{} {}", mark(reason.kind), reason.text));
        let text = GoalText::from(goals);
        RecommendationRecord {
            groundwork_version: env!("CARGO_PKG_VERSION").to_string(),
            pick: pick.id.clone(),
            name: pick.name.clone(),
            score: pick.score,
            rank: picked + 1,
            ranked: ranking.len(),
            reasons: notes.chain(reasons).collect(),
            tied_with: pick.tied_with.clone(),
            tie_break: pick.tie_break.clone(),
            goals: RecordedGoals {
                use_cases: text.use_cases,
                priorities: text.priorities,
                languages: text.languages,
                scale: text.scale,
                realtime: text.realtime,
            },
        }
    }

    /// A record with every field filled (goals of each kind, a tie, each mark), for checks that
    /// render every template strictly.
    #[must_use]
    pub(crate) fn example() -> Self {
        RecommendationRecord {
            groundwork_version: env!("CARGO_PKG_VERSION").to_string(),
            pick: "example".into(),
            name: "Example".into(),
            score: 90,
            rank: 2,
            ranked: 10,
            reasons: [
                "! a note",
                "+ a match",
                "- a caveat",
                "~ a trade-off",
                "· a fact",
            ]
            .map(String::from)
            .to_vec(),
            tied_with: vec!["other".into()],
            tie_break: Some("tied with Other at 90; ordered by the unrounded score".into()),
            goals: RecordedGoals {
                use_cases: vec!["api".into()],
                priorities: vec!["security".into(), "performance".into()],
                languages: vec!["python".into()],
                scale: Some("large".into()),
                realtime: true,
            },
        }
    }

    /// The goals, one line each, for a person: `priorities, in order: performance, security`.
    #[must_use]
    pub(crate) fn goal_lines(&self) -> Vec<String> {
        let g = &self.goals;
        let mut lines = Vec::new();
        let mut list = |label: &str, words: &[String]| {
            if !words.is_empty() {
                lines.push(format!("{label}: {}", words.join(", ")));
            }
        };
        list("use cases", &g.use_cases);
        list("priorities, most important first", &g.priorities);
        list("languages", &g.languages);
        if let Some(scale) = &g.scale {
            list("scale", std::slice::from_ref(scale));
        }
        if g.realtime {
            lines.push("real-time: wanted".to_string());
        }
        if lines.is_empty() {
            lines.push("none given: a general ranking".to_string());
        }
        lines
    }

    /// The command that ranks the frameworks for the same goals again, with every reason.
    #[must_use]
    pub(crate) fn recheck_command(&self) -> String {
        let g = &self.goals;
        let text = GoalText {
            use_cases: g.use_cases.clone(),
            priorities: g.priorities.clone(),
            languages: g.languages.clone(),
            scale: g.scale.clone(),
            realtime: g.realtime,
        };
        let mut line = String::from("groundwork recommend");
        for flag in text.flags() {
            line.push(' ');
            line.push_str(&flag);
        }
        line.push_str(" --explain");
        line
    }

    /// The `recommendation` template variable: the record, with the goals as lines and the
    /// command that ranks again.
    #[must_use]
    pub(crate) fn template_value(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).expect("plain data serializes");
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("goal_lines".into(), self.goal_lines().into());
            map.insert("recheck_command".into(), self.recheck_command().into());
            // Present when absent from the record, so that strict templates may test them.
            map.entry("tie_break").or_insert(serde_json::Value::Null);
            map.entry("tied_with")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        }
        value
    }

    /// The `[recommendation]` table of `.groundwork.toml`, with a comment saying what it is.
    #[must_use]
    pub(crate) fn record_table(&self) -> String {
        let mut doc = toml::Table::new();
        doc.insert(
            "recommendation".into(),
            toml::Value::try_from(self).expect("the record serializes to TOML"),
        );
        format!(
            "\n# Why this framework: the team's goals and the recommendation groundwork made for them.\n{}",
            toml::to_string_pretty(&doc).expect("the record serializes to TOML")
        )
    }

    /// The record an answers file carries, when it is for this blueprint.
    #[must_use]
    pub(crate) fn carried(file: Option<&AnswersFile>, blueprint: &Blueprint) -> Option<Self> {
        file.and_then(|f| f.recommendation.clone())
            .filter(|recorded| recorded.pick == blueprint.id())
    }

    /// Reads a `[recommendation]` table back, as an answers file holds it.
    pub(crate) fn from_toml(value: toml::Value) -> Result<Self, String> {
        let record: Self = value
            .try_into()
            .map_err(|e: toml::de::Error| format!("[recommendation]: {}", e.message()))?;
        record
            .check()
            .map_err(|problem| format!("[recommendation]: {problem}"))?;
        Ok(record)
    }

    /// What the README can print as it is: one line of text in each field, a place in the
    /// ranking that exists.
    fn check(&self) -> Result<(), String> {
        if self.rank == 0 || self.rank > self.ranked {
            return Err(format!(
                "rank {} is not a place in a ranking of {}",
                self.rank, self.ranked
            ));
        }
        let g = &self.goals;
        let texts = [&self.groundwork_version, &self.pick, &self.name]
            .into_iter()
            .chain(&self.reasons)
            .chain(&self.tied_with)
            .chain(&self.tie_break)
            .chain(&g.use_cases)
            .chain(&g.priorities)
            .chain(&g.languages)
            .chain(&g.scale);
        for text in texts {
            if let Some(c) = text.chars().find(|c| c.is_control()) {
                return Err(format!(
                    "`{}` contains the control character {c:?}; each value is one line of text",
                    crate::text::visible(text)
                ));
            }
        }
        Ok(())
    }
}

/// The mark `groundwork recommend` prints before a reason of this kind.
fn mark(kind: ReasonKind) -> char {
    match kind {
        ReasonKind::Match => '+',
        ReasonKind::Caveat => '-',
        ReasonKind::TradeOff => '~',
        ReasonKind::General => '·',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::{Criterion, Reason, UseCase};

    fn ranked(id: &str, score: u8, reasons: Vec<Reason>) -> Recommendation {
        Recommendation {
            id: id.into(),
            name: id.to_uppercase(),
            language: "python".into(),
            score,
            reasons,
            contributions: Vec::new(),
            tied_with: Vec::new(),
            tie_break: None,
            notes: Vec::new(),
        }
    }

    fn reason(kind: ReasonKind, text: &str) -> Reason {
        Reason {
            kind,
            goal: None,
            text: text.into(),
        }
    }

    fn goals() -> Goals {
        Goals {
            use_cases: vec![UseCase::Mvp],
            priorities: vec![Criterion::Security, Criterion::Performance],
            ..Goals::default()
        }
    }

    #[test]
    fn the_record_keeps_the_pick_its_place_and_every_reason_marked() {
        let mut second = ranked(
            "flask",
            80,
            vec![
                reason(ReasonKind::Match, "fits"),
                reason(ReasonKind::Caveat, "falls short"),
                reason(ReasonKind::TradeOff, "gives up"),
                reason(ReasonKind::General, "a fact"),
            ],
        );
        second.notes.push("a note".into());
        let ranking = [ranked("django", 90, Vec::new()), second];
        let record = RecommendationRecord::new(&goals(), &ranking, 1);
        assert_eq!(record.pick, "flask");
        assert_eq!((record.rank, record.ranked, record.score), (2, 2, 80));
        assert_eq!(
            record.reasons,
            [
                "! a note",
                "+ fits",
                "- falls short",
                "~ gives up",
                "· a fact"
            ]
        );
        assert_eq!(record.goals.priorities, ["security", "performance"]);
    }

    #[test]
    fn goals_read_in_the_teams_order_and_rank_again_with_the_same_flags() {
        let record = RecommendationRecord::new(&goals(), &[ranked("django", 90, Vec::new())], 0);
        assert_eq!(
            record.goal_lines(),
            [
                "use cases: mvp",
                "priorities, most important first: security, performance"
            ]
        );
        assert_eq!(
            record.recheck_command(),
            "groundwork recommend --use-case mvp --priority security,performance --explain"
        );
        let general =
            RecommendationRecord::new(&Goals::default(), &[ranked("django", 90, Vec::new())], 0);
        assert_eq!(general.goal_lines(), ["none given: a general ranking"]);
    }

    #[test]
    fn the_table_reads_back_as_it_was_written() {
        let mut tied = ranked("django", 90, vec![reason(ReasonKind::Match, "fits")]);
        tied.tied_with = vec!["flask".into()];
        tied.tie_break = Some("tied with Flask at 90; ordered by the unrounded score".into());
        let record = RecommendationRecord::new(&goals(), &[tied], 0);
        let text = record.record_table();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let back = RecommendationRecord::from_toml(table["recommendation"].clone()).unwrap();
        assert_eq!(back, record);
        let untied = RecommendationRecord::new(&goals(), &[ranked("django", 90, Vec::new())], 0);
        let text = untied.record_table();
        assert!(
            !text.contains("tied_with") && !text.contains("tie_break"),
            "{text}"
        );
    }

    #[test]
    fn a_table_the_readme_could_not_print_is_refused() {
        let table = |record: &RecommendationRecord| {
            let text = record.record_table();
            let doc: toml::Table = toml::from_str(&text).unwrap();
            RecommendationRecord::from_toml(doc["recommendation"].clone())
        };
        let mut record = RecommendationRecord::example();
        assert!(table(&record).is_ok());
        record.reasons.push("+ two\nlines".into());
        assert_eq!(
            table(&record).unwrap_err(),
            "[recommendation]: `+ two\\nlines` contains the control character '\\n'; each value is one line of text"
        );
        let mut record = RecommendationRecord::example();
        record.rank = 11;
        assert_eq!(
            table(&record).unwrap_err(),
            "[recommendation]: rank 11 is not a place in a ranking of 10"
        );
    }

    #[test]
    fn an_unknown_key_in_the_table_is_refused() {
        let value: toml::Table = toml::from_str("pick = \"x\"\nodd = 1").unwrap();
        let error = RecommendationRecord::from_toml(toml::Value::Table(value)).unwrap_err();
        assert!(error.starts_with("[recommendation]: "), "{error}");
    }
}
