//! `new --install`: runs the project's install command in the new folder, with its whole output
//! in a log file that git ignores, and on failure the log's tail for the error to show. Progress
//! goes to the caller's [`Progress`], which decides how it looks (a spinner on a terminal).

use crate::error::{Error, Result};
use crate::generate::Progress;
use serde::Serialize;
use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The log's name, inside the project.
pub(crate) const LOG_FILE: &str = "groundwork-install.log";

/// How many of the log's last lines a failure shows.
const TAIL_LINES: usize = 20;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Outcome {
    pub ok: bool,
    pub seconds: f64,
    pub log: String,
    #[serde(skip)]
    pub tail: String,
}

pub(crate) fn run(
    project: &Path,
    command: &str,
    has_git: bool,
    progress: &mut dyn Progress,
) -> Result<Outcome> {
    let log_path = project.join(LOG_FILE);
    if has_git {
        ignore_locally(project)?;
    }
    let log = File::create(&log_path).map_err(|e| Error::io("create", &log_path, e))?;
    let log_err = log
        .try_clone()
        .map_err(|e| Error::io("open", &log_path, e))?;
    progress.started(&format!("Installing: {command} (log: {LOG_FILE})"));
    let started = Instant::now();
    let status = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(project)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .status()
        .map_err(|e| Error::io("run the install command in", project, e))?;
    let seconds = started.elapsed().as_secs_f64();
    let text = fs::read_to_string(&log_path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n");
    let done = format!("Installed in {seconds:.1} s.");
    progress.finished(status.success().then_some(done.as_str()));
    Ok(Outcome {
        ok: status.success(),
        seconds,
        log: log_path.display().to_string(),
        tail,
    })
}

/// Keeps the log out of `git status` without touching the project's own `.gitignore`.
fn ignore_locally(project: &Path) -> Result<()> {
    let Ok(repo) = git2::Repository::discover(project) else {
        return Ok(());
    };
    let (Some(workdir), Ok(project)) = (repo.workdir(), std::path::absolute(project)) else {
        return Ok(());
    };
    let relative = project.strip_prefix(workdir).unwrap_or(Path::new(""));
    let pattern = format!("/{}\n", relative.join(LOG_FILE).to_string_lossy());
    let exclude = repo.path().join("info").join("exclude");
    let existing = fs::read_to_string(&exclude).unwrap_or_default();
    if existing.lines().any(|l| format!("{l}\n") == pattern) {
        return Ok(());
    }
    if let Some(folder) = exclude.parent() {
        fs::create_dir_all(folder).map_err(|e| Error::io("create folder", folder, e))?;
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&pattern);
    fs::write(&exclude, text).map_err(|e| Error::io("write", &exclude, e))
}
