//! The first commit's objects, which groundwork writes itself: git's own strictest check accepts
//! the repository, and git, adding the same files, arrives at the same tree.

use crate::support::{Test, git};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Copies the files of `from` (not `.git`) into `to`.
fn copy_work_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == ".git" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_work_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn git_fsck_strict_accepts_a_generated_repository() {
    for framework in ["fastapi", "spring-boot"] {
        let t = Test::new().args(["new", "svc", "-f", framework, "-y"]);
        t.run().status(0);
        let svc = t.path("svc");
        let fsck = Command::new("git")
            .args(["fsck", "--strict", "--full", "--no-dangling"])
            .current_dir(&svc)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            fsck.status.success() && fsck.stdout.is_empty() && fsck.stderr.is_empty(),
            "{framework}: git fsck --strict: {}{}",
            String::from_utf8_lossy(&fsck.stdout),
            String::from_utf8_lossy(&fsck.stderr)
        );
        assert_eq!(git(&svc, &["rev-list", "--count", "HEAD"]), "1");

        // git, adding the same bytes to a fresh repository, writes the same tree. The plan's
        // bytes are committed as they are, so `.gitattributes` (which could convert line
        // endings as git adds a file) is added last.
        let copy = t.path("copy");
        copy_work_tree(&svc, &copy);
        git(&copy, &["init", "-q"]);
        let attributes = copy.join(".gitattributes");
        let kept = t.path("gitattributes");
        let had_attributes = attributes.exists();
        if had_attributes {
            fs::rename(&attributes, &kept).unwrap();
        }
        git(&copy, &["add", "-A", "-f"]);
        if had_attributes {
            fs::rename(&kept, &attributes).unwrap();
            git(&copy, &["add", "-f", ".gitattributes"]);
        }
        assert_eq!(
            git(&copy, &["write-tree"]),
            git(&svc, &["rev-parse", "HEAD^{tree}"]),
            "{framework}: the committed tree differs from the one git makes of the same files"
        );
    }
}
