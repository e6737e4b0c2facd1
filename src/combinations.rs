//! The option combinations of a blueprint, defined once: its axes (each bool and choice option
//! with its values, the default first), the full cross product of them over given base answers,
//! a restriction to some keys, the capped and evenly spread selection `blueprint check` renders,
//! and a one-line description of a combination for messages.

use crate::answers::Answers;
use crate::blueprint::Blueprint;
use crate::options::{OptionKind, Value};
use std::collections::BTreeSet;

/// One bool or choice option and the values a combination can give it.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub key: String,
    /// The option's default first, then its other values in the manifest's order.
    pub values: Vec<Value>,
}

/// Which value of each axis one combination takes, as indexes into [`Axis::values`] (0 is the
/// default).
pub type Picks = Vec<usize>;

/// The blueprint's bool and choice options, in the manifest's order, each with its default first.
/// An option whose default does not parse has no axis (`blueprint check` reports that default).
pub fn axes(blueprint: &Blueprint) -> Vec<Axis> {
    let mut axes = Vec::new();
    for option in &blueprint.manifest.options {
        let Ok(default) = option.default_value() else {
            continue;
        };
        let others: Vec<Value> = match option.kind {
            OptionKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
            OptionKind::Choice => option.choices.iter().cloned().map(Value::String).collect(),
            _ => continue,
        };
        let mut values = vec![default.clone()];
        values.extend(others.into_iter().filter(|v| *v != default));
        axes.push(Axis {
            key: option.key.clone(),
            values,
        });
    }
    axes
}

/// Only the axes whose key is one of `keys`, in their own order.
pub fn restricted(axes: Vec<Axis>, keys: &[&str]) -> Vec<Axis> {
    axes.into_iter()
        .filter(|axis| keys.contains(&axis.key.as_str()))
        .collect()
}

/// How many combinations the axes have (saturating; 1 when there are none).
pub fn total(axes: &[Axis]) -> u64 {
    axes.iter().fold(1u64, |n, axis| {
        n.saturating_mul(u64::try_from(axis.values.len()).unwrap_or(u64::MAX))
    })
}

/// `base` with each axis set to its picked value.
pub fn answers(axes: &[Axis], base: &Answers, picks: &[usize]) -> Answers {
    let mut answers = base.clone();
    for (axis, pick) in axes.iter().zip(picks) {
        answers.insert(axis.key.clone(), axis.values[*pick].clone());
    }
    answers
}

/// Every combination of the axes over `base`, the defaults first; the last axis changes fastest.
pub fn cross_product(axes: &[Axis], base: &Answers) -> Vec<Answers> {
    (0..total(axes))
        .map(|index| answers(axes, base, &decode(axes, index)))
        .collect()
}

/// The combinations `blueprint check` renders: all of them when there are at most `cap`; else
/// the defaults, each value of each axis on its own, then combinations spread evenly over the
/// rest, up to `cap`. No combination twice.
pub fn spread(axes: &[Axis], cap: usize) -> Vec<Picks> {
    let total = total(axes);
    let cap_count = u64::try_from(cap).unwrap_or(u64::MAX);
    if total <= cap_count {
        return (0..total).map(|index| decode(axes, index)).collect();
    }
    let mut chosen = vec![vec![0; axes.len()]];
    let mut seen: BTreeSet<Picks> = chosen.iter().cloned().collect();
    for (position, axis) in axes.iter().enumerate() {
        for value in 1..axis.values.len() {
            let mut picks = vec![0; axes.len()];
            picks[position] = value;
            if chosen.len() < cap && seen.insert(picks.clone()) {
                chosen.push(picks);
            }
        }
    }
    let step = (total / cap_count.max(1)).max(1);
    let mut index = 0u64;
    while chosen.len() < cap && index < total {
        let picks = decode(axes, index);
        if seen.insert(picks.clone()) {
            chosen.push(picks);
        }
        index = index.saturating_add(step);
    }
    chosen
}

/// The combination at `index` of the cross product, the last axis changing fastest.
fn decode(axes: &[Axis], mut index: u64) -> Picks {
    let mut picks = vec![0; axes.len()];
    for (pick, axis) in picks.iter_mut().zip(axes).rev() {
        let n = u64::try_from(axis.values.len()).unwrap_or(u64::MAX);
        // The remainder is below the axis's length, a usize.
        *pick = usize::try_from(index % n).unwrap_or(0);
        index /= n;
    }
    picks
}

/// Each axis with its value in `answers`, for messages: `docker=false ci=true`.
pub fn describe(axes: &[Axis], answers: &Answers) -> String {
    axes.iter()
        .filter_map(|axis| Some(format!("{}={}", axis.key, answers.get(&axis.key)?)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The axes whose value in `answers` is not their default, as `key=value`.
pub fn changes(axes: &[Axis], answers: &Answers) -> Vec<String> {
    axes.iter()
        .filter_map(|axis| {
            let value = answers.get(&axis.key)?;
            (*value != axis.values[0]).then(|| format!("{}={value}", axis.key))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blueprint::Catalogue;

    fn bools(n: usize) -> Vec<Axis> {
        (0..n)
            .map(|i| Axis {
                key: format!("o{i}"),
                values: vec![Value::Bool(true), Value::Bool(false)],
            })
            .collect()
    }

    fn fastapi() -> Blueprint {
        Catalogue::embedded()
            .unwrap()
            .blueprints()
            .unwrap()
            .into_iter()
            .find(|b| b.id() == "fastapi")
            .unwrap()
            .clone()
    }

    #[test]
    fn axes_hold_every_bool_and_choice_option_with_its_default_first() {
        let blueprint = fastapi();
        let axes = axes(&blueprint);
        let keys: Vec<&str> = axes.iter().map(|a| a.key.as_str()).collect();
        let expected: Vec<&str> = blueprint
            .manifest
            .options
            .iter()
            .filter(|o| matches!(o.kind, OptionKind::Bool | OptionKind::Choice))
            .map(|o| o.key.as_str())
            .collect();
        assert_eq!(keys, expected);
        assert!(keys.contains(&"docker") && keys.contains(&"database"));
        for axis in &axes {
            let option = blueprint.option(&axis.key).unwrap();
            assert_eq!(
                axis.values[0],
                option.default_value().unwrap(),
                "{}",
                axis.key
            );
            let distinct: BTreeSet<String> = axis.values.iter().map(Value::to_string).collect();
            assert_eq!(distinct.len(), axis.values.len(), "{}", axis.key);
        }
    }

    #[test]
    fn the_cross_product_has_every_combination_once_the_defaults_first() {
        let blueprint = fastapi();
        let axes = axes(&blueprint);
        let mut base = Answers::new();
        base.insert("name".into(), Value::String("svc".into()));
        let all = cross_product(&axes, &base);
        let expected: usize = axes.iter().map(|a| a.values.len()).product();
        assert_eq!(all.len(), expected);
        assert_eq!(u64::try_from(expected).unwrap(), total(&axes));
        let distinct: BTreeSet<String> = all.iter().map(|a| describe(&axes, a)).collect();
        assert_eq!(distinct.len(), all.len());
        assert!(changes(&axes, &all[0]).is_empty());
        assert!(all.iter().all(|a| a["name"] == Value::String("svc".into())));
    }

    #[test]
    fn a_restriction_keeps_only_the_keys_asked_for() {
        let blueprint = fastapi();
        let only = restricted(axes(&blueprint), &["ci", "docker", "absent"]);
        let keys: Vec<&str> = only.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["docker", "ci"]);
        assert_eq!(cross_product(&only, &Answers::new()).len(), 4);
        assert_eq!(cross_product(&[], &Answers::new()).len(), 1);
    }

    #[test]
    fn describe_names_every_axis_and_changes_only_those_off_their_default() {
        let axes = restricted(axes(&fastapi()), &["docker", "ci"]);
        let picks = vec![1, 0];
        let answers = answers(&axes, &Answers::new(), &picks);
        assert_eq!(describe(&axes, &answers), "docker=false ci=true");
        assert_eq!(changes(&axes, &answers), ["docker=false"]);
    }

    #[test]
    fn the_spread_selection_keeps_the_cap_covers_every_value_and_starts_with_the_defaults() {
        let axes = bools(10);
        let picks = spread(&axes, 256);
        assert_eq!(picks.len(), 256);
        assert_eq!(picks[0], vec![0; 10]);
        for axis in 0..10 {
            assert!(picks.iter().any(|p| p[axis] == 1), "o{axis}=false");
        }
        let distinct: BTreeSet<_> = picks.iter().collect();
        assert_eq!(distinct.len(), picks.len());
        assert_eq!(spread(&axes[..3], 256).len(), 8);
        assert_eq!(spread(&axes[..3], 8).len(), 8);
        assert_eq!(spread(&axes[..3], 5).len(), 5);
    }
}
