//! Faults: a full disk, a read-only folder, git failing and an interrupted run leave nothing
//! half-made and say what went wrong.

use crate::skip::{or_skip, skipped};
use crate::support::{Test, entries, git, interrupt_slowed_run};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A tmpfs mounted for one test and always unmounted, even when the test fails.
struct Mount {
    path: PathBuf,
}

impl Mount {
    /// Mounts a tmpfs with `options` at `path`, or says why it cannot (then the test skips).
    fn tmpfs(path: &Path, options: &str) -> Result<Self, String> {
        fs::create_dir_all(path).unwrap();
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(path)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
        }
        Ok(Mount {
            path: path.to_path_buf(),
        })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

macro_rules! mount_or_skip {
    ($path:expr, $options:expr) => {
        match Mount::tmpfs($path, $options) {
            Ok(mount) => mount,
            Err(why) => {
                skipped(&format!("cannot mount a tmpfs: {why}"));
                return;
            }
        }
    };
}

#[test]
fn a_full_disk_leaves_nothing_behind_and_names_the_file() {
    // The mount is made after the test folder, so that it is unmounted before that is removed.
    let t = Test::new().args(["new", "disk/svc", "-f", "spring-boot", "-y", "--no-git"]);
    let disk = t.path("disk");
    let _mount = mount_or_skip!(&disk, "size=64k");
    let run = t.run();
    run.status(1)
        .stderr_has("error: cannot ")
        .stderr_has(" disk/svc/")
        .stderr_has(": No space left on device (os error 28)\n");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        entries(&disk).is_empty(),
        "left behind: {:?}",
        entries(&disk)
    );
    assert_eq!(entries(&t.work()), vec!["disk"]);
}

#[test]
fn a_read_only_parent_is_refused_and_nothing_is_left() {
    // Root ignores permission bits, so a read-only file system stands in for `chmod 555`.
    for target in ["ro/svc", "ro/a/b/svc"] {
        let t = Test::new().args(["new", target, "-f", "fastapi", "-y", "--no-git"]);
        let disk = t.path("ro");
        let _mount = mount_or_skip!(&disk, "ro,size=64k");
        let run = t.run();
        if target == "ro/svc" {
            run.status(1)
                .stderr_has("error: cannot create the temporary folder ro/.svc.groundwork-")
                .stderr_has(": Read-only file system (os error 30)\n");
        } else {
            // A missing parent that cannot be created is named, and nothing remains.
            run.status(1)
                .stderr("error: cannot create folder ro/a: Read-only file system (os error 30)\n");
        }
        assert!(entries(&disk).is_empty());
    }
}

#[test]
fn a_corrupt_git_config_leaves_a_usable_project_and_says_how_to_commit() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    fs::write(
        t.home().join(".gitconfig"),
        "garbage [[[\n\u{1}\u{2} = = =\n",
    )
    .unwrap();
    let run = t.run();
    run.status(1)
        .stderr_has("Created svc from fastapi")
        .stderr_has("Next steps:\n  cd svc\n")
        .stderr_has(&format!(
            "error: git failed in svc: failed to parse config file: invalid configuration key (in {}:1)\nhint: the project was written, without a repository; once git works again, commit by hand: cd svc && git init && git add -A && git commit -m \"Initial commit\"\n",
            t.home().join(".gitconfig").display()
        ));
    assert!(t.path("svc/app/main.py").is_file());
    assert!(
        !t.path("svc/.git").exists(),
        "a half-made repository was left"
    );
    // The hint's commands work once the configuration is fixed.
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = T\n\temail = t@example.com\n",
    )
    .unwrap();
    let project = t.path("svc");
    let sh = |command: &str| {
        let status = Command::new("sh")
            .args(["-c", command])
            .current_dir(&project)
            .env("HOME", t.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{command}");
    };
    sh("git init -q && git add -A && git commit -q -m 'Initial commit'");
    assert_eq!(git(&project, &["status", "--porcelain"]), "");
}

#[test]
fn a_git_failure_after_init_removes_the_half_made_repository() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = A <b>\n\temail = t@example.com\n",
    )
    .unwrap();
    t.run()
        .status(1)
        .stderr_has("error: git failed in svc: failed to parse signature - Neither `name` nor `email` should contain angle brackets chars.\nhint: the project was written, without a repository;");
    assert!(t.path("svc/app/main.py").is_file());
    assert!(!t.path("svc/.git").exists());
}

/// Runs `groundwork new svc -f spring-boot -y --no-git` (and `extra`) slowed down, and sends
/// `signal` once the staging folder holds a file; returns the exit status and standard error, or
/// why the test cannot run here.
fn interrupt_while_writing(
    t: &Test,
    signal: &str,
    extra: &[&str],
    staging_in: &Path,
    prefix: &str,
) -> Result<(i32, String), String> {
    let mut args = vec!["new", "svc", "-f", "spring-boot", "-y", "--no-git"];
    args.extend(extra);
    let holds_a_file: fn(&Path) -> bool =
        |staging| fs::read_dir(staging).is_ok_and(|mut d| d.next().is_some());
    interrupt_slowed_run(
        t,
        &args,
        150_000,
        signal,
        staging_in,
        prefix,
        ("a file in the staging folder", holds_a_file),
    )
}

#[test]
fn sigterm_and_sigint_while_writing_remove_the_staging_folder() {
    for signal in ["TERM", "INT"] {
        let t = Test::new();
        let outcome = interrupt_while_writing(&t, signal, &[], &t.work(), ".svc.groundwork-");
        let Some((status, stderr)) = skip_unless_slowed(outcome) else {
            return;
        };
        assert!(
            entries(&t.work()).is_empty(),
            "SIG{signal} left {:?}",
            entries(&t.work())
        );
        assert_cancelled(signal, status, &stderr);
    }
}

#[test]
fn an_interruption_while_adding_to_an_existing_folder_leaves_it_as_it_was() {
    let t = Test::new();
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/notes.txt"), "mine\n").unwrap();
    let outcome = interrupt_while_writing(&t, "TERM", &["--force"], &t.path("svc"), ".groundwork-");
    let Some((status, stderr)) = skip_unless_slowed(outcome) else {
        return;
    };
    assert_eq!(entries(&t.path("svc")), vec!["notes.txt"]);
    assert_eq!(entries(&t.work()), vec!["svc"]);
    assert_cancelled("TERM", status, &stderr);
}

fn skip_unless_slowed(outcome: Result<(i32, String), String>) -> Option<(i32, String)> {
    or_skip(outcome, "cannot slow the writes down")
}

#[track_caller]
fn assert_cancelled(signal: &str, status: i32, stderr: &str) {
    assert_eq!(status, 130, "SIG{signal}: {stderr}");
    // strace may add diagnostics of its own; groundwork's last line is the one that counts.
    let ours: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("strace: "))
        .collect();
    assert_eq!(
        ours.last(),
        Some(&"cancelled; nothing was written"),
        "SIG{signal}: {stderr:?}"
    );
}
