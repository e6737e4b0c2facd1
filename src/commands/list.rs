//! `groundwork list`: every blueprint, one line each.

use super::{fit, print, to_json, visible};
use crate::blueprint::{Blueprint, Catalogue, Source, is_embedded};
use crate::cli::ListArgs;
use crate::error::Result;
use serde::Serialize;

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    name: &'a str,
    language: &'a str,
    description: &'a str,
    version: &'a str,
    proof: crate::blueprint::Proof,
    source: String,
}

pub fn run(args: &ListArgs, catalogue: &Catalogue) -> Result<()> {
    let blueprints = catalogue.blueprints()?;
    let entries: Vec<Entry> = blueprints
        .iter()
        .map(|b| Entry {
            id: &b.manifest.id,
            name: &b.manifest.name,
            language: &b.manifest.language,
            description: &b.manifest.description,
            version: &b.manifest.version,
            proof: b.manifest.proof,
            source: b.source.to_string(),
        })
        .collect();
    if args.json {
        return print(&to_json(&entries));
    }
    let mut out = table(&entries);
    out.push_str(&folder_note(&blueprints));
    print(&out)
}

/// Under the table, where each blueprint from a folder comes from (the table stays 80 columns).
fn folder_note(blueprints: &[&Blueprint]) -> String {
    let from_folders: Vec<(&str, &std::path::Path)> = blueprints
        .iter()
        .filter_map(|b| match &b.source {
            Source::Folder(path) => Some((b.id(), path.as_path())),
            Source::Embedded => None,
        })
        .collect();
    if from_folders.is_empty() {
        return String::new();
    }
    let id_w = from_folders
        .iter()
        .map(|(id, _)| id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::from("\nFrom folders:\n");
    for (id, path) in from_folders {
        let replaces = if is_embedded(id) {
            " (replaces the embedded one)"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {:id_w$}  {}{replaces}\n",
            visible(id),
            visible(&path.display().to_string())
        ));
    }
    out
}

/// An aligned table that fits 80 columns: the description takes what the other columns leave.
/// A blueprint from a folder wrote these texts, so they are shown [`visible`].
fn table(entries: &[Entry]) -> String {
    let rows: Vec<[std::borrow::Cow<str>; 4]> = entries
        .iter()
        .map(|e| {
            [
                visible(e.id),
                visible(e.name),
                visible(e.language),
                visible(e.description),
            ]
        })
        .collect();
    let width = |title: &str, column: usize| {
        rows.iter()
            .map(|r| r[column].chars().count())
            .chain([title.len()])
            .max()
            .unwrap_or(0)
    };
    let id_w = width("ID", 0);
    let name_w = width("FRAMEWORK", 1);
    let lang_w = width("LANGUAGE", 2);
    let description_w = 80usize.saturating_sub(id_w + name_w + lang_w + 6).max(20);
    let mut out = format!(
        "{:id_w$}  {:name_w$}  {:lang_w$}  DESCRIPTION\n",
        "ID", "FRAMEWORK", "LANGUAGE"
    );
    for [id, name, language, description] in &rows {
        let line = format!(
            "{id:id_w$}  {name:name_w$}  {language:lang_w$}  {}",
            fit(description, description_w)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
