//! Loading folder blueprints: only what a command needs is read (manifests for `list`, one
//! template for `new`), every file within a cap on its size, and a file that is also named outside
//! the blueprint (a hard link) is refused like a symbolic link.

use crate::support::{Test, git};
use std::fs;
use std::path::Path;

/// A test folder holding `house`, a valid blueprint made by `groundwork blueprint new`.
fn with_house() -> Test {
    let t = Test::new().args(["blueprint", "new", "house"]);
    t.run().status(0);
    t
}

/// Makes `path` a sparse file of `size` bytes: nothing is written, so a test can offer a
/// gigabyte without the disk or the time.
fn sparse(path: &Path, size: u64) {
    fs::File::create(path).unwrap().set_len(size).unwrap();
}

/// Replaces `from` with `to` in `house/blueprint.toml`; `from` must be there.
fn edit_manifest(t: &Test, from: &str, to: &str) {
    let path = t.path("house/blueprint.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(from),
        "the skeleton's manifest lacks {from:?}"
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const NEW_HOUSE: [&str; 7] = [
    "new",
    "svc",
    "-f",
    "house",
    "--yes",
    "--blueprints-dir",
    "house",
];

#[test]
fn a_huge_file_in_a_folder_blueprint_is_refused_without_reading_it() {
    let t = with_house();
    sparse(&t.path("house/template/data.bin"), 1 << 30);
    let t = t.then(NEW_HOUSE);
    t.run().status(2).stderr(
        "error: the blueprint in house is invalid: template/data.bin is 1073741824 bytes (1 GiB), over the cap of 8 MiB for one template file (a blueprint holds source files: leave large files out)\n\
         hint: `groundwork blueprint check house` lists every problem\n",
    );
    assert!(!t.path("svc").exists(), "nothing is written");
    let t = t.then(["blueprint", "check", "house"]);
    t.run()
        .status(1)
        .stdout_has("problem: template/data.bin is 1073741824 bytes (1 GiB), over the cap of 8 MiB for one template file");
}

#[test]
fn list_does_not_read_templates() {
    let t = with_house();
    sparse(&t.path("house/template/data.bin"), 1 << 30);
    std::os::unix::fs::symlink("/etc/passwd", t.path("house/template/passwd")).unwrap();
    let t = t.then(["list", "--blueprints-dir", "house"]);
    t.run().status(0).stdout_has("house");
    let t = t.then([
        "recommend",
        "--language",
        "python",
        "--blueprints-dir",
        "house",
    ]);
    t.run().status(0);
    let t = t.then(["show", "house", "--blueprints-dir", "house"]);
    t.run()
        .status(2)
        .stderr_has("template/data.bin is 1073741824 bytes (1 GiB), over the cap");
}

#[test]
fn new_with_one_framework_reads_no_other_folder_blueprint() {
    let t = Test::new().args(["blueprint", "new", "ours/house"]);
    t.run().status(0);
    let t = t.then(["blueprint", "new", "ours/broken"]);
    t.run().status(0);
    let manifest = t.path("ours/broken/blueprint.toml");
    fs::write(&manifest, "this is not toml =\n").unwrap();
    sparse(&t.path("ours/broken/template/data.bin"), 1 << 30);
    let t = t.then([
        "new",
        "svc",
        "-f",
        "house",
        "--yes",
        "--blueprints-dir",
        "ours",
    ]);
    t.run().status(0);
    assert_eq!(git(&t.path("svc"), &["status", "--porcelain"]), "");
    let t = t.then(["list", "--blueprints-dir", "ours"]);
    t.run()
        .status(2)
        .stderr_has("error: the blueprint in ours/broken is invalid: blueprint.toml:");
}

#[test]
fn too_large_a_template_in_all_is_refused() {
    let t = with_house();
    let big = 7 * 1024 * 1024 + 512 * 1024;
    for i in 0..9 {
        sparse(&t.path(&format!("house/template/part{i}.bin")), big);
    }
    let t = t.then(NEW_HOUSE);
    t.run().status(2).stderr_has(
        "error: the blueprint in house is invalid: template/part8.bin (7864320 bytes) takes the template over the cap of 64 MiB for all its files together\n",
    );
}

#[test]
fn too_many_template_files_are_refused() {
    let t = with_house();
    let many = t.path("house/template/many");
    fs::create_dir(&many).unwrap();
    for i in 0..10_000 {
        fs::write(many.join(format!("{i:05}.txt")), "").unwrap();
    }
    let t = t.then(NEW_HOUSE);
    t.run()
        .status(2)
        .stderr_has("a template may hold at most 10000 files");
    assert!(!t.path("svc").exists());
}

#[test]
fn an_oversized_manifest_is_refused() {
    let t = with_house();
    let padding = format!("# {}\n", "x".repeat(1024)).repeat(300);
    edit_manifest(&t, "[commands]", &format!("{padding}[commands]"));
    let size = fs::metadata(t.path("house/blueprint.toml")).unwrap().len();
    let t = t.then(["list", "--blueprints-dir", "house"]);
    t.run().status(2).stderr_has(&format!(
        "error: the blueprint in house is invalid: blueprint.toml is {size} bytes ({:.1} KiB), over the cap of 256 KiB for a manifest or profile\n",
        f64::from(u32::try_from(size).unwrap()) / 1024.0
    ));
}

#[test]
fn a_hard_link_in_a_folder_blueprint_is_refused() {
    let t = with_house();
    fs::write(t.path("secret"), "outside the blueprint\n").unwrap();
    fs::hard_link(t.path("secret"), t.path("house/template/secret.txt")).unwrap();
    let t = t.then(NEW_HOUSE);
    t.run().status(2).stderr(
        "error: the blueprint in house is invalid: template/secret.txt is a hard link (the file has 2 names); a blueprint is data and may not share a file with anything outside its folder (put a copy of the file there)\n\
         hint: `groundwork blueprint check house` lists every problem\n",
    );
    assert!(!t.path("svc").exists(), "nothing is written");
    let t = t.then(["blueprint", "check", "house"]);
    t.run()
        .status(1)
        .stdout_has("problem: template/secret.txt is a hard link (the file has 2 names)");
}

#[test]
fn a_hard_linked_manifest_is_refused() {
    let t = with_house();
    fs::rename(t.path("house/blueprint.toml"), t.path("manifest.toml")).unwrap();
    fs::hard_link(t.path("manifest.toml"), t.path("house/blueprint.toml")).unwrap();
    let t = t.then(["list", "--blueprints-dir", "house"]);
    t.run().status(2).stderr_has(
        "error: the blueprint in house is invalid: blueprint.toml is a hard link (the file has 2 names);",
    );
}

#[test]
fn bad_semver_is_a_manifest_problem() {
    let t = with_house();
    edit_manifest(&t, "version = \"0.1.0\"", "version = \"0.1\"");
    let t = t.then(["list", "--blueprints-dir", "house"]);
    t.run().status(2).stderr(
        "error: the blueprint in house is invalid: version `0.1` is not a semantic version (MAJOR.MINOR.PATCH such as `1.0.0`, optionally with `-pre.release` and `+build`)\n\
         hint: `groundwork blueprint check house` lists every problem\n",
    );
    let t = t.then(["blueprint", "check", "house"]);
    t.run().status(1).stdout_has(
        "problem: blueprint.toml, line 9, column 11: version `0.1` is not a semantic version",
    );
}

#[test]
fn a_language_that_is_not_a_lowercase_identifier_is_a_manifest_problem() {
    let t = with_house();
    edit_manifest(&t, "language = \"python\"", "language = \"Python 3\"");
    let t = t.then(["blueprint", "check", "house"]);
    t.run().status(1).stdout_has(
        "problem: blueprint.toml, line 7, column 12: language `Python 3` must be a lowercase identifier such as `python` or `csharp`",
    );
}
