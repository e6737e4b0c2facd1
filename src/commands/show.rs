//! `groundwork show ID`: what a blueprint asks, writes and runs.

use super::{print, to_json, visible};
use crate::blueprint::{Blueprint, Catalogue};
use crate::error::Result;
use crate::render::TEMPLATE_SUFFIX;
use serde::Serialize;

#[derive(Serialize)]
struct Shown<'a> {
    id: &'a str,
    name: &'a str,
    language: &'a str,
    description: &'a str,
    version: &'a str,
    proof: crate::blueprint::Proof,
    proof_note: &'a str,
    source: String,
    aliases: &'a [String],
    options: Vec<ShownOption<'a>>,
    commands: &'a crate::blueprint::Commands,
    files: Vec<ShownFile>,
}

#[derive(Serialize)]
struct ShownOption<'a> {
    key: &'a str,
    #[serde(rename = "type")]
    kind: String,
    default: serde_json::Value,
    help: &'a str,
    rule: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    choices: &'a [String],
}

#[derive(Serialize)]
struct ShownFile {
    path: String,
    rendered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<String>,
}

pub(crate) fn run(args: &crate::cli::ShowArgs, catalogue: &Catalogue) -> Result<()> {
    let blueprint = catalogue.find(&args.framework)?;
    let shown = describe(blueprint)?;
    if args.json {
        return print(&to_json(&shown));
    }
    print(&text(&shown))
}

fn describe(blueprint: &Blueprint) -> Result<Shown<'_>> {
    let m = &blueprint.manifest;
    let options = m
        .options
        .iter()
        .map(|o| ShownOption {
            key: &o.key,
            kind: o.kind.to_string(),
            default: o
                .default_value()
                .map_or(serde_json::Value::Null, |v| v.to_json()),
            help: &o.help,
            rule: o.rule(),
            choices: &o.choices,
        })
        .collect();
    let files = blueprint
        .files()?
        .iter()
        .map(|f| {
            let (path, rendered) = match f.path.strip_suffix(TEMPLATE_SUFFIX) {
                Some(p) => (p.to_string(), true),
                None => (f.path.clone(), false),
            };
            let when = m
                .files
                .iter()
                .find(|rule| {
                    let base = rule.path.trim_end_matches('/');
                    path == base || path.starts_with(&format!("{base}/"))
                })
                .map(|rule| rule.when.clone());
            ShownFile {
                path,
                rendered,
                when,
            }
        })
        .collect();
    Ok(Shown {
        id: &m.id,
        name: &m.name,
        language: &m.language,
        description: &m.description,
        version: &m.version,
        proof: m.proof,
        proof_note: &m.proof_note,
        source: blueprint.source.to_string(),
        aliases: &m.aliases,
        options,
        commands: &m.commands,
        files,
    })
}

/// The blueprint as text; every text from its manifest is shown [`visible`].
fn text(s: &Shown) -> String {
    let mut out = format!(
        "{} ({}) {}, {}\n{}\nProven: {}.{}\n",
        visible(s.name),
        visible(s.id),
        visible(s.version),
        visible(s.language),
        visible(s.description),
        s.proof,
        if s.proof_note.is_empty() {
            String::new()
        } else {
            format!(" {}", visible(s.proof_note))
        }
    );
    if !s.aliases.is_empty() {
        let aliases: Vec<_> = s.aliases.iter().map(|a| visible(a)).collect();
        out.push_str(&format!("Also known as: {}\n", aliases.join(", ")));
    }
    if s.source != "embedded" {
        out.push_str(&format!("From the folder: {}\n", visible(&s.source)));
    }
    out.push_str("\nOptions (--set KEY=VALUE):\n");
    let key_w = s
        .options
        .iter()
        .map(|o| visible(o.key).chars().count())
        .max()
        .unwrap_or(0);
    for o in &s.options {
        let default = match &o.default {
            serde_json::Value::String(v) => v.clone(),
            other => other.to_string(),
        };
        out.push_str(&format!(
            "  {:key_w$}  {}. Default: {}. Accepts {}.\n",
            visible(o.key),
            visible(o.help),
            visible(&default),
            visible(&o.rule)
        ));
    }
    out.push_str("\nCommands (run in the generated folder):\n");
    for (label, command) in s.commands.labelled() {
        out.push_str(&format!("  {label:<8} {}\n", visible(command)));
    }
    out.push_str("\nFiles:\n");
    for f in &s.files {
        match &f.when {
            Some(when) => out.push_str(&format!(
                "  {}  (when {})\n",
                visible(&f.path),
                visible(when)
            )),
            None => out.push_str(&format!("  {}\n", visible(&f.path))),
        }
    }
    out
}
