//! `groundwork recommend`: the ranking for the team's goals, with every reason.

use super::{print, say, to_json, visible};
use crate::blueprint::Catalogue;
use crate::cli::{GoalArgs, RecommendArgs};
use crate::error::Result;
use crate::goals::{self, GoalText};
use crate::recommend::{self, Reason, ReasonKind, Recommendation};

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

pub(crate) fn run(args: &RecommendArgs, catalogue: &Catalogue) -> Result<()> {
    let config = crate::config::load()?;
    let text = goals::with_config_languages(GoalText::from(&args.goals), &config)?;
    let goals = goals::parse(&text)?;
    let mut ranking = goals::rank(catalogue, &goals)?;
    if text.names_typescript() {
        recommend::note_typescript(&mut ranking);
    }
    let shown = &ranking[..ranking.len().min(usize::from(args.top))];
    if args.json {
        return print(&to_json(&shown));
    }
    if let Some(note) = recommend::general_note(&goals) {
        say(&format!("{note}\n\n"));
    }
    let mut again = text.flags();
    if args.top != DEFAULT_TOP {
        again.push(format!("--top {}", args.top));
    }
    let view = View::Short {
        explain_command: command_line(&again),
    };
    print(&render(
        shown,
        if args.explain { &View::Explain } else { &view },
    ))
}

/// `--top` when not given; the "+N more" hint names `--top` only when it differs.
const DEFAULT_TOP: u8 = 5;

/// How many reasons a framework shows before "+N more", unless it has more caveats and
/// trade-offs than that: those are always shown.
const SHORT_REASONS: usize = 4;

/// How much of each recommendation a table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum View {
    /// Every reason.
    Full,
    /// Every reason and every contribution to the score.
    Explain,
    /// Every caveat and trade-off, the other reasons up to [`SHORT_REASONS`] lines, then
    /// "+N more (<`explain_command`>)".
    Short {
        /// The command that shows the rest, e.g. `groundwork recommend --use-case mvp --explain`.
        explain_command: String,
    },
}

/// `groundwork recommend <flags> --explain`.
#[must_use]
pub(crate) fn command_line(flags: &[String]) -> String {
    let mut line = String::from("groundwork recommend");
    for flag in flags {
        line.push(' ');
        line.push_str(flag);
    }
    line.push_str(" --explain");
    line
}

/// The ranking as text with every reason (`--explain` adds the score's parts).
pub(crate) fn table(ranking: &[Recommendation], explain: bool) -> String {
    render(ranking, if explain { &View::Explain } else { &View::Full })
}

/// The ranking as text: one line per framework, then a tie (`=`), notes on the blueprint
/// (`!`) and its reasons, marked `+` (meets a goal), `-` (falls short), `~` (a trade-off) or
/// `·` (a general fact). Names, notes and reasons can come from a blueprint's folder, so they are
/// shown [`visible`].
pub(crate) fn render(ranking: &[Recommendation], view: &View) -> String {
    let name_w = ranking
        .iter()
        .map(|r| visible(&r.name).chars().count())
        .chain(["FRAMEWORK".len()])
        .max()
        .unwrap_or(0);
    let lang_w = ranking
        .iter()
        .map(|r| visible(&r.language).len())
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
            visible(&r.name),
            visible(&r.language),
            r.score,
            visible(&r.id)
        ));
        if let Some(tie) = &r.tie_break {
            out.push_str(&wrap(&format!("= {}", visible(tie)), 7, 80));
        }
        for note in &r.notes {
            out.push_str(&wrap(&format!("! {}", visible(note)), 7, 80));
        }
        let (shown, hidden) = match view {
            View::Short { .. } => short_reasons(&r.reasons),
            View::Full | View::Explain => (r.reasons.iter().collect(), 0),
        };
        for reason in shown {
            let mark = match reason.kind {
                ReasonKind::Match => '+',
                ReasonKind::Caveat => '-',
                ReasonKind::TradeOff => '~',
                ReasonKind::General => '·',
            };
            out.push_str(&wrap(&format!("{mark} {}", visible(&reason.text)), 7, 80));
        }
        if let View::Short { explain_command } = view
            && hidden > 0
        {
            out.push_str(&wrap(&format!("+{hidden} more ({explain_command})"), 7, 80));
        }
        if *view == View::Explain {
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

/// The reasons a short view shows, in their order, and how many it leaves out: every caveat
/// and trade-off, and the others while fewer than [`SHORT_REASONS`] lines are used.
fn short_reasons(reasons: &[Reason]) -> (Vec<&Reason>, usize) {
    let must = |r: &Reason| matches!(r.kind, ReasonKind::Caveat | ReasonKind::TradeOff);
    let mut room = SHORT_REASONS.saturating_sub(reasons.iter().filter(|r| must(r)).count());
    let mut shown = Vec::new();
    for reason in reasons {
        if must(reason) {
            shown.push(reason);
        } else if room > 0 {
            room -= 1;
            shown.push(reason);
        }
    }
    let hidden = reasons.len() - shown.len();
    (shown, hidden)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(kind: ReasonKind, text: &str) -> Reason {
        Reason {
            kind,
            goal: None,
            text: text.to_string(),
        }
    }

    fn one(reasons: Vec<Reason>) -> Recommendation {
        Recommendation {
            id: "koa".into(),
            name: "Koa".into(),
            language: "javascript".into(),
            score: 50,
            reasons,
            contributions: Vec::new(),
            tied_with: vec!["node".into()],
            tie_break: Some("tied with Node.js at 50; ordered by id, alphabetically".into()),
            notes: vec!["a note".into()],
        }
    }

    #[test]
    fn the_short_view_shows_every_caveat_and_trade_off_and_counts_the_rest() {
        use ReasonKind::{Caveat, General, Match, TradeOff};
        let r = one(vec![
            reason(Match, "m1"),
            reason(Match, "m2"),
            reason(Match, "m3"),
            reason(Caveat, "c1"),
            reason(Caveat, "c2"),
            reason(TradeOff, "t1"),
            reason(General, "g1"),
        ]);
        let view = View::Short {
            explain_command: command_line(&["--use-case mvp".to_string()]),
        };
        assert_eq!(
            render(std::slice::from_ref(&r), &view),
            "  #  FRAMEWORK  LANGUAGE    SCORE
  1  Koa        javascript     50   (koa)
       = tied with Node.js at 50; ordered by id, alphabetically
       ! a note
       + m1
       - c1
       - c2
       ~ t1
       +3 more (groundwork recommend --use-case mvp --explain)
"
        );
        // Four lines or fewer: nothing is left out and there is no hint.
        let short = one(vec![reason(Match, "m1"), reason(General, "g1")]);
        assert!(!render(&[short], &view).contains("more ("));
        // Every reason in the full view.
        assert!(table(&[r], false).contains("+ m3\n       - c1"));
    }
}
