//! `groundwork update`: real histories (generate, commit, edit in other lines and in the same
//! lines, delete a file, add one), then an update by a changed answer or a newer folder
//! blueprint; the exact files, conflict markers, exit codes, refs and record.

use crate::support::{Run, Test, folder_blueprint, git, tree};
use std::fs;
use std::path::{Path, PathBuf};

const BASE_REF: &str = "refs/groundwork/base";

/// A folder blueprint `svc` at version 1.0.0, beside the test's work folder; returns the folder
/// to pass as --blueprints-dir.
fn svc_v1(t: &Test) -> String {
    folder_blueprint(
        t,
        "svc",
        r#"id = "svc"
name = "Svc"
language = "python"
description = "A fixture for updates"
version = "1.0.0"
proof = "syntax"
proof_note = "A test fixture."

[commands]
install = "true"
test = "true"
run = "true"

[[options]]
key = "docker"
type = "bool"
default = false
help = "Include a Dockerfile"

[[options]]
key = "database"
type = "choice"
default = "embedded"
choices = ["embedded", "postgres"]
help = "Where the items are stored"

[[options]]
key = "legacy"
type = "bool"
default = true
help = "An option a later version drops"

[[files]]
path = "Dockerfile"
when = "docker"
"#,
        &[
            ("app.py.hbs", APP_V1),
            ("README.md.hbs", README_V1),
            (
                "Dockerfile",
                "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
            ),
            ("guide.txt", GUIDE),
            ("obsolete.txt", "soon gone\n"),
            ("extra.txt", "an extra file\n"),
            ("CONTRIBUTING.md", "Open a pull request.\n"),
        ],
    )
}

const APP_V1: &str = r#""""{{project_name}}: the service."""

import os


def greeting():
    return "hello"


def database():
    return {{#if (eq database "postgres")}}os.environ["DATABASE_URL"]{{else}}"sqlite:///app.db"{{/if}}


def port():
    return 8000
"#;

const README_V1: &str =
    "# {{project_name}}\n\nRun it with `python app.py`.\n\nIt listens on port 8000.\n";

const GUIDE: &str =
    "Guide\n1. install\n2. configure\n3. migrate\n4. test\n5. run\n6. deploy\n7. watch\n8. rest\n";

/// Version 1.1.0 of `svc`: changes app.py (other lines than the team's) and README.md (the same
/// line), adds CHANGELOG.md, removes obsolete.txt, renames guide.txt to docs/guide.txt, changes
/// CONTRIBUTING.md, drops the `legacy` option and adds `log_level`.
fn svc_v2(t: &Test) {
    let dir = t.dir.path().join("blueprints/svc");
    let manifest = fs::read_to_string(dir.join("blueprint.toml")).unwrap();
    let manifest = manifest
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
        .replace(
            "[[options]]\nkey = \"legacy\"\ntype = \"bool\"\ndefault = true\nhelp = \"An option a later version drops\"\n",
            "[[options]]\nkey = \"log_level\"\ntype = \"choice\"\ndefault = \"info\"\nchoices = [\"debug\", \"info\"]\nhelp = \"How much the service logs\"\n",
        );
    fs::write(dir.join("blueprint.toml"), manifest).unwrap();
    let template = dir.join("template");
    fs::write(
        template.join("app.py.hbs"),
        APP_V1.replace(
            "    return 8000\n",
            "    return int(os.environ.get(\"PORT\", \"8000\"))\n\n\nLOG_LEVEL = \"{{log_level}}\"\n",
        ),
    )
    .unwrap();
    fs::write(
        template.join("README.md.hbs"),
        README_V1.replace("port 8000.", "the port in PORT (8000 by default)."),
    )
    .unwrap();
    fs::write(
        template.join("CHANGELOG.md"),
        "# Changelog\n\n1.1.0: PORT\n",
    )
    .unwrap();
    fs::remove_file(template.join("obsolete.txt")).unwrap();
    fs::create_dir_all(template.join("docs")).unwrap();
    fs::rename(template.join("guide.txt"), template.join("docs/guide.txt")).unwrap();
    fs::write(
        template.join("CONTRIBUTING.md"),
        "Open a pull request, with a test.\n",
    )
    .unwrap();
}

/// Generates `svc` into `api` and returns the project's path.
fn generate(t: &Test, blueprints: &str, sets: &[&str]) -> PathBuf {
    let mut args = vec![
        "--blueprints-dir",
        blueprints,
        "new",
        "api",
        "-f",
        "svc",
        "-y",
    ];
    for set in sets {
        args.extend(["--set", set]);
    }
    t.run_args(&args).status(0);
    t.path("api")
}

/// Commits everything in `dir` as the team would.
fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(
        dir,
        &[
            "-c",
            "user.name=Team",
            "-c",
            "user.email=team@example.com",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
}

fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn replace_in(dir: &Path, path: &str, from: &str, to: &str) {
    let text = read(dir, path);
    assert!(text.contains(from), "{path} lacks {from:?}:\n{text}");
    fs::write(dir.join(path), text.replace(from, to)).unwrap();
}

/// The team's day one: an edit in app.py (other lines than any update touches), README.md's
/// last line, extra.txt deleted, notes.md added; all committed.
fn team_edits(api: &Path) {
    replace_in(api, "app.py", "return \"hello\"", "return \"hello, team\"");
    replace_in(
        api,
        "README.md",
        "port 8000.",
        "port 8000, behind our proxy.",
    );
    replace_in(
        api,
        "guide.txt",
        "2. configure",
        "2. configure (see ops wiki)",
    );
    fs::remove_file(api.join("extra.txt")).unwrap();
    fs::write(api.join("notes.md"), "Team notes\n").unwrap();
    commit(api, "Team edits");
}

fn update(t: &Test, blueprints: &str, project: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--blueprints-dir", blueprints, "update", project];
    args.extend_from_slice(extra);
    t.run_args(&args)
}

fn rev(dir: &Path, spec: &str) -> String {
    git(dir, &["rev-parse", spec])
}

#[test]
fn new_keeps_the_pristine_render_on_its_own_ref_and_the_record_names_it() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    assert_eq!(rev(&api, BASE_REF), rev(&api, "HEAD"));
    assert!(
        read(&api, ".groundwork.toml").contains("\nbase = \"refs/groundwork/base\"\n"),
        "{}",
        read(&api, ".groundwork.toml")
    );
    // Never checked out, and not a branch that `git push` would send.
    assert_eq!(git(&api, &["branch", "--list"]), "* main");
}

#[test]
fn docker_false_to_true_adds_the_dockerfile_and_keeps_every_team_edit() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    let first = rev(&api, "HEAD");
    team_edits(&api);
    let before = tree(&api);
    let run = update(&t, &blueprints, "api", &["--set", "docker=true"]);
    run.status(0).stderr(&format!(
        "Updated api from svc 1.0.0.\n  docker = false -> true\n  updated   .groundwork.toml\n  added     Dockerfile\n{BASE_REF} moved from {} to {}.\nReview with git diff, then commit: git add -A && git commit\n",
        &first[..7],
        &rev(&api, BASE_REF)[..7]
    ));
    assert_eq!(
        read(&api, "Dockerfile"),
        "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"
    );
    assert!(
        !api.join("extra.txt").exists(),
        "a deleted file stays deleted"
    );
    let after = tree(&api);
    let changed: Vec<&str> = after
        .iter()
        .filter(|entry| !before.contains(entry))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(changed, [".groundwork.toml", "Dockerfile"]);
    let record = read(&api, ".groundwork.toml");
    assert!(record.contains("docker = true\n"), "{record}");
    // The base moved to the new render, parented on the old one; its tree is the new render.
    assert_eq!(rev(&api, &format!("{BASE_REF}^")), first);
    assert_eq!(
        git(&api, &["show", &format!("{BASE_REF}:Dockerfile")]),
        "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"
    );
    assert!(!git(&api, &["show", &format!("{BASE_REF}:app.py")]).contains("hello, team"));
    // The commit is left to the team.
    assert_eq!(
        git(&api, &["status", "--porcelain"]),
        "M .groundwork.toml\n?? Dockerfile"
    );
}

#[test]
fn database_embedded_to_postgres_conflicts_where_the_team_changed_the_same_line() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    team_edits(&api);
    replace_in(
        &api,
        "app.py",
        "\"sqlite:///app.db\"",
        "\"sqlite:///data/app.db\"",
    );
    commit(&api, "Keep the database under data/");
    let base_before = rev(&api, BASE_REF);
    let run = update(&t, &blueprints, "api", &["--set", "database=postgres"]);
    run.status(1)
        .stderr_has("  database = embedded -> postgres\n")
        .stderr_has("  conflict  app.py (both changed the same lines)\n")
        .stderr_has("error: 1 file with conflicts, marked in place: app.py\nhint: fix the lines between <<<<<<< and >>>>>>> in each file, then commit; git diff shows every change\n");
    assert_eq!(
        read(&api, "app.py"),
        r#""""api: the service."""

import os


def greeting():
    return "hello, team"


def database():
<<<<<<< yours
    return "sqlite:///data/app.db"
=======
    return os.environ["DATABASE_URL"]
>>>>>>> groundwork svc 1.0.0


def port():
    return 8000
"#
    );
    // Nothing lost, and the base still moved: the conflict is the team's to settle.
    assert_ne!(rev(&api, BASE_REF), base_before);
    assert!(read(&api, ".groundwork.toml").contains("database = \"postgres\"\n"));
}

#[test]
fn a_newer_folder_blueprint_changes_adds_removes_and_renames_files() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    team_edits(&api);
    svc_v2(&t);
    let run = update(&t, &blueprints, "api", &["--json"]);
    run.status(1);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<String> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["status"].as_str().unwrap(),
                f["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            "updated .groundwork.toml",
            "added CHANGELOG.md",
            "updated CONTRIBUTING.md",
            "conflict README.md",
            "merged app.py",
            "merged docs/guide.txt",
            "removed guide.txt",
            "removed obsolete.txt",
        ]
    );
    assert_eq!(summary["from_version"], "1.0.0");
    assert_eq!(summary["to_version"], "1.1.0");
    assert_eq!(summary["conflicts"], serde_json::json!(["README.md"]));
    assert_eq!(
        summary["notes"],
        serde_json::json!([
            "`legacy` (recorded as true) is not an option of svc 1.1.0: dropped",
            "`log_level` is new in svc 1.1.0: log_level = info"
        ])
    );
    assert_eq!(summary["base"]["found"], "ref");
    assert_eq!(summary["base"]["to"].as_str().unwrap(), rev(&api, BASE_REF));

    // app.py: the team's greeting and the blueprint's port, merged.
    assert_eq!(
        read(&api, "app.py"),
        r#""""api: the service."""

import os


def greeting():
    return "hello, team"


def database():
    return "sqlite:///app.db"


def port():
    return int(os.environ.get("PORT", "8000"))


LOG_LEVEL = "info"
"#
    );
    assert_eq!(
        read(&api, "README.md"),
        "# api\n\nRun it with `python app.py`.\n\n<<<<<<< yours\nIt listens on port 8000, behind our proxy.\n=======\nIt listens on the port in PORT (8000 by default).\n>>>>>>> groundwork svc 1.1.0\n"
    );
    // The rename is followed: the team's edit is in the file's new place.
    assert_eq!(
        read(&api, "docs/guide.txt"),
        GUIDE.replace("2. configure", "2. configure (see ops wiki)")
    );
    assert!(!api.join("guide.txt").exists());
    assert!(!api.join("obsolete.txt").exists());
    assert!(
        !api.join("extra.txt").exists(),
        "a deleted file stays deleted"
    );
    assert_eq!(read(&api, "notes.md"), "Team notes\n");
    assert_eq!(read(&api, "CHANGELOG.md"), "# Changelog\n\n1.1.0: PORT\n");
    let record = read(&api, ".groundwork.toml");
    assert!(
        record.contains("blueprint_version = \"1.1.0\"\n"),
        "{record}"
    );
    assert!(record.contains("log_level = \"info\"\n"), "{record}");
    assert!(!record.contains("legacy"), "{record}");
}

#[test]
fn a_file_the_team_deleted_comes_back_as_a_conflict_when_the_blueprint_changed_it() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    fs::remove_file(api.join("CONTRIBUTING.md")).unwrap();
    commit(&api, "No contributing guide");
    svc_v2(&t);
    let run = update(&t, &blueprints, "api", &[]);
    run.status(1).stderr_has(
        "  conflict  CONTRIBUTING.md (you deleted it and the blueprint changed it: the blueprint's version is back)\n",
    );
    assert_eq!(
        read(&api, "CONTRIBUTING.md"),
        "Open a pull request, with a test.\n"
    );
}

#[test]
fn dry_run_lists_the_changes_and_writes_nothing() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    team_edits(&api);
    svc_v2(&t);
    let files_before = tree(&api);
    let git_before = tree(&api.join(".git"));
    let base_before = rev(&api, BASE_REF);
    let run = update(&t, &blueprints, "api", &["--dry-run"]);
    run.status(0).stdout(&format!(
        "Would update api from svc 1.0.0 -> 1.1.0 (dry run: nothing written).\n  log_level = (new) -> info\nnote: `legacy` (recorded as true) is not an option of svc 1.1.0: dropped\nnote: `log_level` is new in svc 1.1.0: log_level = info\n  updated   .groundwork.toml\n  added     CHANGELOG.md\n  updated   CONTRIBUTING.md\n  conflict  README.md (both changed the same lines)\n  merged    app.py\n  merged    docs/guide.txt\n  removed   guide.txt\n  removed   obsolete.txt\n{BASE_REF} would move from {} to the new render.\n",
        &base_before[..7]
    ));
    assert_eq!(tree(&api), files_before);
    assert_eq!(tree(&api.join(".git")), git_before, "not even a git object");
}

#[test]
fn a_dirty_work_tree_is_refused_with_its_files_named_unless_allowed() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    replace_in(&api, "app.py", "return \"hello\"", "return \"hi\"");
    fs::write(api.join("scratch.txt"), "wip\n").unwrap();
    let before = tree(&api);
    update(&t, &blueprints, "api", &["--set", "docker=true"])
        .status(2)
        .stderr("error: api has changes that are not committed: app.py, scratch.txt\nhint: commit or stash them first (git stash -u), or pass --allow-dirty to merge into the files as they are; nothing was written\n");
    assert_eq!(tree(&api), before);
    update(
        &t,
        &blueprints,
        "api",
        &["--set", "docker=true", "--allow-dirty"],
    )
    .status(0);
    assert!(
        read(&api, "app.py").contains("return \"hi\""),
        "the uncommitted edit stays"
    );
    assert_eq!(read(&api, "scratch.txt"), "wip\n");
    assert!(api.join("Dockerfile").exists());
}

#[test]
fn commit_makes_the_commit_when_there_is_no_conflict() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    team_edits(&api);
    let head = rev(&api, "HEAD");
    update(
        &t,
        &blueprints,
        "api",
        &["--set", "docker=true", "--commit"],
    )
    .status(0)
    .stderr_has("Committed ");
    assert_eq!(git(&api, &["status", "--porcelain"]), "");
    assert_eq!(rev(&api, "HEAD^"), head);
    assert_eq!(
        git(&api, &["log", "-1", "--format=%B"]),
        "Update from groundwork (svc@1.0.0)\n\ndocker: false -> true"
    );
    // A second update with nothing new is a no-op.
    let base = rev(&api, BASE_REF);
    update(&t, &blueprints, "api", &[])
        .status(0)
        .stderr("Updated api from svc 1.0.0: already up to date.\n");
    assert_eq!(rev(&api, BASE_REF), base);
}

#[test]
fn a_project_without_the_ref_falls_back_to_groundworks_first_commit() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    let first = rev(&api, "HEAD");
    git(&api, &["update-ref", "-d", BASE_REF]);
    team_edits(&api);
    let run = update(&t, &blueprints, "api", &["--set", "docker=true", "--json"]);
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["base"]["found"], "first-commit");
    assert_eq!(summary["base"]["from"].as_str().unwrap(), first);
    assert_eq!(rev(&api, &format!("{BASE_REF}^")), first);
}

#[test]
fn without_any_base_it_asks_for_one_and_base_names_it() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    // History rewritten: no ref, and the first commit has another message.
    git(&api, &["update-ref", "-d", BASE_REF]);
    git(
        &api,
        &[
            "-c",
            "user.name=Team",
            "-c",
            "user.email=team@example.com",
            "commit",
            "-q",
            "--amend",
            "-m",
            "Start",
        ],
    );
    team_edits(&api);
    update(&t, &blueprints, "api", &["--set", "docker=true"])
        .status(2)
        .stderr("error: cannot find what groundwork rendered for api: no refs/groundwork/base ref and no \"Initial commit from groundwork...\" commit in its history\nhint: pass --base COMMIT, the commit that holds the files exactly as groundwork wrote them; nothing was written\n");
    update(
        &t,
        &blueprints,
        "api",
        &["--set", "docker=true", "--base", "nonsense"],
    )
    .status(2)
    .stderr_has("error: --base nonsense: ");
    update(
        &t,
        &blueprints,
        "api",
        &["--set", "docker=true", "--base", "HEAD^"],
    )
    .status(0);
    assert!(api.join("Dockerfile").exists());
    assert!(read(&api, "app.py").contains("hello, team"));
}

#[test]
fn bad_input_is_refused_before_anything_is_written() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    fs::create_dir(t.path("plain")).unwrap();
    update(&t, &blueprints, "plain", &[])
        .status(2)
        .stderr("error: plain has no .groundwork.toml: it was not made by groundwork new\nhint: run it in a project made by groundwork new, or name that project's folder: groundwork update DIR\n");
    let api = generate(&t, &blueprints, &[]);
    let before = tree(&api);
    update(&t, &blueprints, "api", &["--set", "database=mysql"])
        .status(2)
        .stderr_has("error: invalid value `mysql` for `database`: ");
    update(&t, &blueprints, "api", &["--set", "color=red"])
        .status(2)
        .stderr_has("error: blueprint `svc` has no option `color`");
    assert_eq!(tree(&api), before);
    assert_eq!(rev(&api, BASE_REF), rev(&api, "HEAD"));
}

#[test]
fn a_failed_write_leaves_the_work_tree_and_the_ref_as_they_were() {
    let t = Test::new();
    let blueprints = svc_v1(&t);
    let api = generate(&t, &blueprints, &[]);
    team_edits(&api);
    svc_v2(&t);
    // An empty folder (git does not see it) where the update would write a file.
    fs::create_dir(api.join("docs")).unwrap();
    fs::create_dir(api.join("docs/guide.txt")).unwrap();
    let before = tree(&api);
    let base = rev(&api, BASE_REF);
    update(&t, &blueprints, "api", &[])
        .status(2)
        .stderr_has("a folder is where the update writes a file");
    assert_eq!(
        tree(&api),
        before,
        "no file changed, no temporary file left"
    );
    assert_eq!(rev(&api, BASE_REF), base);
}

#[test]
fn an_embedded_blueprint_updates_with_a_changed_answer() {
    let t = Test::new();
    t.run_args(&["new", "api", "-f", "fastapi", "-y", "--set", "docker=false"])
        .status(0);
    let api = t.path("api");
    let test_file = format!("# Team comment\n{}", read(&api, "tests/test_api.py"));
    fs::write(api.join("tests/test_api.py"), &test_file).unwrap();
    commit(&api, "Team comment");
    let run = t.run_args(&["update", "api", "--set", "docker=true", "--commit"]);
    run.status(0);
    assert!(api.join("Dockerfile").exists());
    assert!(api.join("compose.yaml").exists());
    assert_eq!(read(&api, "tests/test_api.py"), test_file);
    assert_eq!(git(&api, &["status", "--porcelain"]), "");
}

#[test]
fn answers_the_goals_chose_keep_their_reason_through_an_update() {
    let t = Test::new();
    let blueprints = crate::support::blueprint_with_a_database_option(&t);
    t.run_args(&[
        "--blueprints-dir",
        &blueprints,
        "new",
        "shop",
        "-f",
        "house",
        "--scale",
        "large",
        "-y",
    ])
    .status(0);
    let shop = t.path("shop");
    let record = read(&shop, ".groundwork.toml");
    assert!(
        record.contains("#   database = postgres (chosen for --scale large)\n"),
        "{record}"
    );
    t.run_args(&["--blueprints-dir", &blueprints, "update", "shop"])
        .status(0)
        .stderr("Updated shop from house 0.1.0: already up to date.\n");
    assert_eq!(read(&shop, ".groundwork.toml"), record);
}
