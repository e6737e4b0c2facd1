//! The fixtures the test areas share: a small builder for running the real binary (after the one
//! in `just`'s test suite), folder blueprints written beside a test, the embedded catalogue with
//! fixed answers for in-memory renders, and readers of trees and git.

use groundwork::answers::{Answers, with_defaults};
use groundwork::blueprint::{Blueprint, Catalogue};
use groundwork::options::Value;
use groundwork::render::{Environment, PlannedFile};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub(crate) struct Test {
    pub(crate) dir: TempDir,
    args: Vec<OsString>,
    env: Vec<(String, String)>,
    wrapper: Option<String>,
}

pub(crate) struct Run {
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Test {
    /// A temporary folder with `home/` (holding a .gitconfig with a fixed identity) and `work/`,
    /// where the binary runs.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("home")).unwrap();
        fs::create_dir(dir.path().join("work")).unwrap();
        fs::write(
            dir.path().join("home/.gitconfig"),
            "[user]\n\tname = Test User\n\temail = test@example.com\n",
        )
        .unwrap();
        Test {
            dir,
            args: Vec::new(),
            env: Vec::new(),
            wrapper: None,
        }
    }

    pub(crate) fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub(crate) fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.work().join(relative)
    }

    pub(crate) fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// The same folders and environment with new arguments: the next command of a test.
    pub(crate) fn then<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs the binary through `sh -c '<setup>; exec "$0" "$@"'`, e.g. to lower a resource limit.
    pub(crate) fn shell_setup(mut self, setup: &str) -> Self {
        self.wrapper = Some(setup.into());
        self
    }

    /// `command` set to run in the work folder with only the test's environment: PATH, the
    /// private HOME and its configuration folder, no colour, and what `env` added.
    pub(crate) fn in_its_folders<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        command
            .current_dir(self.work())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("NO_COLOR", "1");
        for (k, v) in &self.env {
            command.env(k, v);
        }
        command
    }

    /// Runs the binary with `args` instead of the test's own, in the same folders: one test's
    /// several commands on the same project.
    pub(crate) fn run_args(&self, args: &[&str]) -> Run {
        let output = self
            .in_its_folders(&mut Command::new(env!("CARGO_BIN_EXE_groundwork")))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("the binary starts");
        Run::from(output)
    }

    pub(crate) fn run(&self) -> Run {
        let binary = env!("CARGO_BIN_EXE_groundwork");
        let mut command = match &self.wrapper {
            Some(setup) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("{setup}; exec \"$0\" \"$@\""))
                    .arg(binary);
                c
            }
            None => Command::new(binary),
        };
        let output = self
            .in_its_folders(&mut command)
            .args(&self.args)
            .stdin(Stdio::null())
            .output()
            .expect("the binary starts");
        Run::from(output)
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub(crate) fn status(&self, expected: i32) -> &Self {
        assert_eq!(
            self.status, expected,
            "exit status\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stderr(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr");
        self
    }

    #[track_caller]
    pub(crate) fn stdout(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout");
        self
    }

    #[track_caller]
    pub(crate) fn stderr_has(&self, part: &str) -> &Self {
        assert!(
            self.stderr.contains(part),
            "stderr lacks {part:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stdout_has(&self, part: &str) -> &Self {
        assert!(
            self.stdout.contains(part),
            "stdout lacks {part:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// Every file below `root` (skipping `.git`), relative, sorted, with its contents.
pub(crate) fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((relative, fs::read(&path).unwrap()));
        }
    }
}

/// Runs git in `dir` and returns its trimmed stdout.
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&git_bytes(dir, args))
        .trim()
        .to_string()
}

/// Runs git in `dir` and returns its raw standard output, failing the test when git fails.
pub(crate) fn git_bytes(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Lists the folder's entries by name.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder blueprint `house` with a `database` option (embedded by default, postgres or none),
/// written beside the test's work folder; returns the folder to pass as --blueprints-dir.
pub(crate) fn blueprint_with_a_database_option(t: &Test) -> String {
    folder_blueprint(
        t,
        "house",
        r#"id = "house"
name = "House"
language = "python"
description = "A fixture with a database option"
version = "0.1.0"
proof = "syntax"
proof_note = "A test fixture."

[commands]
install = "true"
test = "true"
run = "true"

[[options]]
key = "database"
type = "choice"
default = "embedded"
choices = ["embedded", "postgres", "none"]
help = "Where the items are stored"
"#,
        &[("README.md.hbs", "Items live in: {{database}}\n")],
    )
}

/// Writes the folder blueprint `id` beside the test's work folder: `manifest` and each
/// `(path, contents)` under `template/`; returns the folder to pass as `--blueprints-dir`.
pub(crate) fn folder_blueprint(
    t: &Test,
    id: &str,
    manifest: &str,
    files: &[(&str, &str)],
) -> String {
    let root = t.dir.path().join("blueprints").join(id);
    fs::create_dir_all(root.join("template")).unwrap();
    fs::write(root.join("blueprint.toml"), manifest).unwrap();
    for (path, contents) in files {
        let path = root.join("template").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    t.dir.path().join("blueprints").display().to_string()
}

/// Whether strace can trace here (it needs ptrace), or why not.
fn strace_works() -> Result<(), String> {
    let probe = Command::new("strace")
        .args(["-o", "/dev/null", "-e", "trace=none", "true"])
        .output()
        .map_err(|e| format!("strace: {e}"))?;
    if probe.status.success() {
        Ok(())
    } else {
        Err(format!(
            "strace cannot trace here: {}",
            String::from_utf8_lossy(&probe.stderr).trim()
        ))
    }
}

/// A run of the binary with `args` slowed down enough to interrupt: under strace, in the test's
/// folders, with every `write` system call delayed by `delay_us` microseconds. Sends `signal`
/// to it once its staging folder (`prefix` + its process id, in `staging_in`) is `ready`;
/// returns its exit status and standard error, or why the test cannot run here.
pub(crate) fn interrupt_slowed_run(
    t: &Test,
    args: &[&str],
    delay_us: u32,
    signal: &str,
    staging_in: &Path,
    prefix: &str,
    ready: (&str, fn(&Path) -> bool),
) -> Result<(i32, String), String> {
    strace_works()?;
    let mut child = t
        .in_its_folders(&mut Command::new("strace"))
        .args(["-f", "-o", "/dev/null", "-e", "trace=write", "-e"])
        .arg(format!("inject=write:delay_enter={delay_us}"))
        .arg(env!("CARGO_BIN_EXE_groundwork"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("strace: {e}"))?;
    let (awaited, is_ready) = ready;
    let started = Instant::now();
    let pid = loop {
        let staging = fs::read_dir(staging_in)
            .map(|_| entries(staging_in))
            .unwrap_or_default()
            .into_iter()
            .find(|name| name.starts_with(prefix));
        if let Some(name) = staging
            && is_ready(&staging_in.join(&name))
        {
            break name.trim_start_matches(prefix).to_string();
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the run ended ({status}) before {awaited}"));
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            return Err(format!("no {awaited} within 30 s"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .map_err(|e| e.to_string())?;
    assert!(sent.success(), "kill -{signal} {pid}");
    let output = child.wait_with_output().unwrap();
    Ok((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

/// The fixed environment of in-memory renders: the year is pinned so that output is stable.
pub(crate) const ENVIRONMENT: Environment = Environment {
    year: 2026,
    goal_choices: Vec::new(),
    recommendation: None,
};

/// The blueprints embedded in the binary.
pub(crate) fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("every embedded blueprint loads")
}

/// `blueprint`'s default answers for a project called `name`, by a fixed author.
pub(crate) fn answers_for(blueprint: &Blueprint, name: &str) -> Answers {
    let mut answers = Answers::new();
    answers.insert("name".into(), Value::String(name.into()));
    answers.insert("author_name".into(), Value::String("Ada Lovelace".into()));
    answers.insert(
        "author_email".into(),
        Value::String("ada@example.com".into()),
    );
    with_defaults(blueprint, answers)
}

/// A planned file's contents as text.
pub(crate) fn text(file: &PlannedFile) -> String {
    String::from_utf8_lossy(&file.contents).into_owned()
}

/// Runs `t`, expecting exit 2 with exactly `expected_stderr`, and nothing written to its folder.
#[track_caller]
pub(crate) fn refused(t: &Test, expected_stderr: &str) {
    let before = entries(&t.work());
    t.run().status(2).stderr(expected_stderr);
    assert_eq!(entries(&t.work()), before, "something was written");
}

/// A blueprint whose string option `dir`, with no pattern at all, names a folder: only the
/// engine's own path check stands between a value and a file outside the project.
pub(crate) const HOSTILE_MANIFEST: &str = r#"id = "hostile"
name = "Hostile"
language = "python"
description = "A blueprint whose option is used in a path"
version = "1.0.0"
proof = "syntax"

[commands]
install = "true"
test = "true"
run = "true"

[[options]]
key = "dir"
type = "string"
default = "data"
help = "A folder name"
"#;

/// `stdout` parsed as JSON, or a panic that shows it.
pub(crate) fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}
