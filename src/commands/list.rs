//! `groundwork list`: every blueprint with its proof level, in a table that fits the terminal.

use super::{print, to_json, visible};
use crate::blueprint::{Blueprint, Catalogue, Source, is_embedded};
use crate::cli::ListArgs;
use crate::error::Result;
use serde::Serialize;
use std::io::IsTerminal;

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

pub(crate) fn run(args: &ListArgs, catalogue: &Catalogue) -> Result<()> {
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
    let mut out = table(&entries, output_width());
    out.push_str(&folder_note(&blueprints));
    print(&out)
}

/// Under the table, where each blueprint from a folder comes from.
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
        out.push_str(&format!("  {id:id_w$}  {}{replaces}\n", path.display()));
    }
    out
}

/// How wide the table may be: `None` for a pipe, which gets every description whole on its line.
fn output_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    if columns.is_some() {
        return columns;
    }
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    Some(terminal_size::terminal_size_of(&stdout).map_or(DEFAULT_WIDTH, |(w, _)| usize::from(w.0)))
}

/// The width of a terminal that does not say its size.
const DEFAULT_WIDTH: usize = 80;

/// The narrowest description column worth keeping beside the others; below it, each description
/// goes on the lines under its row.
const MIN_DESCRIPTION_WIDTH: usize = 24;

/// An aligned table. Within a width, a description wraps in its column (or under its row when
/// the column would be too narrow), so nothing is cut; without one, it stays on its line.
fn table(entries: &[Entry], width: Option<usize>) -> String {
    let column_width = |title: &str, column: &dyn Fn(&Entry) -> String| {
        entries
            .iter()
            .map(|e| column(e).chars().count())
            .chain([title.len()])
            .max()
            .unwrap_or(0)
    };
    let id_w = column_width("ID", &|e| e.id.to_string());
    let name_w = column_width("FRAMEWORK", &|e| e.name.to_string());
    let lang_w = column_width("LANGUAGE", &|e| e.language.to_string());
    let proof_w = column_width("PROOF", &|e| e.proof.short().to_string());
    let row = |id: &str, name: &str, language: &str, proof: &str| {
        format!("{id:id_w$}  {name:name_w$}  {language:lang_w$}  {proof:proof_w$}  ")
    };
    let indent = id_w + name_w + lang_w + proof_w + 8;
    let layout = match width {
        None => Layout::OneLine,
        Some(w) if w >= indent + MIN_DESCRIPTION_WIDTH => Layout::Column(w - indent),
        Some(w) => Layout::Below(w.saturating_sub(UNDER_INDENT).max(1)),
    };
    let heading = match layout {
        Layout::Below(_) => row("ID", "FRAMEWORK", "LANGUAGE", "PROOF"),
        _ => row("ID", "FRAMEWORK", "LANGUAGE", "PROOF") + "DESCRIPTION",
    };
    let mut out = format!("{}\n", heading.trim_end());
    for e in entries {
        let start = row(e.id, e.name, e.language, e.proof.short());
        match layout {
            Layout::OneLine => push_line(&mut out, &format!("{start}{}", e.description)),
            Layout::Column(w) => {
                for (i, line) in wrap(e.description, w).iter().enumerate() {
                    let lead = if i == 0 {
                        start.clone()
                    } else {
                        " ".repeat(indent)
                    };
                    push_line(&mut out, &format!("{lead}{line}"));
                }
            }
            Layout::Below(w) => {
                push_line(&mut out, &start);
                for line in wrap(e.description, w) {
                    push_line(&mut out, &format!("{}{line}", " ".repeat(UNDER_INDENT)));
                }
            }
        }
    }
    out
}

/// Where a description goes.
#[derive(Clone, Copy)]
enum Layout {
    /// Whole, at the end of its row.
    OneLine,
    /// Wrapped in its column, this many characters wide.
    Column(usize),
    /// On the lines under its row, indented, wrapped to this width.
    Below(usize),
}

/// How far a description under its row is indented.
const UNDER_INDENT: usize = 4;

/// A blueprint from a folder wrote these texts, so they are shown [`visible`].
fn push_line(out: &mut String, line: &str) {
    out.push_str(&visible(line.trim_end()));
    out.push('\n');
}

/// Splits text into lines of at most `width` characters at spaces (a longer word gets a line of
/// its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let text = "Koa 3 JSON API with @koa/router and JSON errors";
        let lines = wrap(text, 12);
        assert_eq!(
            lines,
            [
                "Koa 3 JSON",
                "API with",
                "@koa/router",
                "and JSON",
                "errors"
            ]
        );
        assert_eq!(wrap(text, 200), [text]);
        assert_eq!(wrap("averylongword b", 4), ["averylongword", "b"]);
    }
}
