//! Which toolchains a blueprint needs, and whether this machine has them at a version that fits.
//!
//! A blueprint names its tools as data. Only well-known toolchain programs are ever run, and only
//! with a version flag, so a blueprint from a folder on disk cannot make groundwork run anything
//! else.

use crate::blueprint::{Blueprint, Toolchain};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};

/// The programs groundwork is willing to run, each with the one fixed argument list that makes it
/// print its version. A blueprint's own `version_args` are never used: a blueprint from a folder
/// could otherwise pick a pairing that runs a file (`python3 version`) or builds a project (`yarn`).
const KNOWN_TOOLS: &[(&str, &[&str])] = &[
    ("bun", &["--version"]),
    ("bundle", &["--version"]),
    ("bundler", &["--version"]),
    ("cargo", &["--version"]),
    ("composer", &["--version"]),
    ("deno", &["--version"]),
    ("dotnet", &["--version"]),
    ("gem", &["--version"]),
    ("git", &["--version"]),
    ("go", &["version"]),
    ("gradle", &["--version"]),
    ("java", &["-version"]),
    ("javac", &["-version"]),
    ("mvn", &["--version"]),
    ("node", &["--version"]),
    ("npm", &["--version"]),
    ("php", &["--version"]),
    ("pip", &["--version"]),
    ("pip3", &["--version"]),
    ("pnpm", &["--version"]),
    ("python", &["--version"]),
    ("python3", &["--version"]),
    ("ruby", &["--version"]),
    ("yarn", &["--version"]),
];

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct ToolStatus {
    pub command: String,
    pub min_version: Option<String>,
    /// The version found, or None when the tool is missing.
    pub found: Option<String>,
    pub ok: bool,
    /// Why it is not ok, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// Why it is not ok, as data for messages that say it their own way.
    #[serde(skip)]
    pub fault: Option<Fault>,
}

/// What is wrong with a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Not on PATH.
    Missing,
    /// Older than the blueprint needs.
    TooOld,
    /// It ran but printed no version.
    NoVersion,
    /// Not a program groundwork runs, so never checked.
    NotChecked,
}

type VersionCheck = Result<String, (Fault, String)>;

/// Runs each tool's version command once, however many blueprints ask.
#[derive(Default)]
pub(crate) struct Probe {
    seen: BTreeMap<String, VersionCheck>,
}

impl Probe {
    pub(crate) fn check_blueprint(&mut self, blueprint: &Blueprint) -> Vec<ToolStatus> {
        self.check_all(&blueprint.manifest.toolchains)
    }

    /// Checks every tool, running the version commands not yet run side by side: the slowest
    /// (`npm --version` takes over half a second) sets the time, not their sum.
    pub(crate) fn check_all(&mut self, tools: &[Toolchain]) -> Vec<ToolStatus> {
        let pending: BTreeSet<&str> = tools
            .iter()
            .map(|t| t.command.as_str())
            .filter(|command| !self.seen.contains_key(*command))
            .collect();
        let checked: Vec<(String, VersionCheck)> = std::thread::scope(|scope| {
            let running: Vec<_> = pending
                .into_iter()
                .map(|command| (command, scope.spawn(move || version_of(command))))
                .collect();
            running
                .into_iter()
                .map(|(command, thread)| {
                    let outcome = thread.join().unwrap_or_else(|_| {
                        Err((Fault::NoVersion, format!("{command} could not be checked")))
                    });
                    (command.to_string(), outcome)
                })
                .collect()
        });
        self.seen.extend(checked);
        tools.iter().map(|t| self.check(t)).collect()
    }

    pub(crate) fn check(&mut self, tool: &Toolchain) -> ToolStatus {
        let key = tool.command.clone();
        let outcome = self
            .seen
            .entry(key)
            .or_insert_with(|| version_of(&tool.command))
            .clone();
        let (found, problem, fault) = match outcome {
            Err((fault, problem)) => (None, Some(problem), Some(fault)),
            Ok(version) => match &tool.min_version {
                Some(min) if !at_least(&version, min) => (
                    Some(version.clone()),
                    Some(format!("{version} is older than the {min} it needs")),
                    Some(Fault::TooOld),
                ),
                _ => (Some(version), None, None),
            },
        };
        ToolStatus {
            command: tool.command.clone(),
            min_version: tool.min_version.clone(),
            found,
            ok: fault.is_none(),
            problem,
            fault,
        }
    }
}

/// The tools not on PATH, found without running anything: what an unattended `new` checks (a
/// version command can take half a second; `groundwork doctor` runs them).
pub(crate) fn missing_from_path(tools: &[Toolchain]) -> Vec<ToolStatus> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<std::path::PathBuf> = std::env::split_paths(&path).collect();
    tools
        .iter()
        .filter(|tool| {
            !dirs
                .iter()
                .any(|dir| is_executable(&dir.join(&tool.command)))
        })
        .map(|tool| ToolStatus {
            command: tool.command.clone(),
            min_version: tool.min_version.clone(),
            found: None,
            ok: false,
            problem: Some(format!("{} not found", tool.command)),
            fault: Some(Fault::Missing),
        })
        .collect()
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &std::path::Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file() || path.with_extension("cmd").is_file()
}

fn version_of(command: &str) -> VersionCheck {
    let Some((_, args)) = KNOWN_TOOLS.iter().find(|(name, _)| *name == command) else {
        return Err((
            Fault::NotChecked,
            format!("not checked: `{command}` is not a known toolchain program"),
        ));
    };
    let output = Command::new(command)
        .args(*args)
        .stdin(Stdio::null())
        .output()
        .map_err(|_| (Fault::Missing, format!("{command} not found")))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    first_version(&text).ok_or_else(|| (Fault::NoVersion, format!("{command} printed no version")))
}

/// The first dotted number in the text: `Python 3.11.7` gives `3.11.7`, `v20.20.2` gives `20.20.2`.
/// A scan, so that no regular expression is compiled for each tool checked.
fn first_version(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        // Digits, then any number of `.` followed by digits; at least one such part.
        let mut end = start;
        let mut parts = 0;
        loop {
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
                end += 1;
                parts += 1;
            } else {
                break;
            }
        }
        if parts > 0 {
            return Some(text[start..end].to_string());
        }
        start = end;
    }
    None
}

/// Whether dotted version `found` is at least `min`, comparing number by number.
fn at_least(found: &str, min: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    let (f, m) = (parts(found), parts(min));
    for i in 0..f.len().max(m.len()) {
        let (a, b) = (
            f.get(i).copied().unwrap_or(0),
            m.get(i).copied().unwrap_or(0),
        );
        if a != b {
            return a > b;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_number_by_number() {
        assert!(at_least("3.11.7", "3.11"));
        assert!(at_least("20.20.2", "20"));
        assert!(!at_least("3.9.18", "3.11"));
        assert!(at_least("10.0", "10.0.0"));
    }

    #[test]
    fn versions_are_found_in_tool_output() {
        assert_eq!(first_version("Python 3.11.7\n").as_deref(), Some("3.11.7"));
        assert_eq!(first_version("v20.20.2").as_deref(), Some("20.20.2"));
        assert_eq!(
            first_version("openjdk 17.0.15 2025-04-15").as_deref(),
            Some("17.0.15")
        );
        assert_eq!(first_version("no digits"), None);
        assert_eq!(first_version("build 42, version 1.2."), Some("1.2".into()));
        assert_eq!(first_version("7. then 8"), None);
        assert_eq!(first_version("ruby 3.1.2p20").as_deref(), Some("3.1.2"));
    }

    #[test]
    fn unknown_programs_are_never_run() {
        let mut probe = Probe::default();
        let status = probe.check(&Toolchain {
            command: "rm".into(),
            version_args: vec!["-rf".into(), "/".into()],
            min_version: None,
        });
        assert!(!status.ok);
        assert_eq!(status.fault, Some(Fault::NotChecked));
        assert_eq!(
            status.problem.as_deref(),
            Some("not checked: `rm` is not a known toolchain program")
        );
    }
}
