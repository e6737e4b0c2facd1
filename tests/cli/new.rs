//! `groundwork new`: what it writes, the repository it makes, and how it refuses.

use crate::support::{Test, blueprint_with_a_database_option, entries, git, tree};
use std::fs;

/// The blueprint these tests generate; every blueprint behaves alike here.
const FRAMEWORK: &str = "fastapi";

#[test]
fn creates_a_project_with_one_commit_on_main() {
    let t = Test::new().args(["new", "my-api", "--framework", FRAMEWORK, "--yes"]);
    let run = t.run();
    run.status(0)
        .stderr_has("Created my-api from fastapi")
        .stderr_has("Next steps:\n  cd my-api\n");
    let project = t.path("my-api");
    assert!(project.join("README.md").is_file());
    assert!(project.join("Dockerfile").is_file());
    assert!(project.join(".groundwork.toml").is_file());
    assert_eq!(git(&project, &["branch", "--show-current"]), "main");
    assert_eq!(git(&project, &["rev-list", "--count", "HEAD"]), "1");
    assert_eq!(git(&project, &["status", "--porcelain"]), "");
    assert_eq!(
        git(&project, &["log", "-1", "--format=%an <%ae>|%s"]),
        "Test User <test@example.com>|Initial commit from groundwork (fastapi@2.0.0)"
    );
    let committed = git(&project, &["ls-files"]);
    assert!(committed.lines().any(|l| l == ".groundwork.toml"));
    assert!(!committed.lines().any(|l| l == ".env"));
    // no staging folder is left beside the project
    assert_eq!(entries(&t.work()), vec!["my-api"]);
}

#[test]
fn follows_the_users_default_branch() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y"]);
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = T\n\temail = t@example.com\n[init]\n\tdefaultBranch = trunk\n",
    )
    .unwrap();
    t.run().status(0);
    assert_eq!(git(&t.path("svc"), &["branch", "--show-current"]), "trunk");
}

#[test]
fn commits_as_groundwork_when_no_identity_is_configured() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y"]);
    fs::remove_file(t.home().join(".gitconfig")).unwrap();
    t.run()
        .status(0)
        .stderr_has("No git identity is configured, so the commit's author is groundwork <groundwork@localhost>");
    assert_eq!(
        git(&t.path("svc"), &["log", "-1", "--format=%an <%ae>"]),
        "groundwork <groundwork@localhost>"
    );
}

#[test]
fn options_change_the_files_and_are_recorded() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        FRAMEWORK,
        "--set",
        "port=9000",
        "--set",
        "docker=false",
        "-y",
    ]);
    t.run().status(0);
    let project = t.path("svc");
    assert!(!project.join("Dockerfile").exists());
    assert!(!project.join(".dockerignore").exists());
    let record = fs::read_to_string(project.join(".groundwork.toml")).unwrap();
    assert!(record.contains("port = 9000\n"), "{record}");
    assert!(record.contains("docker = false\n"), "{record}");
    assert!(record.contains("blueprint = \"fastapi\"\n"), "{record}");
}

#[test]
fn the_record_rebuilds_the_same_tree() {
    let t = Test::new().args([
        "new",
        "first",
        "-f",
        FRAMEWORK,
        "--name",
        "Billing API",
        "--set",
        "port=8123",
        "-y",
    ]);
    t.run().status(0);
    let again = Test::new().args(["new", "second", "--answers"]);
    let record = again.dir.path().join("answers.toml");
    fs::copy(t.path("first/.groundwork.toml"), &record).unwrap();
    let again = again.args([record.as_os_str(), "--yes".as_ref()]);
    again.run().status(0);
    assert_eq!(tree(&t.path("first")), tree(&again.path("second")));
}

#[test]
fn dry_run_lists_files_and_writes_nothing() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--dry-run"]);
    let run = t.run();
    run.status(0)
        .stdout_has("(dry run: nothing written)")
        .stdout_has(" .groundwork.toml\n");
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn no_git_skips_the_repository() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--no-git"]);
    t.run().status(0);
    assert!(t.path("svc/README.md").is_file());
    assert!(!t.path("svc/.git").exists());
}

#[test]
fn inside_a_work_tree_no_repository_is_made() {
    let t = Test::new().args(["new", "services/api", "-f", FRAMEWORK, "-y"]);
    git(&t.work(), &["init", "-q"]);
    t.run()
        .status(0)
        .stderr_has("no new repository was created");
    assert!(!t.path("services/api/.git").exists());
    assert!(t.path("services/api/README.md").is_file());
}

#[test]
fn creates_missing_parent_folders() {
    let t = Test::new().args(["new", "a/b/svc", "-f", FRAMEWORK, "-y", "--no-git"]);
    t.run().status(0);
    assert!(t.path("a/b/svc/README.md").is_file());
}

#[test]
fn an_empty_folder_is_used() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--no-git"]);
    fs::create_dir(t.path("svc")).unwrap();
    t.run().status(0);
    assert!(t.path("svc/README.md").is_file());
}

#[test]
fn a_non_empty_folder_is_refused_and_left_alone() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y"]);
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/notes.txt"), "mine").unwrap();
    t.run().status(2).stderr(
        "error: destination svc exists and is not empty\nhint: choose a new folder, or pass --force to add the files to this one (no existing file is overwritten)\n",
    );
    assert_eq!(entries(&t.path("svc")), vec!["notes.txt"]);
}

#[test]
fn force_adds_files_but_never_replaces_one() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--force", "--no-git"]);
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/notes.txt"), "mine").unwrap();
    t.run().status(0);
    assert_eq!(fs::read_to_string(t.path("svc/notes.txt")).unwrap(), "mine");
    assert!(t.path("svc/README.md").is_file());

    let clash = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--force", "--no-git"]);
    fs::create_dir(clash.path("svc")).unwrap();
    fs::write(clash.path("svc/README.md"), "my readme").unwrap();
    clash
        .run()
        .status(2)
        .stderr_has("svc already has README.md: groundwork never replaces a file that is there");
    assert_eq!(entries(&clash.path("svc")), vec!["README.md"]);
    assert_eq!(
        fs::read_to_string(clash.path("svc/README.md")).unwrap(),
        "my readme"
    );
}

#[test]
fn a_failure_while_writing_leaves_nothing_behind() {
    // A 4 KiB file-size limit makes a write fail part-way through the project (SIGXFSZ is ignored
    // so the write returns EFBIG instead of killing the process).
    let t = Test::new()
        .args(["new", "svc", "-f", FRAMEWORK, "-y"])
        .shell_setup("trap '' XFSZ; ulimit -f 4");
    let run = t.run();
    run.status(1)
        .stderr_has("error: cannot write ")
        .stderr_has("File too large");
    assert!(entries(&t.work()).is_empty(), "{:?}", entries(&t.work()));
}

#[test]
fn a_failure_with_missing_parents_removes_the_parents_it_made() {
    let t = Test::new()
        .args(["new", "x/y/svc", "-f", FRAMEWORK, "-y"])
        .shell_setup("trap '' XFSZ; ulimit -f 4");
    t.run().status(1);
    assert!(entries(&t.work()).is_empty(), "{:?}", entries(&t.work()));
}

#[test]
fn source_date_epoch_makes_the_commit_reproducible() {
    let commit = |dir: &str| {
        let t = Test::new()
            .args(["new", dir, "-f", FRAMEWORK, "-y"])
            .env("SOURCE_DATE_EPOCH", "1790000000");
        t.run().status(0);
        git(&t.path(dir), &["rev-parse", "HEAD"])
    };
    assert_eq!(commit("svc"), commit("svc"));
}

#[test]
fn inside_a_work_tree_a_bare_name_or_dot_makes_no_repository() {
    let t = Test::new().args(["new", "my-api", "-f", FRAMEWORK, "-y"]);
    git(&t.work(), &["init", "-q"]);
    t.run()
        .status(0)
        .stderr_has("no new repository was created");
    assert!(!t.path("my-api/.git").exists());

    let dot = Test::new().args(["new", ".", "-f", FRAMEWORK, "-y", "--force"]);
    git(&dot.work(), &["init", "-q"]);
    dot.run()
        .status(0)
        .stderr_has("no new repository was created");
    assert_eq!(git(&dot.work(), &["rev-list", "--all", "--count"]), "0");
}

#[test]
fn force_into_a_repository_root_leaves_its_index_alone() {
    let t = Test::new().args(["new", "repo", "-f", FRAMEWORK, "-y", "--force"]);
    let repo = t.path("repo");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    fs::write(repo.join("notes.txt"), "mine").unwrap();
    t.run()
        .status(0)
        .stderr_has("no new repository was created");
    assert_eq!(git(&repo, &["diff", "--cached", "--name-only"]), "");
    assert_eq!(fs::read_to_string(repo.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn a_dry_run_refuses_what_the_write_would_refuse() {
    let t = Test::new().args(["new", "svc", "-f", FRAMEWORK, "-y", "--force", "--dry-run"]);
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/README.md"), "mine").unwrap();
    t.run()
        .status(2)
        .stderr_has("svc already has README.md: groundwork never replaces a file that is there");
}

#[test]
fn a_target_through_dot_dot_is_written() {
    let t = Test::new().args(["new", "q/../qq", "-f", FRAMEWORK, "-y", "--no-git"]);
    t.run().status(0);
    assert!(t.path("qq/README.md").is_file());
}

#[test]
fn a_large_scale_chooses_postgres_and_every_output_says_why() {
    let t = Test::new();
    let dir = blueprint_with_a_database_option(&t);
    let t = t.args([
        "new",
        "svc",
        "-f",
        "house",
        "--blueprints-dir",
        &dir,
        "--scale",
        "large",
        "-y",
        "--json",
    ]);
    let run = t.run();
    run.status(0)
        .stderr_has("Chosen for your goals:\n  database = postgres (chosen for --scale large)\n");
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        summary["answers"]["database"],
        serde_json::json!({"value": "postgres", "source": "goal", "reason": "chosen for --scale large"})
    );
    assert_eq!(summary["answers"]["name"]["source"], "folder name");
    assert_eq!(summary["answers"]["author_name"]["source"], "git config");
    let project = t.path("svc");
    assert_eq!(
        fs::read_to_string(project.join("README.md")).unwrap(),
        "Items live in: postgres\n"
    );
    let record = fs::read_to_string(project.join(".groundwork.toml")).unwrap();
    assert!(record.contains("database = \"postgres\"\n"), "{record}");
    assert!(
        record.ends_with("#   database = postgres (chosen for --scale large)\n"),
        "{record}"
    );
    // The record replays to the same answer, now given by the file.
    let replay = t.then([
        "new",
        "again",
        "--blueprints-dir",
        &dir,
        "--answers",
        "svc/.groundwork.toml",
        "-y",
        "--json",
    ]);
    let run = replay.run();
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["answers"]["database"]["value"], "postgres");
    assert_eq!(summary["answers"]["database"]["source"], "answers file");
}

#[test]
fn a_dry_run_shows_the_goal_choice_and_a_flag_beats_it() {
    let t = Test::new();
    let dir = blueprint_with_a_database_option(&t);
    let base = [
        "new",
        "svc",
        "-f",
        "house",
        "--blueprints-dir",
        &dir,
        "-y",
        "--dry-run",
    ];
    let t = t.args(base).args(["--use-case", "ecommerce"]);
    t.run().status(0).stdout_has(
        "  644      24  README.md\nChosen for your goals:\n  database = postgres (chosen for --use-case ecommerce)\n",
    );
    let t = t.then(base).args(["--use-case", "ecommerce,mvp"]);
    t.run()
        .status(0)
        .stdout_has("  database = embedded (kept for --use-case mvp)\n");
    let t = t
        .then(base)
        .args(["--use-case", "ecommerce", "--set", "database=none"]);
    let run = t.run();
    run.status(0);
    assert!(
        !run.stdout.contains("Chosen for your goals"),
        "{}",
        run.stdout
    );
    assert!(entries(&t.work()).is_empty(), "a dry run writes nothing");
}

#[test]
fn the_generated_readme_names_the_goal_that_chose_the_database() {
    let t = Test::new().args([
        "new",
        "orders",
        "-f",
        "express",
        "--use-case",
        "ecommerce",
        "-y",
        "--no-git",
    ]);
    t.run().status(0);
    let readme = fs::read_to_string(t.path("orders/README.md")).unwrap();
    assert!(
        readme.contains("## Database\n\nChosen for the team's goals when the project was generated (an answer or `--set` would have\nreplaced it; `.groundwork.toml` records the same):\n- `database = postgres (chosen for --use-case ecommerce)`\n"),
        "{readme}"
    );
    let t = t.then(["new", "plain", "-f", "express", "-y", "--no-git"]);
    t.run().status(0);
    let readme = fs::read_to_string(t.path("plain/README.md")).unwrap();
    assert!(!readme.contains("Chosen for the team's goals"), "{readme}");
}
