//! `groundwork new --install` and the toolchain: a failed install keeps the project and says how
//! to retry, and a missing toolchain is a warning, not a failure.

use crate::support::{Test, git};
use std::fs;

#[test]
fn a_failed_install_keeps_the_project_and_says_how_to_retry() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y", "--install"]);
    // A PATH with a shell but no npm: the install command fails at once.
    let bin = t.dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    let t = t.env("PATH", bin.to_str().unwrap());
    let run = t.run();
    run.status(1)
        .stderr_has("error: the install command `npm install` failed; the end of svc/groundwork-install.log:")
        .stderr_has("npm: not found")
        .stderr_has("hint: the project is complete; to retry: cd svc && npm install");
    assert!(t.path("svc/package.json").is_file());
    assert_eq!(
        git(&t.path("svc"), &["status", "--porcelain"]),
        "",
        "the log is ignored"
    );
}

#[test]
fn new_warns_when_the_toolchain_is_missing_but_still_succeeds() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y", "--no-git"]);
    let empty = t.dir.path().join("empty-bin");
    fs::create_dir(&empty).unwrap();
    let t = t.env("PATH", empty.to_str().unwrap());
    t.run()
        .status(0)
        .stderr_has("warning: node not found: the project's commands need it, version 20 or newer (see `groundwork doctor node`)");
    assert!(t.path("svc/package.json").is_file());
}
