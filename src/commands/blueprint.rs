//! `groundwork blueprint check DIR` and `groundwork blueprint new NAME`: for authors of their own
//! blueprints, which live in folders in exactly the embedded format.

use super::{print, say, to_json};
use crate::check::{self, Report};
use crate::cli::{BlueprintCheckArgs, BlueprintCommand, BlueprintNewArgs};
use crate::error::{Error, Result};
use crate::folder;
use crate::render::PlannedFile;
use crate::write;
use std::path::Path;

pub(crate) fn run(command: &BlueprintCommand) -> Result<()> {
    match command {
        BlueprintCommand::Check(args) => run_check(args),
        BlueprintCommand::New(args) => run_new(args),
    }
}

fn run_check(args: &BlueprintCheckArgs) -> Result<()> {
    folder::ensure_folder(&args.dir)?;
    if !folder::has_manifest(&args.dir) {
        let subfolders = folder::blueprint_subfolders(&args.dir)?;
        let mut message = format!("it holds no {}", folder::MANIFEST);
        if let Some(first) = subfolders.first() {
            message.push_str(&format!(
                "; its subfolders hold blueprints: check one at a time, e.g. `groundwork blueprint check {}`",
                first.display()
            ));
        }
        return Err(Error::BlueprintFolder {
            path: args.dir.clone(),
            message,
        });
    }
    let report = check::check_folder(&args.dir)?;
    if args.json {
        print(&to_json(&report))?;
    } else {
        print(&text(&report, &args.dir))?;
    }
    if report.ok {
        Ok(())
    } else {
        Err(Error::CheckFailed {
            blueprint: report.blueprint,
            problems: report.problems.len(),
        })
    }
}

/// The report as text: what was rendered, then one line per problem and warning.
fn text(report: &Report, dir: &Path) -> String {
    let rendered = match report.combinations {
        0 => "it could not be rendered".to_string(),
        n if (n as u64) < report.total_combinations => format!(
            "rendered {n} of its {} option combinations (the check stops at {})",
            report.total_combinations,
            check::MAX_COMBINATIONS
        ),
        1 => "rendered it with its defaults".to_string(),
        n => format!("rendered all {n} combinations of its bool and choice options"),
    };
    let mut out = format!(
        "Checked blueprint `{}` in {}: {rendered}.\n",
        crate::text::visible(&report.blueprint),
        crate::text::visible(&dir.display().to_string())
    );
    for (label, items) in [("problem", &report.problems), ("warning", &report.warnings)] {
        for item in items {
            let item = crate::text::visible_lines(item);
            out.push_str(&format!("{label}: {}\n", item.replace('\n', "\n  ")));
        }
    }
    if report.ok {
        out.push_str(&match report.warnings.len() {
            0 => "ok: no problems\n".to_string(),
            1 => "ok: no problems, 1 warning\n".to_string(),
            n => format!("ok: no problems, {n} warnings\n"),
        });
    }
    out
}

/// The starter blueprint: `(path in the new folder, contents)`. `{{id}}` and
/// `{{name}}` in its manifest are replaced; every other file is written as it is.
const SKELETON: &[(&str, &str)] = &[
    ("blueprint.toml", include_str!("../skeleton/blueprint.toml")),
    (
        "template/.dockerignore",
        include_str!("../skeleton/template/.dockerignore"),
    ),
    (
        "template/.editorconfig",
        include_str!("../skeleton/template/.editorconfig"),
    ),
    (
        "template/.env.example.hbs",
        include_str!("../skeleton/template/.env.example.hbs"),
    ),
    (
        "template/.github/workflows/ci.yml",
        include_str!("../skeleton/template/.github/workflows/ci.yml"),
    ),
    (
        "template/.gitignore.hbs",
        include_str!("../skeleton/template/.gitignore.hbs"),
    ),
    (
        "template/Dockerfile.hbs",
        include_str!("../skeleton/template/Dockerfile.hbs"),
    ),
    (
        "template/README.md.hbs",
        include_str!("../skeleton/template/README.md.hbs"),
    ),
    (
        "template/server.py.hbs",
        include_str!("../skeleton/template/server.py.hbs"),
    ),
    (
        "template/test_server.py",
        include_str!("../skeleton/template/test_server.py"),
    ),
];

fn run_new(args: &BlueprintNewArgs) -> Result<()> {
    let target = &args.name;
    let refuse = |message: String| Error::BlueprintFolder {
        path: target.clone(),
        message,
    };
    let id = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(refuse(
            "its name is the blueprint's id, so it must use only a-z, 0-9 and -".into(),
        ));
    }
    if let Ok(meta) = std::fs::metadata(target) {
        if !meta.is_dir() {
            return Err(refuse("it exists and is not a folder".into()));
        }
        let mut entries =
            std::fs::read_dir(target).map_err(|e| Error::io("read", target.as_path(), e))?;
        if entries.next().is_some() {
            return Err(refuse(
                "it exists and is not empty; choose a new name".into(),
            ));
        }
    }
    let files: Vec<PlannedFile> = SKELETON
        .iter()
        .map(|(path, contents)| {
            let contents = if *path == folder::MANIFEST {
                contents
                    .replace("{{id}}", &id)
                    .replace("{{name}}", &display_name(&id))
            } else {
                contents.to_string()
            };
            PlannedFile::plain(*path, contents.into_bytes())
        })
        .collect();
    let state = write::inspect(target, false)?;
    write::apply(&files, target, state, |_| ())?;
    let dir = super::shell_quote(&target.display().to_string());
    say(&format!(
        "Created blueprint `{id}` in {} ({} files).\n\nNext steps:\n  groundwork blueprint check {dir}\n  groundwork new my-service --framework {id} --blueprints-dir {dir}\n",
        target.display(),
        files.len()
    ));
    Ok(())
}

/// `acme-api` gives `Acme Api`.
fn display_name(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_are_title_case() {
        assert_eq!(display_name("acme-api"), "Acme Api");
        assert_eq!(display_name("x"), "X");
    }
}
