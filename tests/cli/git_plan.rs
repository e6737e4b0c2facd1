//! The first commit holds exactly the plan: files the user had in the folder stay untracked and
//! are named, the work tree is clean, and modes and contents are the plan's.

use crate::support::{Test, git};
use std::fs;

const FRAMEWORK: &str = "fastapi";

#[test]
fn force_into_a_folder_with_the_users_files_leaves_them_out_of_the_commit() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--force"]);
    let svc = t.path("svc");
    fs::create_dir_all(svc.join("private/deep")).unwrap();
    fs::write(svc.join("notes.txt"), "mine").unwrap();
    fs::write(svc.join("private/deep/key.pem"), "secret").unwrap();
    // A folder of the plan's that also holds one of the user's files.
    fs::create_dir_all(svc.join("app")).unwrap();
    fs::write(svc.join("app/scratch.py"), "x = 1\n").unwrap();
    t.run().status(0).stderr_has(
        "Left out of the first commit (they were already in the folder): app/scratch.py, notes.txt, private/.",
    );
    let committed = git(&svc, &["ls-tree", "-r", "--name-only", "HEAD"]);
    for mine in ["notes.txt", "private/deep/key.pem", "app/scratch.py"] {
        assert!(
            !committed.lines().any(|l| l == mine),
            "{mine} was committed"
        );
    }
    assert!(committed.lines().any(|l| l == "README.md"), "{committed}");
    assert_eq!(
        git(&svc, &["status", "--porcelain", "--untracked-files=normal"]),
        "?? app/scratch.py\n?? notes.txt\n?? private/"
    );
}

#[test]
fn the_commit_holds_every_planned_file_and_the_work_tree_is_clean() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y"]);
    let run = t.run();
    run.status(0);
    assert!(!run.stderr.contains("Left out"), "{}", run.stderr);
    let svc = t.path("svc");
    assert_eq!(git(&svc, &["status", "--porcelain", "--ignored"]), "");
    let listed = Test::new()
        .args(["new", "svc", "-f", FRAMEWORK, "-y", "--dry-run", "--json"])
        .run();
    let summary: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let mut planned: Vec<String> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    planned.sort();
    let committed: Vec<String> = git(&svc, &["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(committed, planned);
    // Contents and modes as written: git's own hash of each file equals the committed blob.
    for line in git(&svc, &["ls-tree", "-r", "HEAD"]).lines() {
        let (meta, path) = line.split_once('\t').unwrap();
        let fields: Vec<&str> = meta.split(' ').collect();
        assert_eq!(git(&svc, &["hash-object", path]), fields[2], "{path}");
        let executable = is_executable(&svc.join(path));
        assert_eq!(fields[0] == "100755", executable, "{path}");
    }
    // The index records the files' stat data, so git trusts it without hashing anything again.
    assert_eq!(git(&svc, &["diff-files", "--name-only"]), "");
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_path: &std::path::Path) -> bool {
    false
}

#[test]
#[cfg(target_os = "linux")]
fn staging_folders_left_by_a_killed_run_are_removed_by_the_next_run() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--no-git"]);
    let dead = (1..4_000_000u32)
        .rev()
        .find(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
        .unwrap();
    let stale = t.path(&format!(".old.groundwork-{dead}"));
    fs::create_dir_all(stale.join("src")).unwrap();
    fs::write(stale.join("src/x.py"), "x").unwrap();
    let live = t.path(&format!(".other.groundwork-{}", std::process::id()));
    fs::create_dir(&live).unwrap();
    let look_alike = t.path(&format!("old.groundwork-{dead}"));
    fs::create_dir(&look_alike).unwrap();
    t.run().status(0);
    assert!(!stale.exists(), "the stale staging folder is still there");
    assert!(
        live.exists(),
        "a running process's staging folder was removed"
    );
    assert!(look_alike.exists(), "a folder of the user's was removed");
}

#[test]
fn concurrent_runs_into_one_empty_folder_never_lose_a_file() {
    let t = Test::new();
    let target = t.path("svc");
    fs::create_dir(&target).unwrap();
    let binary = env!("CARGO_BIN_EXE_groundwork");
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(binary)
                .args(["new", "svc", "-f", FRAMEWORK, "-y"])
                .current_dir(t.work())
                .env("HOME", t.home())
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outcomes: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let winners = outcomes.iter().filter(|o| o.status.success()).count();
    assert!(winners <= 1, "{winners} runs all reported success");
    let listed = Test::new()
        .args(["new", "svc", "-f", FRAMEWORK, "-y", "--dry-run", "--json"])
        .run();
    let summary: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let planned = summary["files"].as_array().unwrap().len();
    let written = crate::support::tree(&target).len();
    if winners == 1 {
        assert_eq!(written, planned, "the winner's project lost a file");
        assert_eq!(git(&target, &["status", "--porcelain"]), "");
    } else {
        // Every run may lose only when they found each other's files first; none left a file.
        assert_eq!(written, 0);
    }
    let leftovers: Vec<_> = fs::read_dir(&target)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".groundwork-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
