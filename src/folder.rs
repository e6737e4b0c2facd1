//! Blueprints from folders on disk (`--blueprints-dir DIR`, `GROUNDWORK_BLUEPRINTS`), in exactly
//! the embedded format. A folder holds one blueprint (`DIR/blueprint.toml`) or many
//! (`DIR/<id>/blueprint.toml`); a blueprint found on disk replaces an embedded one of the same id.
//!
//! A blueprint is data: its files are read, never run. Inside a blueprint folder a symbolic link
//! (or a device, a pipe, a socket) is refused, so that reading a blueprint never reaches outside
//! its folder.

use crate::blueprint::{Blueprint, Catalogue, Source, TemplateFile};
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The environment variable holding extra blueprint folders, a path list like `PATH`.
pub const ENV_VAR: &str = "GROUNDWORK_BLUEPRINTS";

/// A blueprint's manifest, and the file that marks a folder as a blueprint.
pub const MANIFEST: &str = "blueprint.toml";

/// The folders to search, in order of precedence: each `--blueprints-dir` as given, then each
/// entry of `GROUNDWORK_BLUEPRINTS` (split like `PATH`; empty entries are skipped).
pub fn search_path(flags: &[PathBuf], env: Option<&OsStr>) -> Vec<PathBuf> {
    let mut folders = flags.to_vec();
    if let Some(list) = env {
        folders.extend(std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()));
    }
    folders
}

/// The embedded blueprints plus those of `folders`. The first folder that holds an id wins, and a
/// folder blueprint replaces the embedded one of the same id.
pub fn catalogue(folders: &[PathBuf]) -> Result<Catalogue> {
    let mut catalogue = Catalogue::embedded()?;
    let mut found = BTreeSet::new();
    for dir in folders {
        for blueprint in load_dir(dir)? {
            if found.insert(blueprint.id().to_string()) {
                catalogue.blueprints.retain(|b| b.id() != blueprint.id());
                catalogue.blueprints.push(blueprint);
            }
        }
    }
    catalogue
        .blueprints
        .sort_by(|a, b| a.manifest.id.cmp(&b.manifest.id));
    Ok(catalogue)
}

/// Every blueprint of one folder: the folder itself when it holds `blueprint.toml`, else each
/// subfolder that does (in name order).
pub fn load_dir(dir: &Path) -> Result<Vec<Blueprint>> {
    ensure_folder(dir)?;
    if has_manifest(dir) {
        return Ok(vec![load(dir)?]);
    }
    let blueprints = blueprint_subfolders(dir)?
        .iter()
        .map(|sub| load(sub))
        .collect::<Result<Vec<_>>>()?;
    if blueprints.is_empty() {
        return Err(folder_error(
            dir,
            format!("it holds no {MANIFEST}, and no subfolder holds one"),
        ));
    }
    Ok(blueprints)
}

/// The subfolders of `dir` that hold a `blueprint.toml`, sorted by name.
pub fn blueprint_subfolders(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|e| folder_error(dir, e.to_string()))?;
    let mut subfolders = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| folder_error(dir, e.to_string()))?.path();
        if path.is_dir() && has_manifest(&path) {
            subfolders.push(path);
        }
    }
    subfolders.sort();
    Ok(subfolders)
}

/// Whether `dir` holds a `blueprint.toml` (of any kind: a link there is refused later, by name).
pub fn has_manifest(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MANIFEST)).is_ok()
}

/// Fails with a clear message unless `dir` is a folder that can be read.
pub fn ensure_folder(dir: &Path) -> Result<()> {
    match fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(folder_error(dir, "it does not exist".into()))
        }
        Err(e) => Err(folder_error(dir, e.to_string())),
        Ok(meta) if !meta.is_dir() => Err(folder_error(dir, "it is not a folder".into())),
        Ok(_) => fs::read_dir(dir)
            .map(|_| ())
            .map_err(|e| folder_error(dir, e.to_string())),
    }
}

fn folder_error(dir: &Path, message: String) -> Error {
    Error::BlueprintFolder {
        path: dir.to_path_buf(),
        message,
    }
}

/// Loads the blueprint in `dir` (which holds `blueprint.toml`).
pub fn load(dir: &Path) -> Result<Blueprint> {
    let (parts, problems) = read(dir)?;
    let invalid = |message: String| Error::InvalidBlueprint {
        path: dir.to_path_buf(),
        message,
    };
    if let Some(problem) = problems.into_iter().next() {
        return Err(invalid(problem));
    }
    let Some(manifest) = parts.manifest else {
        return Err(invalid(format!("{MANIFEST} is missing")));
    };
    Blueprint::new(
        &parts.folder_name,
        &manifest,
        parts.files,
        parts.profile,
        Source::Folder(dir.to_path_buf()),
    )
    .map_err(|e| match e {
        Error::Manifest { message, .. } => invalid(message),
        other => other,
    })
}

/// A blueprint folder as read from disk, before its manifest is checked.
#[derive(Debug)]
pub struct Parts {
    /// The folder's own name, which must equal the manifest's id.
    pub folder_name: String,
    pub manifest: Option<String>,
    pub profile: Option<String>,
    pub files: Vec<TemplateFile>,
}

/// Reads a blueprint folder. An unreadable folder is an error; a file that cannot be used (a
/// symbolic link, text that is not UTF-8, ...) is a problem, returned as a message naming the file
/// relative to the folder, and left out.
pub fn read(dir: &Path) -> Result<(Parts, Vec<String>)> {
    ensure_folder(dir)?;
    let mut problems = Vec::new();
    let manifest = read_text(dir, MANIFEST, &mut problems);
    if manifest.is_none() && problems.is_empty() {
        problems.push(format!("{MANIFEST} is missing"));
    }
    let profile = read_text(dir, "profile.toml", &mut problems);
    let mut files = Vec::new();
    let template = dir.join("template");
    match fs::symlink_metadata(&template) {
        Ok(meta) if meta.is_dir() => walk(&template, "", &mut files, &mut problems),
        Ok(meta) => problems.push(unusable("template", &meta)),
        Err(_) => {}
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((
        Parts {
            folder_name: folder_name(dir),
            manifest,
            profile,
            files,
        },
        problems,
    ))
}

/// The folder's name, also for `.` and paths ending in `..`.
fn folder_name(dir: &Path) -> String {
    let name = dir.file_name().map(OsStr::to_os_string).or_else(|| {
        fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(OsStr::to_os_string))
    });
    name.map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads an optional UTF-8 file at the top of the blueprint folder.
fn read_text(dir: &Path, name: &str, problems: &mut Vec<String>) -> Option<String> {
    let path = dir.join(name);
    let meta = fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() {
        problems.push(unusable(name, &meta));
        return None;
    }
    match fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                problems.push(format!("{name} is not UTF-8 text"));
                None
            }
        },
        Err(e) => {
            problems.push(format!("{name}: cannot read it: {e}"));
            None
        }
    }
}

/// Why a folder entry that is not a plain file or folder is refused.
fn unusable(shown: &str, meta: &fs::Metadata) -> String {
    if meta.file_type().is_symlink() {
        format!(
            "{shown} is a symbolic link; a blueprint is data and may not point outside its folder (put the file itself there)"
        )
    } else if meta.is_dir() {
        format!("{shown} is a folder, not a file")
    } else {
        format!("{shown} is not a regular file or folder")
    }
}

/// Collects the files below `dir` (the template folder, or one of its subfolders at `prefix`).
fn walk(dir: &Path, prefix: &str, files: &mut Vec<TemplateFile>, problems: &mut Vec<String>) {
    let shown_dir = format!("template/{prefix}");
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("{shown_dir}: cannot read it: {e}"));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(format!(
                "{shown_dir}{}: the file name is not UTF-8",
                entry.file_name().to_string_lossy()
            ));
            continue;
        };
        let relative = format!("{prefix}{name}");
        let shown = format!("template/{relative}");
        let path = entry.path();
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                problems.push(format!("{shown}: cannot read it: {e}"));
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, &format!("{relative}/"), files, problems);
        } else if meta.is_file() {
            match fs::read(&path) {
                Ok(contents) => files.push(TemplateFile {
                    path: relative,
                    contents: Cow::Owned(contents),
                    executable: is_executable(&meta),
                }),
                Err(e) => problems.push(format!("{shown}: cannot read it: {e}")),
            }
        } else {
            problems.push(unusable(&shown, &meta));
        }
    }
}

#[cfg(unix)]
fn is_executable(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_path_puts_flags_first_and_skips_empty_entries() {
        let env = std::env::join_paths(["/a", "", "/b"]).unwrap();
        assert_eq!(
            search_path(&[PathBuf::from("x")], Some(&env)),
            vec![PathBuf::from("x"), PathBuf::from("/a"), PathBuf::from("/b")]
        );
        assert!(search_path(&[], Some(OsStr::new(""))).is_empty());
    }

    #[test]
    fn the_folder_name_of_dot_is_the_current_folder() {
        let here = std::env::current_dir().unwrap();
        let expected = here.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(folder_name(Path::new(".")), expected);
    }
}
