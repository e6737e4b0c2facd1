//! Blueprints from folders on disk (`--blueprints-dir DIR`, `GROUNDWORK_BLUEPRINTS`), in exactly
//! the embedded format. A folder holds one blueprint (`DIR/blueprint.toml`) or many
//! (`DIR/<id>/blueprint.toml`); a blueprint found on disk replaces an embedded one of the same id.
//!
//! A blueprint is data: its files are read, never run, and only when needed (the manifest when a
//! command needs the blueprint, the template when it is the one in use), each within a cap on its
//! size. Inside a blueprint folder a symbolic link, a hard link (a file that also has a name
//! elsewhere), a device, a pipe or a socket is refused, so that reading a blueprint never reaches
//! outside its folder.

use crate::blueprint::{Blueprint, Catalogue, Source, TemplateFile};
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The environment variable holding extra blueprint folders, a path list like `PATH`.
pub(crate) const ENV_VAR: &str = "GROUNDWORK_BLUEPRINTS";

/// A blueprint's manifest, and the file that marks a folder as a blueprint.
pub(crate) const MANIFEST: &str = "blueprint.toml";

/// The largest `blueprint.toml` or `profile.toml` read.
pub(crate) const MAX_MANIFEST_BYTES: u64 = 256 * 1024;
/// The largest template file read.
pub(crate) const MAX_TEMPLATE_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The most bytes one blueprint's template may hold in all.
pub(crate) const MAX_TEMPLATE_BYTES: u64 = 64 * 1024 * 1024;
/// The most files one blueprint's template may hold.
pub(crate) const MAX_TEMPLATE_FILES: usize = 10_000;

/// The folders to search, in order of precedence: each `--blueprints-dir` as given, then each
/// entry of `GROUNDWORK_BLUEPRINTS` (split like `PATH`; empty entries are skipped).
pub(crate) fn search_path(flags: &[PathBuf], env: Option<&OsStr>) -> Vec<PathBuf> {
    let mut folders = flags.to_vec();
    if let Some(list) = env {
        folders.extend(std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()));
    }
    folders
}

/// The embedded blueprints plus those of `folders`. The first folder that holds an id wins, and a
/// folder blueprint replaces the embedded one of the same id. Only the folders are listed here:
/// each blueprint is read when a command needs it.
pub(crate) fn catalogue(folders: &[PathBuf]) -> Result<Catalogue> {
    let mut catalogue = Catalogue::embedded()?;
    let mut found = BTreeSet::new();
    for dir in folders {
        for (id, blueprint_dir) in blueprint_folders(dir)? {
            if found.insert(id.clone()) {
                catalogue.insert_folder(id, &blueprint_dir);
            }
        }
    }
    Ok(catalogue)
}

/// The blueprint folders of one folder, each with the id it stands for (its name): the folder
/// itself when it holds `blueprint.toml`, else each subfolder that does (in name order).
pub(crate) fn blueprint_folders(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    ensure_folder(dir)?;
    if has_manifest(dir) {
        return Ok(vec![(folder_name(dir), dir.to_path_buf())]);
    }
    let subfolders = blueprint_subfolders(dir)?;
    if subfolders.is_empty() {
        return Err(folder_error(
            dir,
            format!("it holds no {MANIFEST}, and no subfolder holds one"),
        ));
    }
    Ok(subfolders
        .into_iter()
        .map(|sub| (folder_name(&sub), sub))
        .collect())
}

/// The subfolders of `dir` that hold a `blueprint.toml`, sorted by name.
pub(crate) fn blueprint_subfolders(dir: &Path) -> Result<Vec<PathBuf>> {
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
pub(crate) fn has_manifest(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MANIFEST)).is_ok()
}

/// Fails with a clear message unless `dir` is a folder that can be read.
pub(crate) fn ensure_folder(dir: &Path) -> Result<()> {
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

fn invalid(dir: &Path, message: String) -> Error {
    Error::InvalidBlueprint {
        path: dir.to_path_buf(),
        message,
    }
}

/// Loads the blueprint in `dir` (which holds `blueprint.toml`): its manifest and profile. The
/// template is read when the blueprint's files are first asked for ([`template`]).
pub(crate) fn load(dir: &Path) -> Result<Blueprint> {
    ensure_folder(dir)?;
    let mut problems = Vec::new();
    let manifest = read_text(dir, MANIFEST, &mut problems);
    let profile = read_text(dir, "profile.toml", &mut problems);
    if let Some(problem) = problems.into_iter().next() {
        return Err(invalid(dir, problem));
    }
    let Some(manifest) = manifest else {
        return Err(invalid(dir, format!("{MANIFEST} is missing")));
    };
    Blueprint::parse(
        &folder_name(dir),
        &manifest,
        profile,
        Source::Folder(dir.to_path_buf()),
    )
    .map_err(|e| match e {
        Error::Manifest { message, .. } => invalid(dir, message),
        other => other,
    })
}

/// The template files of the blueprint in `dir`; the first problem with one is the error.
pub(crate) fn template(dir: &Path) -> Result<Vec<TemplateFile>> {
    let mut problems = Vec::new();
    let files = read_template(dir, &mut problems);
    match problems.into_iter().next() {
        Some(problem) => Err(invalid(dir, problem)),
        None => Ok(files),
    }
}

/// A blueprint folder as read from disk, before its manifest is checked.
#[derive(Debug)]
pub(crate) struct Parts {
    /// The folder's own name, which must equal the manifest's id.
    pub folder_name: String,
    pub manifest: Option<String>,
    pub profile: Option<String>,
    pub files: Vec<TemplateFile>,
}

/// Reads a blueprint folder. An unreadable folder is an error; a file that cannot be used (a
/// symbolic link, text that is not UTF-8, a file over its cap, ...) is a problem, returned as a
/// message naming the file relative to the folder, and left out.
pub(crate) fn read(dir: &Path) -> Result<(Parts, Vec<String>)> {
    ensure_folder(dir)?;
    let mut problems = Vec::new();
    let manifest = read_text(dir, MANIFEST, &mut problems);
    if manifest.is_none() && problems.is_empty() {
        problems.push(format!("{MANIFEST} is missing"));
    }
    let profile = read_text(dir, "profile.toml", &mut problems);
    let files = read_template(dir, &mut problems);
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

/// The files of `dir/template`, sorted by path, within the caps.
fn read_template(dir: &Path, problems: &mut Vec<String>) -> Vec<TemplateFile> {
    let mut template = Template::default();
    let root = dir.join("template");
    match fs::symlink_metadata(&root) {
        Ok(meta) if meta.is_dir() => template.walk(&root, "", problems),
        Ok(meta) => problems.push(unusable("template", &meta)),
        Err(_) => {}
    }
    template.files.sort_by(|a, b| a.path.cmp(&b.path));
    template.files
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
    if let Some(problem) = refusal(name, &meta, MAX_MANIFEST_BYTES, "a manifest or profile") {
        problems.push(problem);
        return None;
    }
    match read_capped(&path, MAX_MANIFEST_BYTES) {
        Ok(Some(bytes)) => {
            if let Ok(text) = String::from_utf8(bytes) {
                Some(text)
            } else {
                problems.push(format!("{name} is not UTF-8 text"));
                None
            }
        }
        Ok(None) => {
            problems.push(over_cap(
                name,
                None,
                MAX_MANIFEST_BYTES,
                "a manifest or profile",
            ));
            None
        }
        Err(e) => {
            problems.push(format!("{name}: cannot read it: {e}"));
            None
        }
    }
}

/// Why a folder entry may not be read, if it may not: it is not a plain file, it has another
/// name outside the blueprint (a hard link), or it is over `cap` bytes (`what` names the cap).
fn refusal(shown: &str, meta: &fs::Metadata, cap: u64, what: &str) -> Option<String> {
    if !meta.is_file() {
        return Some(unusable(shown, meta));
    }
    let links = link_count(meta);
    if links > 1 {
        return Some(format!(
            "{shown} is a hard link (the file has {links} names); a blueprint is data and may not share a file with anything outside its folder (put a copy of the file there)"
        ));
    }
    (meta.len() > cap).then(|| over_cap(shown, Some(meta.len()), cap, what))
}

fn over_cap(shown: &str, size: Option<u64>, cap: u64, what: &str) -> String {
    let how = match size {
        Some(size) => format!("is {size} bytes ({}), over", human(size)),
        None => "grew while it was read, past".to_string(),
    };
    format!("{shown} {how} the cap of {} for {what}", human(cap))
}

/// A size in the largest binary unit that keeps it at least 1, with one decimal when not whole.
#[expect(
    clippy::cast_precision_loss,
    reason = "shown to one decimal place; an f64 is exact far beyond that"
)]
fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut unit = 0;
    let mut scale = 1u64;
    while unit + 1 < UNITS.len() && bytes >= scale * 1024 {
        scale *= 1024;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else if bytes % scale == 0 {
        format!("{} {}", bytes / scale, UNITS[unit])
    } else {
        format!("{:.1} {}", bytes as f64 / scale as f64, UNITS[unit])
    }
}

/// Reads at most `cap` bytes of `path`: `None` when the file holds more (it may have grown since
/// it was looked at), so that no file is ever read past its cap.
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut contents = Vec::new();
    fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut contents)?;
    Ok((contents.len() as u64 <= cap).then_some(contents))
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

/// What the cap on one template file is called, with the way out.
const TEMPLATE_FILE: &str =
    "one template file (a blueprint holds source files: leave large files out)";

/// A template being read: its files so far, and what they hold in all.
#[derive(Default)]
struct Template {
    files: Vec<TemplateFile>,
    bytes: u64,
    /// Set when a cap on the whole template is reached: nothing more is read.
    full: bool,
}

impl Template {
    /// Collects the files below `dir` (the template folder, or one of its subfolders at `prefix`).
    fn walk(&mut self, dir: &Path, prefix: &str, problems: &mut Vec<String>) {
        let shown_dir = format!("template/{prefix}");
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(format!("{shown_dir}: cannot read it: {e}"));
                return;
            }
        };
        let mut entries: Vec<_> = entries.filter_map(std::result::Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            if self.full {
                return;
            }
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
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => self.walk(&path, &format!("{relative}/"), problems),
                Ok(meta) => self.add(&path, relative, &meta, problems),
                Err(e) => problems.push(format!("{shown}: cannot read it: {e}")),
            }
        }
    }

    /// Reads one template file unless it, or the template with it, would pass a cap.
    fn add(
        &mut self,
        path: &Path,
        relative: String,
        meta: &fs::Metadata,
        problems: &mut Vec<String>,
    ) {
        let shown = format!("template/{relative}");
        let refused = refusal(&shown, meta, MAX_TEMPLATE_FILE_BYTES, TEMPLATE_FILE);
        if let Some(problem) = refused {
            problems.push(problem);
            return;
        }
        if self.files.len() == MAX_TEMPLATE_FILES {
            problems.push(format!(
                "{shown} is one file too many: a template may hold at most {MAX_TEMPLATE_FILES} files"
            ));
            self.full = true;
            return;
        }
        if self.bytes + meta.len() > MAX_TEMPLATE_BYTES {
            problems.push(format!(
                "{shown} ({} bytes) takes the template over the cap of {} for all its files together",
                meta.len(),
                human(MAX_TEMPLATE_BYTES)
            ));
            self.full = true;
            return;
        }
        match read_capped(path, MAX_TEMPLATE_FILE_BYTES) {
            Ok(Some(contents)) => {
                self.bytes += contents.len() as u64;
                self.files.push(TemplateFile {
                    path: relative,
                    contents: Cow::Owned(contents),
                    executable: is_executable(meta),
                });
            }
            Ok(None) => problems.push(over_cap(
                &shown,
                None,
                MAX_TEMPLATE_FILE_BYTES,
                TEMPLATE_FILE,
            )),
            Err(e) => problems.push(format!("{shown}: cannot read it: {e}")),
        }
    }
}

#[cfg(unix)]
fn link_count(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_meta: &fs::Metadata) -> u64 {
    1
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
    fn sizes_read_in_the_largest_whole_unit() {
        assert_eq!(human(512), "512 bytes");
        assert_eq!(human(8 * 1024 * 1024), "8 MiB");
        assert_eq!(human(1536), "1.5 KiB");
        assert_eq!(human(1 << 30), "1 GiB");
    }

    #[test]
    fn the_folder_name_of_dot_is_the_current_folder() {
        let here = std::env::current_dir().unwrap();
        let expected = here.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(folder_name(Path::new(".")), expected);
    }
}
