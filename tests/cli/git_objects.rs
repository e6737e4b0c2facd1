//! The first commit's objects, which groundwork writes itself: git's own strictest check accepts
//! the repository, and git, adding the same files, arrives at the same tree.

use crate::support::{Test, git, git_bytes};
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

/// `git fsck --strict --full` finds nothing to report.
fn assert_fsck_clean(dir: &Path, when: &str) {
    let fsck = Command::new("git")
        .args(["fsck", "--strict", "--full", "--no-dangling"])
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        fsck.status.success() && fsck.stdout.is_empty() && fsck.stderr.is_empty(),
        "{when}: git fsck --strict: {}{}",
        String::from_utf8_lossy(&fsck.stdout),
        String::from_utf8_lossy(&fsck.stderr)
    );
}

/// The files of the work tree (not `.git`), by `/`-separated path.
fn work_tree_files(root: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == ".git" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            work_tree_files(root, &entry.path(), found);
        } else {
            let relative = entry.path().strip_prefix(root).unwrap().to_owned();
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn the_first_commit_is_one_pack_that_git_verifies_and_reads() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    t.run().status(0);
    let svc = t.path("svc");
    let pack_folder = svc.join(".git/objects/pack");
    let mut packs = crate::support::entries(&pack_folder);
    packs.sort();
    assert_eq!(packs.len(), 2, "one pack and its index: {packs:?}");
    assert!(
        packs[0].starts_with("pack-") && Path::new(&packs[0]).extension() == Some("idx".as_ref()),
        "{packs:?}"
    );
    assert_eq!(packs[1], packs[0].replace(".idx", ".pack"));

    // Every blob and tree of the commit is in the pack, once; only the commit is loose.
    let mut in_commit: Vec<String> = git(&svc, &["rev-list", "--objects", "HEAD"])
        .lines()
        .skip(1)
        .map(|line| line.split(' ').next().unwrap().to_string())
        .collect();
    in_commit.sort();
    in_commit.dedup();
    let verify = git(
        &svc,
        &[
            "verify-pack",
            "-v",
            &format!(".git/objects/pack/{}", packs[0]),
        ],
    );
    let mut packed: Vec<String> = verify
        .lines()
        .filter(|line| line.contains(" blob ") || line.contains(" tree "))
        .map(|line| line.split(' ').next().unwrap().to_string())
        .collect();
    packed.sort();
    assert_eq!(packed, in_commit, "git verify-pack -v:\n{verify}");
    assert!(
        verify.contains(&format!("non delta: {} objects", packed.len())),
        "{verify}"
    );
    let count = git(&svc, &["count-objects", "-v"]);
    assert!(count.lines().any(|l| l == "count: 1"), "{count}");
    assert!(
        count
            .lines()
            .any(|l| l == format!("in-pack: {}", packed.len())),
        "{count}"
    );

    // The tree lists exactly the files written, and each blob holds the file's bytes.
    let mut written = Vec::new();
    work_tree_files(&svc, &svc, &mut written);
    written.sort();
    let listed = git(&svc, &["ls-tree", "-r", "--name-only", "HEAD"]);
    let listed: Vec<&str> = listed.lines().collect();
    assert_eq!(listed, written);
    for path in &written {
        let blob = git_bytes(&svc, &["cat-file", "-p", &format!("HEAD:{path}")]);
        assert_eq!(blob, fs::read(svc.join(path)).unwrap(), "{path}");
    }
    assert_eq!(git(&svc, &["status", "--porcelain", "--ignored"]), "");
}

#[test]
fn git_gc_and_repack_keep_a_generated_repository_whole() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    t.run().status(0);
    let svc = t.path("svc");
    let head = git(&svc, &["rev-parse", "HEAD"]);
    let tree = git(&svc, &["ls-tree", "-r", "HEAD"]);
    git(&svc, &["gc", "--quiet"]);
    assert_fsck_clean(&svc, "after git gc");
    git(&svc, &["repack", "-a", "-d", "-q"]);
    assert_fsck_clean(&svc, "after git repack -ad");
    assert_eq!(git(&svc, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&svc, &["ls-tree", "-r", "HEAD"]), tree);
    assert_eq!(git(&svc, &["status", "--porcelain"]), "");
}

/// The files of `.git/hooks` of the generated `svc`, sorted.
fn hooks(t: &Test) -> Vec<String> {
    let mut names = crate::support::entries(&t.path("svc/.git/hooks"));
    names.sort();
    names
}

#[test]
fn git_s_sample_hooks_are_left_out_and_a_chosen_template_folder_is_copied() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    t.run().status(0);
    // None of git's sample hooks; libgit2 leaves a one-file note of its own.
    let left = hooks(&t);
    assert!(left.iter().all(|h| h == "README.sample"), "{left:?}");
    assert!(t.path("svc/.git/info/exclude").is_file());
    assert!(t.path("svc/.git/description").is_file());

    let template = |t: &Test| {
        let folder = t.dir.path().join("template");
        fs::create_dir_all(folder.join("hooks")).unwrap();
        fs::write(folder.join("hooks/pre-commit"), "#!/bin/sh\nexit 0\n").unwrap();
        folder
    };

    // Chosen in the git configuration.
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    let folder = template(&t);
    let mut gitconfig = fs::read_to_string(t.home().join(".gitconfig")).unwrap();
    gitconfig.push_str(&format!("[init]\n\ttemplateDir = {}\n", folder.display()));
    fs::write(t.home().join(".gitconfig"), gitconfig).unwrap();
    t.run().status(0);
    assert!(
        hooks(&t).contains(&"pre-commit".to_string()),
        "{:?}",
        hooks(&t)
    );

    // Chosen in the environment.
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    let folder = template(&t);
    let t = t.env("GIT_TEMPLATE_DIR", &folder.display().to_string());
    t.run().status(0);
    assert!(
        hooks(&t).contains(&"pre-commit".to_string()),
        "{:?}",
        hooks(&t)
    );
    assert_eq!(git(&t.path("svc"), &["status", "--porcelain"]), "");

    // A folder that is not there, or an empty value, gives no templates, as with `git init`.
    for given in ["no-such-folder", ""] {
        let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
        let value = if given.is_empty() {
            String::new()
        } else {
            t.dir.path().join(given).display().to_string()
        };
        let t = t.env("GIT_TEMPLATE_DIR", &value);
        t.run().status(0);
        let left = hooks(&t);
        assert!(
            left.iter().all(|h| h == "README.sample"),
            "{given:?}: {left:?}"
        );
    }

    // An empty `init.templateDir` chooses no folder either.
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    let mut gitconfig = fs::read_to_string(t.home().join(".gitconfig")).unwrap();
    gitconfig.push_str("[init]\n\ttemplateDir =\n");
    fs::write(t.home().join(".gitconfig"), gitconfig).unwrap();
    t.run().status(0);
    let left = hooks(&t);
    assert!(left.iter().all(|h| h == "README.sample"), "{left:?}");
}
