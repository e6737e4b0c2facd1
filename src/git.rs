//! git: a new repository on the user's default branch and one first commit holding exactly the
//! plan. The commit's blobs are written from the plan in memory and the index from the same
//! entries, so the commit is what was planned (never a file of the user's that was already in the
//! folder) and `git status` is clean. No network features: groundwork never talks to a remote.

pub(crate) mod base;
mod objects;

use crate::error::{Error, Result};
use crate::render::PlannedFile;
use git2::{
    Config, FileMode, IndexEntry, IndexTime, ObjectType, Oid, Repository, RepositoryInitOptions,
    Signature, Time,
};
use objects::{PackWriter, TreeBuilder};
use std::collections::BTreeSet;
use std::path::Path;

/// What the git step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Committed {
        branch: String,
        commit: String,
        /// True when no identity was configured and the commit was made as groundwork.
        fallback_identity: bool,
        /// An `init.defaultBranch` that git would refuse as a branch name, with the reason; the
        /// branch is then `main`.
        refused_branch: Option<(String, &'static str)>,
        /// What was in the folder before and is not in the commit (with `--force`), as `git
        /// status` names it: a folder holding none of the plan's files as `name/`, sorted.
        untracked: Vec<String>,
    },
    /// The target lies inside an existing work tree, which is left alone (as `cargo new` does).
    InsideWorkTree { root: String },
}

/// The author git would record, for the templates' author fields.
pub(crate) fn configured_identity() -> (Option<String>, Option<String>) {
    identity(Config::open_default().ok().as_ref(), Role::Author)
}

/// Whose identity a commit records.
#[derive(Debug, Clone, Copy)]
enum Role {
    Author,
    Committer,
}

/// The name and email git uses for `role`, in git's order: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`
/// (or `GIT_COMMITTER_...`), then `author.name`/`author.email` (or `committer.*`) and
/// `user.name`/`user.email` of the configuration, then `EMAIL` for the email. Blank values count
/// as unset.
fn identity(config: Option<&Config>, role: Role) -> (Option<String>, Option<String>) {
    let (variable, section) = match role {
        Role::Author => ("GIT_AUTHOR", "author"),
        Role::Committer => ("GIT_COMMITTER", "committer"),
    };
    let present = |v: String| (!v.trim().is_empty()).then_some(v);
    let from_env = |name: &str| std::env::var(name).ok().and_then(present);
    let from_config = |key: &str| {
        config
            .and_then(|c| c.get_string(key).ok())
            .and_then(present)
    };
    let field = |field: &str| {
        from_env(&format!("{variable}_{}", field.to_ascii_uppercase()))
            .or_else(|| from_config(&format!("{section}.{field}")))
            .or_else(|| from_config(&format!("user.{field}")))
    };
    let name = field("name");
    let email = field("email").or_else(|| from_env("EMAIL"));
    (name, email)
}

/// The branch of a new repository: `init.defaultBranch` when git accepts it as a branch name,
/// else `main` (with the refused name and why, when one was set).
fn default_branch(config: &Config) -> (String, Option<(String, &'static str)>) {
    let configured = config
        .get_string("init.defaultBranch")
        .ok()
        .filter(|b| !b.trim().is_empty());
    match configured {
        None => ("main".into(), None),
        Some(name) => match branch_name_problem(&name) {
            None => (name, None),
            Some(problem) => ("main".into(), Some((name, problem))),
        },
    }
}

/// Why git would refuse `name` as a branch name (`git check-ref-format --branch`), if it would.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "`.lock` is a suffix git reserves in ref names, and git compares it case-sensitively"
)]
fn branch_name_problem(name: &str) -> Option<&'static str> {
    let forbidden = |c: char| c.is_ascii_control() || " ~^:?*[\\".contains(c);
    if name.starts_with('-') {
        Some("it starts with `-`")
    } else if name == "HEAD" || name == "@" {
        Some("git reserves it")
    } else if name.starts_with('/') || name.ends_with('/') || name.contains("//") {
        Some("it starts or ends with `/`, or has an empty part between two `/`")
    } else if name.contains("..") || name.contains("@{") {
        Some("it contains `..` or `@{`")
    } else if name.chars().any(forbidden) {
        Some("it contains a space, a control character or one of ~ ^ : ? * [ \\")
    } else if name.ends_with('.') {
        Some("it ends with `.`")
    } else if name
        .split('/')
        .any(|part| part.starts_with('.') || part.ends_with(".lock"))
    {
        Some("a part of it starts with `.` or ends with `.lock`")
    } else {
        None
    }
}

/// The work tree containing `path`, if there is one.
pub(crate) fn enclosing_work_tree(path: &Path) -> Option<String> {
    let start = path.ancestors().find(|p| p.exists())?;
    let repo = Repository::discover(start).ok()?;
    repo.workdir().map(|w| w.display().to_string())
}

/// Makes the repository and its first commit of `files` (the plan, already written to `project`).
/// On failure, a `.git` folder that this call created is removed again, so the project is left as
/// with `--no-git` and the error's hint (the commands to commit by hand) applies as it stands.
pub(crate) fn init_and_commit(
    project: &Path,
    message: &str,
    files: &[PlannedFile],
) -> Result<Outcome> {
    let dot_git = project.join(".git");
    let existed = std::fs::symlink_metadata(&dot_git).is_ok();
    let outcome = try_init_and_commit(project, message, files);
    if outcome.is_err() && !existed {
        let _ = std::fs::remove_dir_all(&dot_git);
    }
    outcome
}

fn try_init_and_commit(project: &Path, message: &str, files: &[PlannedFile]) -> Result<Outcome> {
    let fail = |e: git2::Error| Error::Git {
        path: project.to_path_buf(),
        message: e.message().to_string(),
    };
    let config = Config::open_default().map_err(fail)?;
    let (branch, refused_branch) = default_branch(&config);
    let mut options = RepositoryInitOptions::new();
    options.initial_head(&branch);
    apply_template_choice(&mut options, &config);
    let repo = Repository::init_opts(project, &options).map_err(fail)?;
    let tree_id = write_plan(&repo, project, files).map_err(|message| Error::Git {
        path: project.to_path_buf(),
        message,
    })?;
    let tree = repo.find_tree(tree_id).map_err(fail)?;
    let (author, committer, fallback_identity) = signatures(&config).map_err(fail)?;
    let commit = repo
        .commit(Some("HEAD"), &author, &committer, message, &tree, &[])
        .map_err(fail)?;
    Ok(Outcome::Committed {
        branch,
        commit: commit.to_string(),
        fallback_identity,
        refused_branch,
        untracked: untracked(project, files),
    })
}

/// Copies a template folder into the new `.git` only when the user chose one, as `git init` reads
/// the choice: `GIT_TEMPLATE_DIR`, else `init.templateDir` (an empty value meaning none). git's
/// default templates are sample hooks, all disabled, whose copying cost about a tenth of `new`;
/// without them the repository still gets the `description` and `info/exclude` git writes.
fn apply_template_choice(options: &mut RepositoryInitOptions, config: &Config) {
    if let Some(dir) = std::env::var_os("GIT_TEMPLATE_DIR") {
        // An empty value, or a folder that is not there, gives no templates, as with `git init`.
        let there = Path::new(&dir).is_dir();
        options.external_template(there);
        if there {
            options.template_path(Path::new(&dir));
        }
    } else {
        // libgit2 reads `init.templateDir` itself when templates are on.
        let chosen = config
            .get_path("init.templateDir")
            .is_ok_and(|dir| !dir.as_os_str().is_empty());
        options.external_template(chosen);
    }
}

/// Writes the plan's blobs and trees as one pack (see [`objects`]) and an index of the same
/// entries, and returns the root tree's id.
fn write_plan(
    repo: &Repository,
    project: &Path,
    files: &[PlannedFile],
) -> std::result::Result<Oid, String> {
    // The objects written here are whole by construction; libgit2's check that each object an
    // index entry or tree names exists would read every one of them back.
    git2::opts::strict_object_creation(false);
    let mut writer = PackWriter::new(repo.path());
    let written = |e: std::io::Error| format!("cannot write an object: {e}");
    let mut index = repo.index().map_err(|e| e.message().to_string())?;
    let mut tree = TreeBuilder::default();
    for file in files {
        let id = writer
            .write(ObjectType::Blob, &file.contents)
            .map_err(written)?;
        tree.add(&file.path, id, file.executable)?;
        index
            .add(&index_entry(project, file, id))
            .map_err(|e| e.message().to_string())?;
    }
    index.write().map_err(|e| e.message().to_string())?;
    let root = tree.write(&mut writer).map_err(written)?;
    writer.finish().map_err(written)?;
    Ok(root)
}

/// The index entry of a planned file. Its stat data is the written file's, as `git add` records
/// it, so that `git status` trusts the entry instead of hashing the file again; a file that
/// cannot be looked at gets zeros, which only makes git compare its contents.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "git's index format keeps sizes and stat data in 32 bits, truncated as git truncates them"
)]
fn index_entry(project: &Path, file: &PlannedFile, id: Oid) -> IndexEntry {
    let mode = if file.executable {
        FileMode::BlobExecutable
    } else {
        FileMode::Blob
    };
    let mut entry = IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: u32::from(mode),
        uid: 0,
        gid: 0,
        // The index keeps the size modulo 2^32, as git does.
        file_size: file.contents.len() as u32,
        id,
        flags: 0,
        flags_extended: 0,
        path: file.path.as_bytes().to_vec(),
    };
    #[cfg(unix)]
    if let Ok(meta) = std::fs::symlink_metadata(project.join(&file.path)) {
        use std::os::unix::fs::MetadataExt;
        // Truncations as git's own index format makes them.
        entry.ctime = IndexTime::new(meta.ctime() as i32, meta.ctime_nsec() as u32);
        entry.mtime = IndexTime::new(meta.mtime() as i32, meta.mtime_nsec() as u32);
        entry.dev = meta.dev() as u32;
        entry.ino = meta.ino() as u32;
        entry.uid = meta.uid();
        entry.gid = meta.gid();
    }
    #[cfg(not(unix))]
    let _ = project;
    entry
}

/// What is in `project` besides the plan's files and `.git`, named as `git status` names untracked
/// paths. Only folders that hold a planned file are looked into, so a fresh project costs one
/// listing per planned folder.
pub(crate) fn untracked(project: &Path, files: &[PlannedFile]) -> Vec<String> {
    let planned: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let planned_dirs: BTreeSet<&str> = files
        .iter()
        .flat_map(|f| f.path.match_indices('/').map(|(end, _)| &f.path[..end]))
        .collect();
    let mut found = Vec::new();
    let mut pending = vec![String::new()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(project.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            if relative == ".git" || planned.contains(relative.as_str()) {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && planned_dirs.contains(relative.as_str()) {
                pending.push(relative);
            } else if is_dir {
                found.push(format!("{relative}/"));
            } else {
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

/// The author and committer of the first commit, and whether the author is groundwork's stand-in
/// (no identity anywhere). A committer git knows nothing of is the author.
fn signatures(
    config: &Config,
) -> std::result::Result<(Signature<'static>, Signature<'static>, bool), git2::Error> {
    let complete = |(name, email): (Option<String>, Option<String>)| name.zip(email);
    let author = complete(identity(Some(config), Role::Author));
    let fallback = author.is_none();
    let author =
        author.unwrap_or_else(|| ("groundwork".to_string(), "groundwork@localhost".to_string()));
    let committer =
        complete(identity(Some(config), Role::Committer)).unwrap_or_else(|| author.clone());
    let sign = |(name, email): &(String, String)| with_fixed_time(&Signature::now(name, email)?);
    Ok((sign(&author)?, sign(&committer)?, fallback))
}

/// Honours `SOURCE_DATE_EPOCH`, the reproducible-builds convention, so that the same answers and the
/// same time give the same commit id.
fn with_fixed_time(
    signature: &Signature<'_>,
) -> std::result::Result<Signature<'static>, git2::Error> {
    let name = signature.name().unwrap_or("groundwork");
    let email = signature.email().unwrap_or("groundwork@localhost");
    match crate::clock::source_date_epoch() {
        Some(seconds) => Signature::new(name, email, &Time::new(seconds, 0)),
        None => Signature::new(name, email, &signature.when()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_names_git_refuses() {
        for bad in [
            "a//b",
            "/abs",
            "abs/",
            "HEAD",
            "@",
            "-x",
            "..",
            "a..b",
            "a b",
            "a~1",
            "a^",
            "a:b",
            "a?",
            "a*",
            "a[b",
            "a\\b",
            "a\tb",
            "x.",
            ".x",
            "a/.x",
            "a.lock",
            "a/b.lock/c",
            "a@{1}",
        ] {
            assert!(branch_name_problem(bad).is_some(), "{bad:?}");
        }
        for good in [
            "main",
            "trunk",
            "feature/x",
            "v1.2",
            "a.b",
            "héllo",
            "a@b",
            "x-",
        ] {
            assert_eq!(branch_name_problem(good), None, "{good:?}");
        }
    }
}
