//! `groundwork recommend`: the ranking for the team's goals, with every reason.

use super::{print, say, to_json};
use crate::blueprint::Catalogue;
use crate::cli::{GoalArgs, RecommendArgs};
use crate::error::Result;
use crate::goals::{self, GoalText};
use crate::recommend::{self, ReasonKind, Recommendation};

impl From<&GoalArgs> for GoalText {
    fn from(args: &GoalArgs) -> Self {
        GoalText {
            use_cases: args.use_cases.clone(),
            priorities: args.priorities.clone(),
            languages: args.languages.clone(),
            scale: args.scale.clone(),
            realtime: args.realtime,
        }
    }
}

pub fn run(args: &RecommendArgs, catalogue: &Catalogue) -> Result<()> {
    let config = crate::config::load()?;
    let text = goals::with_config_languages(GoalText::from(&args.goals), &config)?;
    let goals = goals::parse(&text)?;
    let ranking = goals::rank(catalogue, &goals)?;
    let shown = &ranking[..ranking.len().min(usize::from(args.top))];
    if args.json {
        return print(&to_json(&shown));
    }
    if let Some(note) = recommend::general_note(&goals) {
        say(&format!("{note}\n\n"));
    }
    print(&table(shown, args.explain))
}

/// The ranking as text: one line per framework, then its reasons, marked `+` (meets a goal),
/// `-` (falls short), `~` (a trade-off) or `·` (a general fact).
pub fn table(ranking: &[Recommendation], explain: bool) -> String {
    let name_w = ranking
        .iter()
        .map(|r| r.name.chars().count())
        .chain(["FRAMEWORK".len()])
        .max()
        .unwrap_or(0);
    let lang_w = ranking
        .iter()
        .map(|r| r.language.len())
        .chain(["LANGUAGE".len()])
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "  #  {:name_w$}  {:lang_w$}  SCORE\n",
        "FRAMEWORK", "LANGUAGE"
    );
    for (rank, r) in ranking.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}  {:name_w$}  {:lang_w$}  {:>5}   ({})\n",
            rank + 1,
            r.name,
            r.language,
            r.score,
            r.id
        ));
        let limit = if explain { usize::MAX } else { 4 };
        for reason in r.reasons.iter().take(limit) {
            let mark = match reason.kind {
                ReasonKind::Match => '+',
                ReasonKind::Caveat => '-',
                ReasonKind::TradeOff => '~',
                ReasonKind::General => '·',
            };
            out.push_str(&wrap(&format!("{mark} {}", reason.text), 7, 80));
        }
        if explain {
            out.push_str("       score:\n");
            for c in &r.contributions {
                out.push_str(&wrap(
                    &format!(
                        "{:>5.1}/{:<5.1} {}: {}",
                        c.points, c.max_points, c.factor, c.detail
                    ),
                    9,
                    80,
                ));
            }
        }
    }
    out
}

/// Wraps text at word boundaries to `width` columns, every line indented by `indent` spaces and
/// continuation lines by two more.
fn wrap(text: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = " ".repeat(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent + 2);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}
